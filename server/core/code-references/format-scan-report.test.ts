import { describe, expect, it } from "vitest";
import { formatReferences, formatSkipped, formatSummary } from "./format-scan-report";
import type { ScanResult } from "./scan-result";

const result: ScanResult = {
  scannedAt: "2026-12-01T10:00:00.000Z",
  root: "/repo",
  flagKeys: ["beta", "dark-mode", "new-checkout", "old-banner"],
  filesScanned: 12,
  filesSkipped: [{ path: "logo.png", reason: "binary file" }],
  references: [
    { flagKey: "new-checkout", path: "src/a.ts", line: 3, column: 20, text: 'isOn("new-checkout")' },
    { flagKey: "beta", path: "src/a.ts", line: 9, column: 7, text: "'beta'" },
    { flagKey: "new-checkout", path: "src/b.py", line: 1, column: 5, text: 'x = "new-checkout"' },
  ],
};

describe("the human scan report", () => {
  it("groups references per flag with counts, then names the flags found nowhere", () => {
    expect(formatReferences(result)).toEqual([
      "beta: 1 reference",
      "  src/a.ts:9:7  beta  'beta'",
      "",
      "new-checkout: 2 references",
      '  src/a.ts:3:20  new-checkout  isOn("new-checkout")',
      '  src/b.py:1:5  new-checkout  x = "new-checkout"',
      "",
      "No references: dark-mode, old-banner",
    ]);
    expect(formatReferences({ ...result, references: [] })).toEqual(["No references: beta, dark-mode, new-checkout, old-banner"]);
    expect(formatReferences({ ...result, flagKeys: [], references: [] })).toEqual([]);
  });

  it("lists skipped files and sums up", () => {
    expect(formatSkipped(result)).toEqual(["skipped logo.png: binary file"]);
    expect(formatSummary(result, 1234)).toBe("Scanned 12 files in /repo (1.2 s): 3 references to 2 of 4 flags; 1 skipped.");
    expect(formatSummary({ ...result, filesScanned: 1, filesSkipped: [], flagKeys: ["beta"], references: [result.references[1]!] }, 40)).toBe(
      "Scanned 1 file in /repo (0.0 s): 1 reference to 1 of 1 flag.",
    );
  });
});
