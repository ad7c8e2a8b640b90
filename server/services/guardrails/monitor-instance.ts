import { getDb } from "../../db/client";
import { loadEnv } from "../../env";
import { startGuardrailMonitor, type GuardrailMonitor } from "./guardrail-monitor";

const globalForMonitor = globalThis as unknown as { keelGuardrailMonitor?: GuardrailMonitor };

/**
 * The process-wide guardrail monitor, started on first use (server/start.ts starts it at boot;
 * the events route nudges it after every batch). On globalThis so the fast path and Next's route
 * handlers in one process share one monitor.
 */
export function getGuardrailMonitor(): GuardrailMonitor {
  globalForMonitor.keelGuardrailMonitor ??= startGuardrailMonitor(getDb(), { settings: { maxFlagLifetimeDays: loadEnv().KEEL_MAX_FLAG_LIFETIME_DAYS } });
  return globalForMonitor.keelGuardrailMonitor;
}
