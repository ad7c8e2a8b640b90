/**
 * Part 5 of `npm run bench`: `keel scan` (issue 16: "fast on a repository of 10,000 files"). A
 * seeded synthetic repository (scan-repository.ts) is written to a temp dir: 10,000 source files,
 * 2 % of them calling flags by key, node_modules/ and .gitignore'd dist/ folders with another
 * 10,000 files (holding flag keys too) and a few binary files. Keel's scanner runs in-process
 * (`scanFolder`, as `keel scan <dir> --keys-file keys.txt` calls it) and must find exactly the
 * references planted outside the ignored folders. Baselines, measured in the same rounds over the
 * same tree: GNU grep (`grep -rIF -n -f keys.txt --exclude-dir=node_modules --exclude-dir=dist`)
 * and a plain Node loop (readdir, readFileSync, one regular expression of the keys per file).
 * Target: the scan takes ≤ 3× GNU grep's time.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { scanFolder } from "../cli/scan";
import { parseScanArgs } from "../cli/scan-options";
import { compilePatterns } from "../core/code-references/reference-patterns";
import type { ScanResult } from "../core/code-references/scan-result";
import { DEFAULT_SPEC, generateRepository, type GeneratedRepository } from "./scan-repository";
import { formatRate, formatRatio, median, nowMs, table, type Target } from "./stats";

const TARGET_RATIO = 3;
/** What grep and the Node loop leave out by name, as the scanner does by .gitignore and always for node_modules. */
const SKIPPED_FOLDERS = new Set(["node_modules", "dist", ".git"]);
const BINARY_SNIFF_BYTES = 8 * 1024;

/**
 * A full garbage collection before each in-process run: `keel scan` runs once in a fresh process,
 * so a run must not pay for the previous runs' ~50 MB of file buffers (without it, the in-process
 * runs alternate between ~450 and ~650 ms on the same tree, depending on which one a major GC hits).
 */
function collectGarbage(): void {
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as () => void)();
}

type Timed = { medianMs: number; samplesMs: number[] };

export type ScanBenchResult = {
  runs: number;
  warmups: number;
  repository: Omit<GeneratedRepository, "root" | "flagKeys"> & { seed: number; flagKeys: number; generationMs: number };
  scanner: Timed & { filesScanned: number; filesSkipped: number; references: number; filesPerS: number; mbPerS: number };
  grep: Timed & { version: string; command: string; locale: string; matchingLines: number };
  nodeLoop: Timed & { description: string; files: number; matches: number };
  /** for reference, not a baseline: the Node loop without the regex (walk, read, NUL check, decode) */
  nodeReadOnly: Timed;
  /** the scan's median time over each baseline's */
  ratios: { vsGrep: number; vsNodeLoop: number };
  check: { ok: boolean; problems: string[] };
  targets: Target[];
};

