import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseByteSize } from "../core/code-references/byte-size";
import { parseFlagKeyList } from "../core/code-references/flag-key-list";
import { DEFAULT_PATTERNS } from "../core/code-references/reference-patterns";
import { parseScanConfig, type ScanConfig } from "../core/code-references/scan-config";
import { repositorySchema } from "../core/code-references/upload-input";
import { fieldError } from "../core/errors";

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
export const CONFIG_FILE = ".keel/scan.json";

export type ScanOptions = {
  /** the folder to scan, absolute */
  root: string;
  /** the flag keys from --keys and --keys-file; null: every flag in Keel's database */
  keys: string[] | null;
  /** globs relative to the root; an empty include list means every file */
  include: string[];
  exclude: string[];
  patterns: string[];
  maxFileSize: number;
  json: boolean;
  followExternalSymlinks: boolean;
  /** --upload: send the result to Keel as the latest scan of `repository`; null: print only */
  upload: UploadTarget | null;
};

export type UploadTarget = {
  /** Keel's address, e.g. https://keel.example.com (--url, KEEL_URL) */
  url: string;
  /** a server SDK key (--key, KEEL_SDK_KEY) */
  key: string;
  /** --repository, default the scanned folder's name */
  repository: string;
};

const OPTIONS = {
  keys: { type: "string" },
  "keys-file": { type: "string" },
  pattern: { type: "string", multiple: true },
  include: { type: "string", multiple: true },
  exclude: { type: "string", multiple: true },
  config: { type: "string" },
  "max-file-size": { type: "string" },
  json: { type: "boolean" },
  "follow-external-symlinks": { type: "boolean" },
  upload: { type: "boolean" },
  url: { type: "string" },
  key: { type: "string" },
  repository: { type: "string" },
} as const;

/**
 * `keel scan <dir> [options]`, relative paths resolved against `cwd`. The command line wins over
 * the config file (<dir>/.keel/scan.json, or --config), field by field.
 */
export function parseScanArgs(argv: string[], cwd: string, env: Record<string, string | undefined> = process.env): ScanOptions {
  const { values, positionals } = parseCommandLine(argv);
  if (positionals.length !== 1) throw fieldError("dir", "Give the one folder to scan, e.g. npm run keel -- scan ../my-app --keys new-checkout.");
  const root = path.resolve(cwd, positionals[0]!);
  assertFolder(root);
  const config = values.config === undefined ? readConfig(path.join(root, CONFIG_FILE), false) : readConfig(path.resolve(cwd, values.config), true);
  return {
    root,
    keys: readKeys(values.keys, values["keys-file"] === undefined ? undefined : path.resolve(cwd, values["keys-file"])),
    include: values.include ?? config.include ?? [],
    exclude: values.exclude ?? config.exclude ?? [],
    patterns: values.pattern ?? config.patterns ?? [...DEFAULT_PATTERNS],
    maxFileSize: values["max-file-size"] === undefined ? DEFAULT_MAX_FILE_SIZE : parseByteSize(values["max-file-size"], "--max-file-size"),
    json: values.json ?? false,
    followExternalSymlinks: values["follow-external-symlinks"] ?? false,
    upload: uploadTarget(values, root, env),
  };
}

function uploadTarget(
  values: { upload?: boolean; url?: string; key?: string; repository?: string },
  root: string,
  env: Record<string, string | undefined>,
): UploadTarget | null {
  if (!values.upload) {
    const stray = (["url", "key", "repository"] as const).find((option) => values[option] !== undefined);
    if (stray) throw fieldError(stray, `--${stray} is for uploading: add --upload to send the scan to Keel.`);
    return null;
  }
  const url = (values.url ?? env.KEEL_URL ?? "http://localhost:3000").trim().replace(/\/+$/, "");
  if (!/^https?:\/\/[^/\s]+/.test(url)) throw fieldError("url", `“${url}” is not the address of a running Keel; give one such as --url https://keel.example.com (or set KEEL_URL).`);
  const key = (values.key ?? env.KEEL_SDK_KEY ?? "").trim();
  if (!key) throw fieldError("key", "--upload needs a server SDK key: --key keel_srv_… or KEEL_SDK_KEY (npm run -s keel -- keys create --env production --kind server).");
  const repository = (values.repository ?? path.basename(root)).trim();
  const checked = repositorySchema.safeParse(repository);
  if (!checked.success) throw fieldError("repository", `--repository: ${checked.error.issues[0]!.message}`);
  return { url, key, repository: checked.data };
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    // node:util's own message, e.g. "Unknown option '--key'"
    throw fieldError("args", `${error instanceof Error ? error.message : String(error)} (npm run keel -- help lists the options)`);
  }
}

function assertFolder(root: string): void {
  let problem: string | null;
  try {
    problem = statSync(root).isDirectory() ? null : "it is a file, not a folder";
  } catch (error) {
    problem = describeFsError(error);
  }
  if (problem) throw fieldError("dir", `Cannot scan ${root}: ${problem}.`);
}

function readConfig(file: string, given: boolean): ScanConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (!given && (error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw fieldError("config", `Cannot read the config file ${file}: ${describeFsError(error)}.`);
  }
  return parseScanConfig(text, file);
}

function readKeys(list: string | undefined, file: string | undefined): string[] | null {
  if (list === undefined && file === undefined) return null;
  const fromList = list === undefined ? [] : parseFlagKeyList(list, "--keys");
  const fromFile = file === undefined ? [] : parseFlagKeyList(readKeysFile(file), "--keys-file");
  const keys = [...new Set([...fromList, ...fromFile])].sort();
  if (keys.length === 0) throw fieldError("keys", "--keys and --keys-file name no flag keys: give keys such as --keys new-checkout,dark-mode, or leave both out to look for every flag in Keel.");
  return keys;
}

function readKeysFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw fieldError("keys-file", `Cannot read the keys file ${file}: ${describeFsError(error)}.`);
  }
}

const FS_PROBLEMS: Record<string, string> = {
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EACCES: "permission denied",
  EISDIR: "it is a folder, not a file",
  ELOOP: "too many symbolic links (a symlink loop)",
};

/** A file-system error in words, e.g. "permission denied". */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  return FS_PROBLEMS[code] ?? (error instanceof Error ? error.message : String(error));
}
