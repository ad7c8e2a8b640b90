/**
 * `npm run keel -- scan` on a sample repository built in a temporary folder: references in several
 * languages, .gitignore'd files, node_modules, a binary file, a huge file and symlinks that loop,
 * leave the folder or lead nowhere.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeFlag, makeMember, uniqueKey } from "../../prisma/factories";
import type { ScanResult } from "../core/code-references/scan-result";
import { keelCli } from "../test/keel-cli";

let repo: string;
let outside: string;

async function write(file: string, content: string | Buffer): Promise<void> {
  await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
  await writeFile(path.join(repo, file), content);
}

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), "keel-scan-"));
  outside = await mkdtemp(path.join(tmpdir(), "keel-scan-outside-"));
  await writeFile(path.join(outside, "elsewhere.ts"), 'isOn("new-checkout");\n');
  await write(".git/config", '[branch "new-checkout"]\n');
  await write(".gitignore", "generated/\n*.log\n");
  await write("src/checkout.ts", 'import { client } from "./flags";\n\nexport const useNew = () => client.getBooleanValue("new-checkout", false);\n');
  await write("src/components/banner.tsx", "export function Banner() {\n  const dark = useFlag('dark-mode');\n  return <div data-flag={`new-checkout`} />;\n}\n");
  await write("src/.gitignore", "legacy.ts\n");
  await write("src/legacy.ts", 'isOn("new-checkout");\n');
  await write("jobs/report.py", 'if client.get_boolean_value("dark-mode", False):\n    pass\n');
  await write("generated/flags.ts", 'export const FLAGS = ["new-checkout", "dark-mode"];\n');
  await write("debug.log", 'evaluated "new-checkout"\n');
  await write("node_modules/some-sdk/index.js", 'module.exports = "new-checkout";\n');
  await write("assets/logo.png", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from('"new-checkout"')]));
  await write("data/huge.json", `["new-checkout", "${"x".repeat(1.5 * 1024 * 1024)}"]`);
  await symlink("..", path.join(repo, "src/loop"));
  await symlink(outside, path.join(repo, "vendor-link"));
  await symlink("nowhere.ts", path.join(repo, "dangling.ts"));
});

describe("keel scan (command line)", () => {
  it("prints each reference as path:line:column per flag, honours .gitignore and reports what it skipped", async () => {
    const { code, stdout, stderr } = await keelCli(["scan", repo, "--keys", "new-checkout,dark-mode,unused-flag"]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toEqual([
      "dark-mode: 2 references",
      "  jobs/report.py:1:30  dark-mode  if client.get_boolean_value(\"dark-mode\", False):",
      "  src/components/banner.tsx:2:25  dark-mode  const dark = useFlag('dark-mode');",
      "",
      "new-checkout: 2 references",
      '  src/checkout.ts:3:53  new-checkout  export const useNew = () => client.getBooleanValue("new-checkout", false);',
      "  src/components/banner.tsx:3:27  new-checkout  return <div data-flag={`new-checkout`} />;",
      "",
      "No references: unused-flag",
    ]);
    expect(stderr).toContain("skipped assets/logo.png: binary file\n");
    expect(stderr).toContain("skipped data/huge.json: larger than 1 MiB (1.5 MiB): raise --max-file-size to scan it\n");
    expect(stderr).toContain("skipped src/loop: symlink loop: it points back to the scanned folder, which encloses it\n");
    expect(stderr).toContain(`skipped vendor-link: symlink to ${outside}, outside the scanned folder (--follow-external-symlinks follows it)\n`);
    expect(stderr).toContain("skipped dangling.ts: broken symlink (its target does not exist)\n");
    expect(stderr).toMatch(new RegExp(`Scanned 5 files in ${repo} \\(\\d+\\.\\d s\\): 4 references to 2 of 3 flags; 5 skipped\\.\\n$`));
  }, 60_000);

  it("writes the JSON result with --json, follows external symlinks on request and takes a larger file size", async () => {
    const { code, stdout } = await keelCli(["scan", repo, "--keys", "new-checkout", "--json", "--follow-external-symlinks", "--max-file-size", "2MiB"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ScanResult;
    expect(result).toMatchObject({ root: repo, flagKeys: ["new-checkout"], filesScanned: 7 });
    expect(new Date(result.scannedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(result.references.map((r) => `${r.path}:${r.line}:${r.column}`)).toEqual([
      "data/huge.json:1:3",
      "src/checkout.ts:3:53",
      "src/components/banner.tsx:3:27",
      "vendor-link/elsewhere.ts:1:7",
    ]);
    expect(result.filesSkipped.map((s) => s.path)).toEqual(["assets/logo.png", "dangling.ts", "src/loop"]);
  }, 60_000);

  it("takes globs and patterns from .keel/scan.json, and the command line over it", async () => {
    await write(".keel/scan.json", JSON.stringify({ include: ["**/*.py", "**/*.tsx"], patterns: ["useFlag\\('{key}'\\)"] }));
    await write("keys.txt", "# flags of the sample\ndark-mode\nnew-checkout\n");
    const configured = await keelCli(["scan", repo, "--keys-file", path.join(repo, "keys.txt")]);
    expect(configured.code).toBe(0);
    expect(configured.stdout).toContain("dark-mode: 1 reference\n  src/components/banner.tsx:2:25  dark-mode");
    expect(configured.stdout).toContain("No references: new-checkout");

    const overridden = await keelCli(["scan", repo, "--keys", "dark-mode", "--include", "jobs/**", "--pattern", "get_boolean_value\\(\"(?<key>[a-z-]+)\""]);
    expect(overridden.stdout).toContain("  jobs/report.py:1:30  dark-mode");
    expect(overridden.stderr).toContain("Scanned 1 file in");

    await write(".keel/scan.json", '{ "include": "**/*.py" }');
    const broken = await keelCli(["scan", repo, "--keys", "dark-mode"]);
    expect(broken).toMatchObject({ code: 2, stdout: "" });
    expect(broken.stderr).toBe(`keel scan: ${path.join(repo, ".keel/scan.json")}: include: must be a list of globs.\n`);
    await rm(path.join(repo, ".keel"), { recursive: true });
  }, 60_000);

  it("looks for every flag in Keel's database when no keys are given", async () => {
    const flagKey = uniqueKey("scan-flag");
    await makeFlag(await makeMember(["experimenter"]), { key: flagKey });
    await write("src/fresh.ts", `export const on = await client.getBooleanValue("${flagKey}", false);\n`);
    const { code, stdout } = await keelCli(["scan", repo, "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ScanResult;
    expect(result.flagKeys).toContain(flagKey);
    expect(result.references.filter((r) => r.flagKey === flagKey).map((r) => `${r.path}:${r.line}`)).toEqual(["src/fresh.ts:1"]);
  }, 60_000);

  it("refuses bad input with a message naming it and exit code 2, without a stack trace", async () => {
    const missing = path.join(repo, "does-not-exist");
    for (const [args, message] of [
      [["scan", missing, "--keys", "beta"], `keel scan: Cannot scan ${missing}: no such file or folder.\n`],
      [["scan", path.join(repo, "src/checkout.ts"), "--keys", "beta"], `keel scan: Cannot scan ${path.join(repo, "src/checkout.ts")}: it is a file, not a folder.\n`],
      [["scan", "--keys", "beta"], "keel scan: Give the one folder to scan, e.g. npm run keel -- scan ../my-app --keys new-checkout.\n"],
      [["scan", repo, "--keys", "beta", "--pattern", "isOn\\("], 'keel scan: --pattern "isOn\\\\(" does not capture a flag key: write {key} where the key stands, or a named group (?<key>…).\n'],
      [["scan", repo, "--keys", "beta", "--max-file-size", "big"], 'keel scan: --max-file-size must be a size such as 1048576, 512KiB or 2MiB (got "big").\n'],
    ] as const) {
      expect(await keelCli([...args])).toEqual({ code: 2, stdout: "", stderr: message });
    }
  }, 60_000);
});
