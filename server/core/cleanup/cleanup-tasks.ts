import { addDays, differenceInCalendarDays } from "date-fns";
import type { Decision } from "../experiments/experiment-types";

/**
 * The cleanup a decision leaves behind (PHASE-42: "Ship → remove flag, make default. Iterate →
 * redesign and re-test. Kill → disable and delete code. All experiment code must be cleaned up."):
 *   ship    → the flag serves the winning variation to 100 % until the code makes it the default; then the flag is archived
 *   kill    → the flag serves off; the code is deleted; then the flag is archived
 *   iterate → the flag is off; the linked redesign is re-tested (done when it launches)
 */
export type CleanupTaskKind = Decision;
export const CLEANUP_TASK_STATES = ["open", "done"] as const;
export type CleanupTaskState = (typeof CLEANUP_TASK_STATES)[number];

/** When a decision's cleanup is due: `dueDays` (Settings → Workflow) after the decision. */
export function cleanupDueAt(decidedAt: Date, dueDays: number): Date {
  return addDays(decidedAt, dueDays);
}

/** What the owner has to do, in the words of the Cleanup page. */
export function cleanupInstructions(kind: CleanupTaskKind, context: { flagKey: string; winningVariation?: string | null; redesignKey?: string | null }): string {
  switch (kind) {
    case "ship":
      return `Make ${context.winningVariation ? `“${context.winningVariation}”` : "the winning variation"} the default in code, remove the checks of “${context.flagKey}”, re-scan, then archive the flag.`;
    case "kill":
      return `Delete the experiment's code and the checks of “${context.flagKey}”, re-scan, then archive the flag.`;
    case "iterate":
      return `Redesign and re-test: complete ${context.redesignKey ? `the redesign “${context.redesignKey}”` : "the linked redesign"} and launch it, or mark this experiment cleaned up if the idea is dropped.`;
  }
}

/**
 * Whether "Mark cleaned up" may close the task by hand. Ship and kill are done only when the flag
 * is archived (which needs a scan without references), and archiving closes them by itself.
 */
export function manualCleanupVerdict(kind: CleanupTaskKind | null, flag: { key: string; archived: boolean }): { ok: true } | { ok: false; reason: string } {
  if (kind === "iterate" || kind === null || flag.archived) return { ok: true };
  const what = kind === "ship" ? "the winner is the code default" : "the code is deleted";
  return {
    ok: false,
    reason: `A ${kind} is cleaned up when ${what} and its flag “${flag.key}” is archived: archive the flag (after a scan shows no references) and this experiment is marked cleaned up by itself.`,
  };
}

/** "due in 3 days", "due today", "overdue by 2 days" */
export function describeDue(dueAt: Date, now: Date): string {
  const days = Math.abs(differenceInCalendarDays(dueAt, now));
  const span = `${days} day${days === 1 ? "" : "s"}`;
  if (isOverdue(dueAt, now)) return days === 0 ? "overdue since today" : `overdue by ${span}`;
  return days === 0 ? "due today" : `due in ${span}`;
}

function isOverdue(dueAt: Date, now: Date): boolean {
  return dueAt.getTime() <= now.getTime();
}

export type CleanupTaskFacts = { kind: CleanupTaskKind; dueAt: Date; flagKey: string; winningVariation: string | null; redesignKey: string | null };

/** What the Cleanup page and the experiment page say about an open task. */
export function summariseCleanupTask(task: CleanupTaskFacts, now: Date): { instructions: string; dueLabel: string; overdue: boolean } {
  return {
    instructions: cleanupInstructions(task.kind, task),
    dueLabel: describeDue(task.dueAt, now),
    overdue: isOverdue(task.dueAt, now),
  };
}
