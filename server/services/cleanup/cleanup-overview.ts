/**
 * The Cleanup page (issue 16): everything that needs work — decided experiments whose cleanup is
 * not done, expired flags, flags expiring within 7 days, flags nobody evaluated for 30 days —
 * with owner, age, code references and the one action that moves each forward.
 */
import { addDays, subDays } from "date-fns";
import { summariseCleanupTask, type CleanupTaskKind } from "../../core/cleanup/cleanup-tasks";
import { cleanupListOf, daysSince, EXPIRING_WITHIN_DAYS, UNUSED_AFTER_DAYS, type FlagCleanupList } from "../../core/cleanup/cleanup-lists";
import { archiveVerdict } from "../../core/flags/archive-rules";
import { expiryStatus } from "../../core/flags/expiry";
import { listCleanupCandidateFlags } from "../../db/cleanup-flags";
import { listOpenCleanupTasks, type CleanupTaskRecord } from "../../db/cleanup-tasks";
import { listScansOfFlag } from "../../db/code-references";
import { lastEvaluationOfFlags } from "../../db/flag-activity";
import { findExperimentsOnFlag } from "../../db/flags";
import type { ServiceContext } from "../context";

/** File:line places shown per flag on the page (the flag page shows them all). */
const SHOWN_LOCATIONS = 3;

export type CleanupReferences = {
  /** whether any uploaded scan looked for the flag's key */
  scanned: boolean;
  count: number;
  lastScannedAt: Date | null;
  locations: { repository: string; path: string; line: number }[];
};

/** What the row's button does: archive at once (the rules allow it), or go where the work is. */
export type CleanupAction = { kind: "archive"; flagKey: string } | { kind: "link"; label: string; href: string };

type Person = { id: string; name: string; email: string };

export type CleanupTaskItem = {
  id: string;
  kind: CleanupTaskKind;
  instructions: string;
  owner: Person;
  dueAt: Date;
  dueLabel: string;
  overdue: boolean;
  /** days since the decision */
  ageDays: number;
  experiment: { key: string; name: string };
  flag: { key: string; name: string; expiresAt: Date; expired: boolean };
  references: CleanupReferences;
  actions: CleanupAction[];
};

export type CleanupFlagItem = {
  list: FlagCleanupList;
  key: string;
  name: string;
  owner: Person;
  /** days since the flag was created */
  ageDays: number;
  expiresAt: Date;
  lastEvaluatedAt: Date | null;
  references: CleanupReferences;
  actions: CleanupAction[];
};

export type CleanupOverview = {
  tasks: CleanupTaskItem[];
  expired: CleanupFlagItem[];
  expiringSoon: CleanupFlagItem[];
  unused: CleanupFlagItem[];
  expiringWithinDays: number;
  unusedAfterDays: number;
};

