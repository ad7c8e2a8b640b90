/**
 * What `keel scan` finds, as plain JSON-serialisable data: printed by the command line today,
 * uploadable to Keel as it is.
 */

/** One place where a flag key occurs. `line` and `column` are 1-based; `text` is the trimmed source line. */
export type CodeReference = { flagKey: string; path: string; line: number; column: number; text: string };

/** A file or folder the scan could not or would not read, and why (binary, too large, a symlink loop, …). */
export type SkippedPath = { path: string; reason: string };

export type ScanResult = {
  /** ISO date-time of the scan */
  scannedAt: string;
  /** the scanned folder (absolute); every `path` is relative to it, with "/" separators */
  root: string;
  /** the flag keys looked for, sorted: a key without references is a candidate for cleanup */
  flagKeys: string[];
  filesScanned: number;
  filesSkipped: SkippedPath[];
  /** sorted by path, then line and column */
  references: CodeReference[];
};
