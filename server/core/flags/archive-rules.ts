/**
 * When a flag may be archived (issue 16). An archived flag leaves every environment's snapshot, so
 * services get FLAG_NOT_FOUND and fall back to the default in their code: that is safe only when
 * the code no longer asks for it. Rules, in order:
 *   1. never while an experiment on the flag is running or paused (its users would change variation);
 *   2. the latest scan of every repository that looked for the flag shows no reference to it;
 *   3. at least one uploaded scan looked for it ("never scanned" proves nothing).
 * An admin may override 2 and 3 with a reason (audited); nobody overrides 1.
 */

/** What the latest scan of one repository says about one flag. */
export type RepositoryScanOfFlag = {
  repository: string;
  scannedAt: Date;
  /** false when the scan did not look for this flag's key (e.g. the flag is newer than the scan) */
  lookedFor: boolean;
  references: ReadonlyArray<{ path: string; line: number }>;
};

export type ArchiveFacts = {
  flagKey: string;
  archivedAt: Date | null;
  /** experiments on the flag that are running or paused */
  activeExperiments: ReadonlyArray<{ key: string; state: string }>;
  scans: readonly RepositoryScanOfFlag[];
};

export type ArchiveVerdict =
  | { allowed: true; needsOverride: false }
  /** refused unless an admin overrides with a reason: references in code, or no scan looked for the flag */
  | { allowed: false; needsOverride: true; reason: string; references: string[] }
  /** refused, no override */
  | { allowed: false; needsOverride: false; reason: string; references: string[] };

/** At most this many file:line places are named in a refusal. */
export const LISTED_REFERENCES = 5;

export function archiveVerdict(facts: ArchiveFacts): ArchiveVerdict {
  if (facts.archivedAt) {
    return { allowed: false, needsOverride: false, reason: `Flag “${facts.flagKey}” is already archived.`, references: [] };
  }
  if (facts.activeExperiments.length > 0) {
    const list = facts.activeExperiments.map((e) => `“${e.key}” (${e.state})`).join(", ");
    return {
      allowed: false,
      needsOverride: false,
      reason: `Flag “${facts.flagKey}” cannot be archived while an experiment on it is running or paused: ${list}. Decide or stop the experiment first.`,
      references: [],
    };
  }
  const scanned = facts.scans.filter((s) => s.lookedFor);
  const places = scanned.flatMap((s) => s.references.map((r) => `${s.repository}: ${r.path}:${r.line}`));
  if (places.length > 0) {
    const repositories = scanned.filter((s) => s.references.length > 0).map((s) => s.repository);
    const more = places.length > LISTED_REFERENCES ? ` and ${places.length - LISTED_REFERENCES} more` : "";
    return {
      allowed: false,
      needsOverride: true,
      reason:
        `The latest scan of ${repositories.join(", ")} still shows ${places.length} reference${places.length === 1 ? "" : "s"} to “${facts.flagKey}”` +
        ` (${places.slice(0, LISTED_REFERENCES).join(", ")}${more}). Remove them from the code and upload a new scan (keel scan --upload), or an admin may archive it anyway with a reason.`,
      references: places.slice(0, LISTED_REFERENCES),
    };
  }
  if (scanned.length === 0) {
    return {
      allowed: false,
      needsOverride: true,
      reason: `No uploaded scan has looked for “${facts.flagKey}” yet, so nothing shows the code no longer uses it. Run keel scan --upload on the repositories that might, or an admin may archive it anyway with a reason.`,
      references: [],
    };
  }
  return { allowed: true, needsOverride: false };
}
