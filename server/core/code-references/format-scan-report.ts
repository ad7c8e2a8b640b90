import type { CodeReference, ScanResult } from "./scan-result";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The human report: per flag (sorted by key) a heading with the count, then one line per
 * reference, `path:line:column  flag-key  source line`; last, the flags found nowhere.
 */
export function formatReferences(result: ScanResult): string[] {
  const byFlag = new Map<string, CodeReference[]>();
  for (const reference of result.references) {
    const references = byFlag.get(reference.flagKey);
    if (references) references.push(reference);
    else byFlag.set(reference.flagKey, [reference]);
  }
  const lines: string[] = [];
  for (const flagKey of [...byFlag.keys()].sort()) {
    const references = byFlag.get(flagKey)!;
    if (lines.length > 0) lines.push("");
    lines.push(`${flagKey}: ${plural(references.length, "reference")}`);
    for (const r of references) lines.push(`  ${r.path}:${r.line}:${r.column}  ${r.flagKey}  ${r.text}`);
  }
  const unreferenced = result.flagKeys.filter((key) => !byFlag.has(key));
  if (unreferenced.length > 0) lines.push(...(lines.length > 0 ? [""] : []), `No references: ${unreferenced.join(", ")}`);
  return lines;
}

/** One line per skipped file or folder, with the reason. */
export function formatSkipped(result: ScanResult): string[] {
  return result.filesSkipped.map((s) => `skipped ${s.path}: ${s.reason}`);
}

/** The closing line, e.g. "Scanned 120 files in /repo (0.4 s): 7 references to 2 of 3 flags; 1 skipped." */
export function formatSummary(result: ScanResult, elapsedMs: number): string {
  const flagsFound = new Set(result.references.map((r) => r.flagKey)).size;
  const skipped = result.filesSkipped.length > 0 ? `; ${result.filesSkipped.length} skipped` : "";
  return `Scanned ${plural(result.filesScanned, "file")} in ${result.root} (${(elapsedMs / 1000).toFixed(1)} s): ${plural(result.references.length, "reference")} to ${flagsFound} of ${plural(result.flagKeys.length, "flag")}${skipped}.`;
}
