/**
 * The guardrail monitor: checks every running experiment's guardrails and aborts the ones that
 * breach (abort-on-breach.ts); takes the next ramp step of experiments on auto-advance when they
 * are ready. It runs in every Keel instance (`npm start` starts it, server/start.ts): a full pass
 * every few seconds, plus a pass over the experiments an events batch touched, right after the
 * batch commits — so a breach is acted on within about a second of the data arriving. Several
 * instances may run it at once: aborts and ramp steps are conditional writes, so each happens once.
 */
import type { Db } from "../../db/client";
import { findExperimentById, findFlagExposure } from "../../db/experiments";
import { listRunningExperimentIds } from "../../db/guardrails";
import { AppError } from "../../core/errors";
import type { Actor, WorkspaceSettings } from "../context";
import { runLifecycleAction } from "../experiments/run-lifecycle-action";
import { abortOnBreach } from "./abort-on-breach";
import { rampReadinessOf, readGuardrails } from "./read-guardrails";

/** Takes ramp steps for experiments on auto-advance: the lifecycle guard checks readiness again. */
export const AUTO_ADVANCE_ACTOR: Actor = { id: null, label: "auto-advance", roles: ["admin"] };

export const MONITOR_INTERVAL_MS = 2_000;

export type PassReport = { checked: number; aborted: string[]; advanced: string[] };

export type MonitorOptions = { settings: WorkspaceSettings; now?: () => Date; log?: (message: string, error?: unknown) => void };

/** One pass over the given running experiments (default: all of them). */
export async function runGuardrailPass(db: Db, options: MonitorOptions, experimentIds?: readonly string[]): Promise<PassReport> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message, error) => console.error(message, error ?? ""));
  const report: PassReport = { checked: 0, aborted: [], advanced: [] };
  for (const id of experimentIds ?? (await listRunningExperimentIds(db))) {
    try {
      const experiment = await findExperimentById(db, id);
      if (!experiment || experiment.state !== "running") continue;
      const at = now();
      const reading = await readGuardrails(db, experiment, at);
      report.checked += 1;
      if (reading.check.breach) {
        if (await abortOnBreach(db, id, reading.check.breach, at)) report.aborted.push(experiment.key);
        continue;
      }
      if (!experiment.ramp.autoAdvance) continue;
      const exposure = await findFlagExposure(db, experiment.flag.id, experiment.environment.id);
      const ramp = rampReadinessOf(experiment, reading, exposure?.enabled ? exposure.rolloutPercentage : 0, at);
      if (!ramp.ready) continue;
      await runLifecycleAction(
        { db, actor: AUTO_ADVANCE_ACTOR, now: () => at, settings: options.settings },
        { action: "change_exposure", key: experiment.key, exposurePercentage: ramp.next },
      );
      report.advanced.push(experiment.key);
    } catch (error) {
      // another instance took the step first, or the state moved: nothing to do until the next pass
      if (error instanceof AppError && (error.code === "CONFLICT" || error.code === "PRECONDITION_FAILED")) continue;
      log(`Guardrail check of experiment ${id} failed; retrying on the next pass.`, error);
    }
  }
  return report;
}

export type GuardrailMonitor = {
  /** checks these experiments as soon as possible (after an events batch) */
  nudge(experimentIds: readonly string[]): void;
  /** stops the timer; resolves when a pass under way has finished */
  stop(): Promise<void>;
};

/** Starts the monitor: a full pass every `intervalMs`, and nudged passes in between; one pass at a time. */
export function startGuardrailMonitor(db: Db, options: MonitorOptions & { intervalMs?: number }): GuardrailMonitor {
  const pending = new Set<string>();
  let full = true;
  let running: Promise<void> | null = null;
  let stopped = false;

  const drain = () => {
    if (running || stopped) return;
    running = passes().finally(() => {
      running = null;
    });
  };
  const passes = async () => {
    try {
      while ((full || pending.size > 0) && !stopped) {
        const ids = full ? undefined : [...pending];
        full = false;
        pending.clear();
        await runGuardrailPass(db, options, ids);
      }
    } catch (error) {
      (options.log ?? console.error)("Guardrail pass failed; retrying on the next pass.", error);
    }
  };
  const timer = setInterval(() => {
    full = true;
    drain();
  }, options.intervalMs ?? MONITOR_INTERVAL_MS);
  timer.unref();
  drain();
  return {
    nudge(experimentIds) {
      for (const id of experimentIds) pending.add(id);
      setImmediate(drain);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
