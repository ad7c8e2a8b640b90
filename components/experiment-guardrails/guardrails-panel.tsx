"use client";
import { Alert, LoadingBlock } from "@/components/ui";
import { formatClock } from "@/components/experiment-results/format";
import type { GuardrailsView } from "@/server/services/guardrails/guardrails-view";
import { AbortAlert } from "./abort-alert";
import { budgetLine } from "./format";
import { RulesEditor } from "./rules-editor";
import { RulesTable } from "./rules-table";
import { GUARDRAILS_REFRESH_MS, useGuardrails } from "./use-guardrails";
import { WatchButton } from "./watch-button";

/**
 * The experiment's guardrails, refreshed every few seconds: the rules and their verdicts while it
 * runs, the environment's reliability budget, what breached after a guardrail abort, following
 * the experiment, and (for its team) the rules editor.
 */
export function GuardrailsPanel({ experimentKey }: { experimentKey: string }) {
  const guardrails = useGuardrails(experimentKey);
  const view = guardrails.data;
  return (
    <section aria-label="Guardrails" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0 space-y-1">
          <h2 className="text-lg font-semibold text-slate-900">
            Guardrails
          </h2>
          {view ? <p className="text-sm text-slate-700">{budgetLine(view.budget)}.</p> : null}
          {view?.verdicts ? (
            <p className="text-sm text-slate-600">
              {view.healthy ? "Every guardrail is healthy." : "Not every guardrail is healthy yet."} Checked{" "}
              <time dateTime={view.computedAt}>{formatClock(view.computedAt)}</time> · refreshes every {GUARDRAILS_REFRESH_MS / 1000} s
            </p>
          ) : null}
        </div>
        {view ? <WatchButton experimentKey={experimentKey} watching={view.watching} /> : null}
      </div>
      {guardrails.isPending ? <LoadingBlock label="Loading guardrails…" /> : null}
      {guardrails.isError && !view ? (
        <Alert tone="danger" title="Guardrails could not be loaded">
          {guardrails.error.message}
        </Alert>
      ) : null}
      {view ? <GuardrailsBody view={view} refreshError={guardrails.isError ? guardrails.error.message : null} /> : null}
    </section>
  );
}

function GuardrailsBody({ view, refreshError }: { view: GuardrailsView; refreshError: string | null }) {
  return (
    <>
      {refreshError ? (
        <p className="text-sm text-amber-800">
          The latest refresh failed ({refreshError}); showing the guardrails of {formatClock(view.computedAt)}.
        </p>
      ) : null}
      {view.abort ? <AbortAlert experimentKey={view.experimentKey} abort={view.abort} /> : null}
      {!view.verdicts && !view.abort ? (
        <p className="text-sm text-slate-600">
          {view.state === "running"
            ? "No verdicts yet."
            : "Verdicts appear while the experiment runs: the monitor checks every rule on the live data and aborts the experiment when one breaches."}
        </p>
      ) : null}
      <RulesTable view={view} />
      {view.canEdit ? <RulesEditor view={view} /> : null}
    </>
  );
}