export async function cleanupOverview(ctx: Pick<ServiceContext, "db" | "now">): Promise<CleanupOverview> {
  const now = ctx.now();
  const [tasks, candidates] = await Promise.all([
    listOpenCleanupTasks(ctx.db),
    listCleanupCandidateFlags(ctx.db, { expiresBefore: addDays(now, EXPIRING_WITHIN_DAYS), createdBefore: subDays(now, UNUSED_AFTER_DAYS) }),
  ]);
  const withTask = new Set(tasks.map((t) => t.flag.key));
  const lastEvaluated = await lastEvaluationOfFlags(ctx.db, candidates.map((f) => f.key));
  const listed = candidates
    .filter((f) => !withTask.has(f.key))
    .map((f) => ({ flag: f, list: cleanupListOf({ createdAt: f.createdAt, expiresAt: f.expiresAt, lastEvaluatedAt: lastEvaluated.get(f.key) ?? null }, now) }))
    .filter((c): c is { flag: (typeof candidates)[number]; list: FlagCleanupList } => c.list !== null);

  const flagIds = new Map<string, string>([...tasks.map((t) => [t.flag.key, t.flag.id] as const), ...listed.map((c) => [c.flag.key, c.flag.id] as const)]);
  const facts = new Map(await Promise.all([...flagIds].map(async ([key, id]) => [key, await referenceFacts(ctx, key, id)] as const)));

  const taskItems: CleanupTaskItem[] = tasks.map((task) => {
    const { references, archivable } = facts.get(task.flag.key)!;
    return {
      id: task.id,
      kind: task.kind,
      ...summariseTask(task, now),
      owner: task.owner,
      dueAt: task.dueAt,
      ageDays: daysSince(task.experiment.decidedAt ?? task.createdAt, now),
      experiment: { key: task.experiment.key, name: task.experiment.name },
      flag: { key: task.flag.key, name: task.flag.name, expiresAt: task.flag.expiresAt, expired: expiryStatus(task.flag.expiresAt, now) === "expired" },
      references,
      actions:
        task.kind === "iterate"
          ? [
              task.experiment.redesignKey
                ? { kind: "link", label: `Open redesign “${task.experiment.redesignKey}”`, href: `/experiments/${task.experiment.redesignKey}` }
                : { kind: "link", label: "Open experiment", href: `/experiments/${task.experiment.key}` },
            ]
          : [archiveOrReferences(task.flag.key, references, archivable)],
    };
  });

  const flagItem = ({ flag, list }: (typeof listed)[number]): CleanupFlagItem => {
    const { references, archivable } = facts.get(flag.key)!;
    const extend: CleanupAction = { kind: "link", label: "Extend expiry", href: `/flags/${flag.key}#extend-expiry` };
    return {
      list,
      key: flag.key,
      name: flag.name,
      owner: flag.owner,
      ageDays: daysSince(flag.createdAt, now),
      expiresAt: flag.expiresAt,
      lastEvaluatedAt: lastEvaluated.get(flag.key) ?? null,
      references,
      actions: list === "unused" ? [archiveOrReferences(flag.key, references, archivable)] : [archiveOrReferences(flag.key, references, archivable), extend],
    };
  };
  const items = listed.map(flagItem);
  return {
    tasks: taskItems,
    expired: items.filter((i) => i.list === "expired"),
    expiringSoon: items.filter((i) => i.list === "expiring_soon"),
    unused: items.filter((i) => i.list === "unused"),
    expiringWithinDays: EXPIRING_WITHIN_DAYS,
    unusedAfterDays: UNUSED_AFTER_DAYS,
  };
}

async function referenceFacts(ctx: Pick<ServiceContext, "db">, flagKey: string, flagId: string): Promise<{ references: CleanupReferences; archivable: boolean }> {
  const [scans, activeExperiments] = await Promise.all([listScansOfFlag(ctx.db, flagKey, SHOWN_LOCATIONS), findExperimentsOnFlag(ctx.db, flagId, ["running", "paused"])]);
  const lookedFor = scans.filter((s) => s.lookedFor);
  const references: CleanupReferences = {
    scanned: lookedFor.length > 0,
    count: lookedFor.reduce((sum, s) => sum + s.referenceCount, 0),
    lastScannedAt: lookedFor.reduce<Date | null>((latest, s) => (latest === null || s.scannedAt > latest ? s.scannedAt : latest), null),
    locations: lookedFor.flatMap((s) => s.references.map((r) => ({ repository: s.repository, path: r.path, line: r.line }))).slice(0, SHOWN_LOCATIONS),
  };
  return { references, archivable: archiveVerdict({ flagKey, archivedAt: null, activeExperiments, scans }).allowed };
}

function archiveOrReferences(flagKey: string, references: CleanupReferences, archivable: boolean): CleanupAction {
  if (archivable) return { kind: "archive", flagKey };
  if (!references.scanned) return { kind: "link", label: "Scan the code", href: `/flags/${flagKey}#code-references` };
  if (references.count > 0) return { kind: "link", label: `Remove ${references.count} code reference${references.count === 1 ? "" : "s"}`, href: `/flags/${flagKey}#code-references` };
  return { kind: "link", label: "Open flag", href: `/flags/${flagKey}` };
}

/** A stored task in the words of the Cleanup page and the experiment page: instructions and how due it is. */
export function summariseTask(task: CleanupTaskRecord, now: Date) {
  return summariseCleanupTask(
    { kind: task.kind, dueAt: task.dueAt, flagKey: task.flag.key, winningVariation: task.experiment.winningVariation, redesignKey: task.experiment.redesignKey },
    now,
  );
}
