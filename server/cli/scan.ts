import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { formatByteSize } from "../core/code-references/byte-size";
import { findReferences } from "../core/code-references/find-references";
import { formatReferences, formatSkipped, formatSummary } from "../core/code-references/format-scan-report";
import { compilePatterns } from "../core/code-references/reference-patterns";
import type { CodeReference, ScanResult } from "../core/code-references/scan-result";
import { AppError } from "../core/errors";
import type { Db } from "../db/client";
import { listFlagChoices } from "../db/flags";
import { describeFsError, parseScanArgs, type ScanOptions } from "./scan-options";
import { walkFiles } from "./scan-walk";
import { fetchFlagKeys, uploadScan } from "./scan-upload";

/** A file with a NUL byte among its first bytes is binary, as git and grep decide. */
const BINARY_SNIFF_BYTES = 8 * 1024;

/**
 * `keel scan <dir>`: where the code in <dir> uses Keel's flags. The report goes to stdout (lines
 * grouped per flag, or the ScanResult as JSON with --json), skipped files and a summary line to
 * stderr. Returns the exit code: 0 after a scan, 2 for bad input (a missing folder, a bad option,
 * pattern or config file), with a message naming what to fix. Without --keys or --keys-file it
 * looks for the keys of Keel's flags: asked from Keel over HTTP with --upload's server key, else
 * read from Keel's database (an unreadable database throws: exit code 1). With --upload it then
 * sends the result to Keel (scan-upload.ts) as the latest scan of --repository; exit code 1 when
 * Keel refuses it or cannot be reached.
 */
export async function runScan(db: Db, argv: string[], cwd = process.env.INIT_CWD ?? process.cwd()): Promise<number> {
  const started = performance.now();
  try {
    const options = parseScanArgs(argv, cwd);
    const patterns = compilePatterns(options.patterns);
    // with --upload and no --keys, Keel names its flags over HTTP (a CI pipeline has no database)
    let flagKeys: string[];
    try {
      flagKeys = options.keys ?? (options.upload ? await fetchFlagKeys(options.upload) : await flagKeysInKeel(db));
    } catch (error) {
      if (error instanceof AppError) throw error;
      console.error(`keel scan: ${(error as Error).message}`);
      return 1;
    }
    if (flagKeys.length === 0) console.error("Keel has no flags yet: nothing to look for (give keys with --keys or --keys-file).");
    const result = scanFolder(options, flagKeys, patterns, new Date());
    const report = options.json ? [JSON.stringify(result, null, 2)] : formatReferences(result);
    if (report.length > 0) console.log(report.join("\n"));
    for (const line of formatSkipped(result)) console.error(line);
    console.error(formatSummary(result, performance.now() - started));
    if (options.upload) {
      try {
        console.error(await uploadScan(result, options.upload));
      } catch (error) {
        console.error(`keel scan: ${(error as Error).message}`);
        return 1;
      }
    }
    return 0;
  } catch (error) {
    if (!(error instanceof AppError && error.code === "BAD_INPUT")) throw error;
    console.error(`keel scan: ${error.message}`);
    return 2;
  }
}

export function scanFolder(options: ScanOptions, flagKeys: string[], patterns: RegExp[], now: Date): ScanResult {
  const keys = new Set(flagKeys);
  const walk = walkFiles(options.root, options);
  const skipped = [...walk.skipped];
  const references: CodeReference[] = [];
  let filesScanned = 0;
  for (const file of walk.files) {
    const source = readSourceFile(file.absolute, options.maxFileSize);
    if ("reason" in source) {
      skipped.push({ path: file.path, reason: source.reason });
      continue;
    }
    filesScanned += 1;
    references.push(...findReferences({ path: file.path, text: source.text }, keys, patterns));
  }
  // stable sorts: a file's references stay in line order
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { scannedAt: now.toISOString(), root: options.root, flagKeys, filesScanned, filesSkipped: skipped.sort(byPath), references: references.sort(byPath) };
}

function readSourceFile(file: string, maxBytes: number): { text: string } | { reason: string } {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const size = fstatSync(fd).size;
    if (size > maxBytes) return { reason: `larger than ${formatByteSize(maxBytes)} (${formatByteSize(size)}): raise --max-file-size to scan it` };
    const bytes = readFileSync(fd);
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { reason: "binary file" };
    return { text: bytes.toString("utf8") };
  } catch (error) {
    return { reason: `cannot read the file: ${describeFsError(error)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Every active (not archived) flag's key. */
async function flagKeysInKeel(db: Db): Promise<string[]> {
  try {
    return (await listFlagChoices(db)).map((flag) => flag.key);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).trim().split("\n").pop()?.replace(/\.$/, "");
    throw new AppError("PRECONDITION_FAILED", `Cannot read the flags from Keel's database (${reason}). Give the keys with --keys or --keys-file.`);
  }
}
