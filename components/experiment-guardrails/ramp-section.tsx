"use client";
import { formatDateTime } from "@/components/experiment-results/format";
import { useExperimentAction } from "@/components/experiment-detail/use-experiment-action";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, LoadingBlock } from "@/components/ui";
import type { GuardrailsView } from "@/server/services/guardrails/guardrails-view";
import { formatMinutes } from "./format";
import { RampApprovalRequest } from "./ramp-approval-request";
import { RampPlanEditor } from "./ramp-plan-form";
import { RampStepper } from "./ramp-stepper";
import { useGuardrails } from "./use-guardrails";

/**
 * The ramp: the schedule with the current step, when it started and how long it must run, the
 * manual "Advance to N %" (blocked, with the reason, until the step has run its minimum time and
 * every guardrail is healthy) and, for the experiment's team, the ramp plan.
 */
export function RampSection({ experimentKey }: { experimentKey: string }) {
  const guardrails = useGuardrails(experimentKey);
  const view = guardrails.data;
  return (
    <section aria-label="Ramp" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-lg font-semibold text-slate-900">Ramp</h2>
      {guardrails.isPending ? <LoadingBlock label="Loading the ramp…" /> : null}
      {guardrails.isError && !view ? (
        <Alert tone="danger" title="The ramp could not be loaded">
          {guardrails.error.message}
        </Alert>
      ) : null}
      {view ? <RampBody view={view} /> : null}
    </section>
  );
}

const NOT_RUNNING: Record<string, string> = {
  draft: "The ramp starts at the first step when the experiment launches.",
  in_review: "The ramp starts at the first step when the experiment launches.",
  approved: "The ramp starts at the first step when the experiment launches.",
  paused: "Paused: the ramp resumes with the experiment.",
};

function RampBody({ view }: { view: GuardrailsView }) {
  const { ramp } = view;
  const running = view.state === "running";
  return (
    <>
      <p className="text-sm text-slate-700">
        PHASE-42: start with at most 5 % of traffic and widen step by step while every guardrail is healthy.{" "}
        {ramp.steps.length === 0 ? "This experiment uses the default steps." : "This experiment has its own steps."}
      </p>
      <RampStepper schedule={ramp.schedule} currentExposure={ramp.currentExposure} />
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-900">Current exposure</dt>
        <dd className="text-slate-700 tabular-nums">{ramp.currentExposure} %</dd>
        {ramp.stepStartedAt ? (
          <>
            <dt className="font-medium text-slate-900">This step started</dt>
            <dd className="text-slate-700">
              <time dateTime={ramp.stepStartedAt}>{formatDateTime(Date.parse(ramp.stepStartedAt))}</time>
            </dd>
          </>
        ) : null}
        <dt className="font-medium text-slate-900">Minimum time per step</dt>
        <dd className="text-slate-700">{formatMinutes(ramp.stepMinutes)}</dd>
        <dt className="font-medium text-slate-900">Automatic advance</dt>
        <dd className="text-slate-700">{ramp.autoAdvance ? "On: the next step is taken as soon as it is allowed." : "Off: someone takes each step."}</dd>
      </dl>
      {running && ramp.readiness ? <AdvanceControl experimentKey={view.experimentKey} readiness={ramp.readiness} /> : null}
      {running && ramp.pricingGate ? <RampApprovalRequest experimentKey={view.experimentKey} gate={ramp.pricingGate} canRequest={view.canEdit} /> : null}
      {!running ? <p className="text-sm text-slate-600">{NOT_RUNNING[view.state] ?? "The experiment has ended: its ramp is over."}</p> : null}
      {view.canEdit ? <RampPlanEditor experimentKey={view.experimentKey} ramp={ramp} /> : null}
    </>
  );
}

function AdvanceControl({ experimentKey, readiness }: { experimentKey: string; readiness: NonNullable<GuardrailsView["ramp"]["readiness"]> }) {
  // refreshes every experiment query on success (the page, the guardrails and the results)
  const act = useExperimentAction();
  const reasonId = `ramp-advance-reason-${experimentKey}`;
  const error = act.isError ? formErrorsOf(act.error) : null;
  if (readiness.next === null) {
    return <p className="text-sm text-slate-700">{readiness.ready ? null : readiness.reason}</p>;
  }
  const next = readiness.next;
  return (
    <div className="space-y-2">
      {error?.message ? (
        <Alert tone="danger" title={`Exposure not changed to ${next} %`}>
          {error.fields.exposurePercentage ?? error.message}
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          disabled={!readiness.ready || act.isPending}
          loading={act.isPending}
          aria-describedby={reasonId}
          onClick={() => act.mutate({ action: "change_exposure", key: experimentKey, exposurePercentage: next })}
        >
          Advance to {next} %
        </Button>
        <p id={reasonId} className={readiness.ready ? "text-sm text-slate-600" : "text-sm text-amber-800"}>
          {readiness.ready ? (
            "Every guardrail is healthy and the step has run its minimum time."
          ) : (
            <>
              {readiness.reason}
              {readiness.readyAtMs !== null ? (
                <>
                  {" "}
                  (allowed from <time dateTime={new Date(readiness.readyAtMs).toISOString()}>{formatDateTime(readiness.readyAtMs)}</time>)
                </>
              ) : null}
            </>
          )}
        </p>
      </div>
    </div>
  );
}
