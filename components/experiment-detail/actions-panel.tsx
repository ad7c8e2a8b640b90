"use client";
import { useRef, useState } from "react";
import { Alert, Button, TextField } from "@/components/ui";
import type { ExperimentView } from "@/server/services/experiments/experiment-view";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { useExperimentAction } from "./use-experiment-action";
import { StopForm } from "./stop-form";
import { MAX_LAUNCH_EXPOSURE } from "@/server/core/experiments/experiment-types";

/** The transitions allowed now as buttons, and the others with the reason they are not. */
export function ActionsPanel({ view }: { view: ExperimentView }) {
  const { experiment } = view;
  const act = useExperimentAction();
  // Disabling has its own request so that nothing else in flight can hold it back (PHASE-42: disable at once).
  const disable = useExperimentAction();
  const [stopping, setStopping] = useState(false);
  const stopButton = useRef<HTMLButtonElement>(null);
  const allowed = new Map(view.actions.filter((a) => a.allowed).map((a) => [a.action, a]));
  const refused = view.actions.filter((a) => !a.allowed && a.action !== "edit");
  const launch = allowed.get("launch");
  const ramp = allowed.get("change_exposure");
  const [launchAt, setLaunchAt] = useState(String(launch?.exposurePercentage ?? MAX_LAUNCH_EXPOSURE));
  const [rampTo, setRampTo] = useState(String(ramp?.exposurePercentage ?? ""));
  const key = experiment.key;
  const actErrors = formErrorsOf(act.error);
  const refusal = formErrorsOf(disable.error).message ?? actErrors.message;
  // A refused exposure is also shown at the field it came from.
  const exposureError = (action: "launch" | "change_exposure") => (act.variables?.action === action ? actErrors.fields.exposurePercentage : undefined);

  return (
    <section aria-label="Actions" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold text-slate-900">Actions</h2>
      {refusal ? <Alert tone="danger">{refusal}</Alert> : null}
      <div className="flex flex-wrap items-end gap-3">
        {allowed.has("disable") ? (
          <div className="flex items-center gap-2">
            <Button variant="danger" loading={disable.isPending} aria-describedby="disable-now-hint" onClick={() => disable.mutate({ action: "disable", key, reason: "" })}>
              Disable now
            </Button>
            <span id="disable-now-hint" className="text-xs text-slate-600">
              One click: the flag serves its off variation to everyone at once.
            </span>
          </div>
        ) : null}
        {allowed.has("submit") ? (
          <Button disabled={act.isPending} onClick={() => act.mutate({ action: "submit", key, designVersion: experiment.designVersion })}>
            Submit for review
          </Button>
        ) : null}
        {launch ? (
          <div className="flex items-end gap-2">
            <div className="w-40">
              <TextField id="launch-exposure" label="Launch exposure (%)" hint={`At most ${MAX_LAUNCH_EXPOSURE} % at launch.`} error={exposureError("launch")} type="number" min={0} max={MAX_LAUNCH_EXPOSURE} step="any" value={launchAt} onChange={(e) => setLaunchAt(e.target.value)} />
            </div>
            <Button disabled={act.isPending} onClick={() => act.mutate({ action: "launch", key, designVersion: experiment.designVersion, exposurePercentage: Number(launchAt) })}>
              Launch at {launchAt} %
            </Button>
          </div>
        ) : null}
        {ramp ? (
          <div className="flex items-end gap-2">
            <div className="w-40">
              <TextField id="new-exposure" label="New exposure (%)" error={exposureError("change_exposure")} type="number" min={0} max={100} step="any" value={rampTo} onChange={(e) => setRampTo(e.target.value)} />
            </div>
            <Button disabled={act.isPending} onClick={() => act.mutate({ action: "change_exposure", key, exposurePercentage: Number(rampTo) })}>
              Increase exposure to {rampTo} %
            </Button>
          </div>
        ) : null}
        {(["withdraw", "pause", "resume", "clean_up"] as const).map((action) =>
          allowed.has(action) ? (
            <Button key={action} variant="secondary" disabled={act.isPending} onClick={() => act.mutate({ action, key, reason: "" })}>
              {allowed.get(action)?.label}
            </Button>
          ) : null,
        )}
        {allowed.has("stop") && !stopping ? (
          <Button ref={stopButton} variant="secondary" onClick={() => setStopping(true)}>
            Stop and decide
          </Button>
        ) : null}
      </div>
      {stopping ? (
        <StopForm
          view={view}
          onDone={() => setStopping(false)}
          onCancel={() => {
            setStopping(false);
            window.requestAnimationFrame(() => stopButton.current?.focus());
          }}
        />
      ) : null}
      {refused.length > 0 ? (
        <div>
          <h3 id="unavailable-actions" className="text-sm font-medium text-slate-700">
            Not available now
          </h3>
          <ul aria-labelledby="unavailable-actions" className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-600">
            {refused.map((a) => (
              <li key={a.action}>
                <span className="font-medium">{a.label}:</span> {a.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
