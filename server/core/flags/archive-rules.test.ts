import { describe, expect, it } from "vitest";
import { archiveVerdict, type ArchiveFacts } from "./archive-rules";

const at = new Date("2026-12-01T10:00:00Z");
const clean: ArchiveFacts = { flagKey: "old-banner", archivedAt: null, activeExperiments: [], scans: [{ repository: "web", scannedAt: at, lookedFor: true, references: [] }] };

describe("archiveVerdict", () => {
  it("allows a flag whose latest scans looked for it and found nothing", () => {
    expect(archiveVerdict(clean)).toEqual({ allowed: true, needsOverride: false });
  });

  it("refuses, without override, while an experiment runs or is paused, naming it", () => {
    const verdict = archiveVerdict({ ...clean, activeExperiments: [{ key: "banner-test", state: "paused" }] });
    expect(verdict).toMatchObject({ allowed: false, needsOverride: false });
    expect(!verdict.allowed && verdict.reason).toContain("“banner-test” (paused)");
  });

  it("refuses an archived flag", () => {
    expect(archiveVerdict({ ...clean, archivedAt: at })).toMatchObject({ allowed: false, needsOverride: false });
  });

  it("lists up to five file:line references and how many more", () => {
    const references = Array.from({ length: 7 }, (_, i) => ({ path: `src/a${i}.ts`, line: i + 1 }));
    const verdict = archiveVerdict({ ...clean, scans: [...clean.scans, { repository: "api", scannedAt: at, lookedFor: true, references }] });
    expect(verdict).toMatchObject({ allowed: false, needsOverride: true });
    if (verdict.allowed) throw new Error("allowed");
    expect(verdict.references).toEqual(["api: src/a0.ts:1", "api: src/a1.ts:2", "api: src/a2.ts:3", "api: src/a3.ts:4", "api: src/a4.ts:5"]);
    expect(verdict.reason).toContain("and 2 more");
    expect(verdict.reason).toContain("latest scan of api still shows 7 references");
  });

  it("ignores references of scans that did not look for the flag, and asks for an override when none did", () => {
    const verdict = archiveVerdict({ ...clean, scans: [{ repository: "web", scannedAt: at, lookedFor: false, references: [] }] });
    expect(verdict).toMatchObject({ allowed: false, needsOverride: true, references: [] });
    expect(!verdict.allowed && verdict.reason).toContain("No uploaded scan has looked for “old-banner”");
    expect(archiveVerdict({ ...clean, scans: [] })).toMatchObject({ allowed: false, needsOverride: true });
  });
});
