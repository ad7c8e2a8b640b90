import { getDb } from "../../db/client";
import { loadEnv } from "../../env";
import { getGuardrailMonitor } from "../guardrails/monitor-instance";
import { createEvaluationRuntime, type EvaluationRuntime } from "./evaluation-runtime";

const globalForRuntime = globalThis as unknown as { keelEvaluationRuntime?: EvaluationRuntime };

/**
 * The process-wide evaluation runtime, started on first use. It lives on globalThis so the
 * node:http fast path (server/start.ts) and Next's route handlers in the same process share one
 * in-memory copy and one poll loop. Every committed events batch nudges the guardrail monitor.
 */
export function getEvaluationRuntime(): EvaluationRuntime {
  if (!globalForRuntime.keelEvaluationRuntime) {
    const runtime = createEvaluationRuntime({
      db: getDb(),
      rateLimitPerSecond: loadEnv().KEEL_RATE_LIMIT_PER_KEY,
      afterEvents: (experimentIds) => getGuardrailMonitor().nudge(experimentIds),
    });
    runtime.start();
    globalForRuntime.keelEvaluationRuntime = runtime;
  }
  return globalForRuntime.keelEvaluationRuntime;
}