export async function runScanBench(options: { runs: number; warmups: number }, log: (line: string) => void = console.log): Promise<ScanBenchResult> {
  log(`Part 5 — scan: keel scan over a generated repository of ${DEFAULT_SPEC.sourceFiles.toLocaleString("en")} source files, vs GNU grep and a plain Node loop`);
  const grepVersion = spawnSync("grep", ["--version"], { encoding: "utf8" });
  if (grepVersion.status !== 0) throw new Error(`grep is needed for part 5's baseline (grep --version: ${grepVersion.error?.message ?? grepVersion.stderr})`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "keel-bench-scan-"));
  try {
    const root = path.join(dir, "repo");
    mkdirSync(root);
    const generationStarted = nowMs();
    const repo = generateRepository(root, DEFAULT_SPEC);
    const generationMs = nowMs() - generationStarted;
    // the ~110 MB just written reach the disk now, not while the runs are timed
    spawnSync("sync");
    // outside the repository, so that neither the scan nor grep reads it
    const keysFile = path.join(dir, "keys.txt");
    writeFileSync(keysFile, repo.flagKeys.join("\n") + "\n");
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
    log(
      `  ${repo.sourceFiles.toLocaleString("en")} source files (${mb(repo.bytes)}, median ${(repo.medianFileBytes / 1000).toFixed(1)} KB), ` +
        `${repo.binaryFiles.length} binary files; ${repo.plantedReferences} references to ${repo.keysReferenced} of ${repo.flagKeys.length} flag keys ` +
        `in ${repo.referencingFiles} files, ${repo.decoys} decoys (a key in a comment or in "key-v2")`,
    );
    log(
      `  skipped: ${repo.ignoredFiles.toLocaleString("en")} files in node_modules/ and .gitignore'd dist/ (${mb(repo.ignoredBytes)}, ` +
        `${repo.plantedInIgnored} references a scan that did not skip them would find) — generated in ${(generationMs / 1000).toFixed(1)} s`,
    );

    const scan = (): ScanResult => {
      const scanOptions = parseScanArgs([root, "--keys-file", keysFile], root);
      return scanFolder(scanOptions, scanOptions.keys!, compilePatterns(scanOptions.patterns), new Date());
    };
    const grepArgs = ["-rIF", "-n", "-f", keysFile, "--exclude-dir=node_modules", "--exclude-dir=dist", "."];
    const locale = "C";
    const grep = (): number => {
      const run = spawnSync("grep", grepArgs, { cwd: root, encoding: "utf8", maxBuffer: 256 * 2 ** 20, env: { ...process.env, LC_ALL: locale } });
      if (run.status !== 0 && run.status !== 1) throw new Error(`grep ${grepArgs.join(" ")} failed (${run.status ?? run.signal}): ${run.error?.message ?? run.stderr}`);
      return run.stdout.split("\n").filter(Boolean).length;
    };
    const keyAlternation = new RegExp(`["'\`/](?:${repo.flagKeys.map((k) => k.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")).join("|")})(?![A-Za-z0-9_-])`, "g");
    const loop = () => nodeLoop(root, keyAlternation);
    const readOnly = () => nodeLoop(root, null);

    const samples = { scanner: [] as number[], grep: [] as number[], nodeLoop: [] as number[], readOnly: [] as number[] };
    let scanned: ScanResult | undefined;
    let matchingLines = 0;
    let loopCounts = { files: 0, matches: 0 };
    const problems: string[] = [];
    // round-robin, so that a noisy moment of a shared machine hits one sample of each, not one contender
    for (let round = 0; round < options.warmups + options.runs; round++) {
      const measured = round >= options.warmups;
      collectGarbage();
      let started = nowMs();
      const result = scan();
      if (measured) samples.scanner.push(nowMs() - started);
      problems.push(...checkScan(result, repo).map((p) => `run ${round + 1}: ${p}`));
      scanned = result;
      started = nowMs();
      matchingLines = grep();
      if (measured) samples.grep.push(nowMs() - started);
      collectGarbage();
      started = nowMs();
      loopCounts = loop();
      if (measured) samples.nodeLoop.push(nowMs() - started);
      collectGarbage();
      started = nowMs();
      readOnly();
      if (measured) samples.readOnly.push(nowMs() - started);
    }
    const timed = (values: number[]): Timed => ({ medianMs: median(values), samplesMs: values.map((v) => Math.round(v * 10) / 10) });
    const result: ScanBenchResult = {
      runs: options.runs,
      warmups: options.warmups,
      repository: { ...withoutRootAndKeys(repo), seed: DEFAULT_SPEC.seed, flagKeys: repo.flagKeys.length, generationMs: Math.round(generationMs) },
      scanner: {
        ...timed(samples.scanner),
        filesScanned: scanned!.filesScanned,
        filesSkipped: scanned!.filesSkipped.length,
        references: scanned!.references.length,
        filesPerS: 0,
        mbPerS: 0,
      },
      grep: { ...timed(samples.grep), version: grepVersion.stdout.split("\n")[0]!.trim(), command: `grep ${grepArgs.join(" ").replace(keysFile, "keys.txt")}`, locale: `LC_ALL=${locale}`, matchingLines },
      nodeLoop: { ...timed(samples.nodeLoop), description: "readdir (skipping node_modules, dist), readFileSync, NUL check, one regex: the 500 keys after a quote or /", ...loopCounts },
      nodeReadOnly: timed(samples.readOnly),
      ratios: { vsGrep: 0, vsNodeLoop: 0 },
      check: { ok: problems.length === 0, problems: [...new Set(problems.map((p) => p.replace(/^run \d+: /, "")))] },
      targets: [],
    };
    result.scanner.filesPerS = result.scanner.filesScanned / (result.scanner.medianMs / 1000);
    result.scanner.mbPerS = repo.bytes / 1e6 / (result.scanner.medianMs / 1000);
    result.ratios = { vsGrep: result.scanner.medianMs / result.grep.medianMs, vsNodeLoop: result.scanner.medianMs / result.nodeLoop.medianMs };

    const ms = (v: number) => `${v.toFixed(0)} ms`;
    const row = (name: string, files: number, references: string, t: Timed) => [
      name,
      files.toLocaleString("en"),
      references,
      ms(t.medianMs),
      `${formatRate(files / (t.medianMs / 1000))}/s`,
      `${(repo.bytes / 1e6 / (t.medianMs / 1000)).toFixed(0)} MB/s`,
      formatRatio(t.medianMs / result.grep.medianMs),
      formatRatio(t.medianMs / result.nodeLoop.medianMs),
    ];
    log(
      table([
        ["", "files", "references", "median", "files/s", "throughput", "time / grep", "time / Node loop"],
        row("keel scan (scanFolder, in-process)", result.scanner.filesScanned, String(result.scanner.references), result.scanner),
        row(`GNU grep -rIF -n -f keys.txt (spawned, ${result.grep.locale})`, loopCounts.files, `${matchingLines} lines`, result.grep),
        row("plain Node loop (readFileSync + one regex)", loopCounts.files, String(loopCounts.matches), result.nodeLoop),
        row("  for reference: the Node loop without the regex", loopCounts.files, "–", result.nodeReadOnly),
      ]).replace(/^/gm, "  "),
    );
    log(`  median of ${options.runs} runs after ${options.warmups} warm-up (page cache warm); grep's lines include the ${repo.decoys} decoys`);
    if (!result.check.ok) for (const problem of result.check.problems) log(`  ✗ ${problem}`);
    result.targets.push({
      name: `keel scan of ${repo.sourceFiles.toLocaleString("en")} files / GNU grep -rIF (median ${ms(result.scanner.medianMs)} vs ${ms(result.grep.medianMs)})`,
      value: result.ratios.vsGrep,
      target: `≤ ${TARGET_RATIO}× GNU grep's time`,
      met: result.ratios.vsGrep <= TARGET_RATIO,
    });
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function withoutRootAndKeys(repo: GeneratedRepository): Omit<GeneratedRepository, "root" | "flagKeys"> {
  const { root: _root, flagKeys: _keys, ...rest } = repo;
  return rest;
}

/** What a correct scan of the generated repository finds: the planted references, no more, no less. */
function checkScan(result: ScanResult, repo: GeneratedRepository): string[] {
  const problems: string[] = [];
  const inIgnored = result.references.filter((r) => /(^|\/)(node_modules|dist)\//.test(r.path)).length;
  if (inIgnored > 0) problems.push(`${inIgnored} references found in node_modules/ or dist/, which the scan must skip`);
  if (result.references.length !== repo.plantedReferences) {
    problems.push(`found ${result.references.length} references, ${repo.plantedReferences} were planted in the files to scan`);
  }
  if (result.filesScanned !== repo.textFiles) problems.push(`scanned ${result.filesScanned} files, the repository has ${repo.textFiles} to scan`);
  const skipped = result.filesSkipped.map((s) => s.path).join(", ");
  if (skipped !== repo.binaryFiles.join(", ")) problems.push(`skipped ${skipped || "nothing"}; expected the binary files ${repo.binaryFiles.join(", ")}`);
  return problems;
}

/** The baseline a Node scanner cannot beat by much: every file read once, one regular expression over it (none: the I/O floor). */
function nodeLoop(root: string, keys: RegExp | null): { files: number; matches: number } {
  let files = 0;
  let matches = 0;
  const stack = [root];
  while (stack.length > 0) {
    const folder = stack.pop()!;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) stack.push(file);
      } else if (entry.isFile()) {
        const bytes = readFileSync(file);
        if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) continue;
        files += 1;
        const text = bytes.toString("utf8");
        if (keys) for (const _ of text.matchAll(keys)) matches += 1;
      }
    }
  }
  return { files, matches };
}
