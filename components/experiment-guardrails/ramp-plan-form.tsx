"use client";
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, Checkbox, TextField } from "@/components/ui";
import type { GuardrailsView } from "@/server/services/guardrails/guardrails-view";
import { useInvalidateGuardrails } from "./use-guardrails";

/** "5, 10, 25" → [5, 10, 25]; empty → [] (the default schedule); a word that is no number → NaN, refused by the server at the field. */
export function parseSteps(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.replace(/%$/, "").trim())
    .filter((s) => s !== "")
    .map(Number);
}

type Ramp = GuardrailsView["ramp"];

function useSaveRampPlan(experimentKey: string) {
  const trpc = useTRPC();
  const invalidate = useInvalidateGuardrails(experimentKey);
  return useMutation(trpc.experiments.saveRampPlan.mutationOptions({ onSuccess: invalidate }));
}

/** The ramp plan: its steps, the minimum time per step and auto-advance. Starts again from the saved plan whenever it changes. */
export function RampPlanEditor({ experimentKey, ramp }: { experimentKey: string; ramp: Ramp }) {
  const save = useSaveRampPlan(experimentKey);
  const formKey = JSON.stringify([ramp.steps, ramp.stepMinutes, ramp.autoAdvance]);
  return (
    <div className="space-y-3">
      <h3 className="text-base font-semibold text-slate-900">Ramp plan</h3>
      <RampPlanForm key={formKey} experimentKey={experimentKey} ramp={ramp} save={save} />
      {save.isSuccess ? (
        <p role="status" className="text-sm font-medium text-emerald-800">
          Ramp plan saved.
        </p>
      ) : null}
    </div>
  );
}

function RampPlanForm({ experimentKey, ramp, save }: { experimentKey: string; ramp: Ramp; save: ReturnType<typeof useSaveRampPlan> }) {
  const [steps, setSteps] = useState(ramp.steps.join(", "));
  const [minutes, setMinutes] = useState(String(ramp.stepMinutes));
  const [autoAdvance, setAutoAdvance] = useState(ramp.autoAdvance);
  const errors = formErrorsOf(save.error);
  // a refused step is reported at its index (steps.2); the form has one field for all of them
  const fieldError = (name: string) => Object.entries(errors.fields).find(([path]) => path === name || path.startsWith(`${name}.`))?.[1];
  const id = `ramp-plan-${experimentKey}`;
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    save.reset();
    set(v);
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate({ key: experimentKey, steps: parseSteps(steps), stepMinutes: minutes.trim() === "" ? Number.NaN : Number(minutes), autoAdvance });
  };
  return (
    <form aria-label="Ramp plan" onSubmit={onSubmit} noValidate className="space-y-4">
      {errors.message ? (
        <Alert tone="danger" title="The ramp plan was not saved">
          {errors.message}
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-steps`}
          label="Ramp steps (%)"
          hint={`Comma-separated and increasing, the first at most 5 %, e.g. 5, 10, 25, 50, 100. Empty: the default schedule. The last step is always the planned exposure.`}
          placeholder="Default: 5, 10, 25, 50, 100"
          error={fieldError("steps")}
          value={steps}
          disabled={save.isPending}
          onChange={(e) => changed(setSteps)(e.target.value)}
        />
        <TextField
          id={`${id}-minutes`}
          label="Minimum time per step (minutes)"
          hint="Each step runs at least this long before the next one."
          type="number"
          min={0}
          step="any"
          error={fieldError("stepMinutes")}
          value={minutes}
          disabled={save.isPending}
          onChange={(e) => changed(setMinutes)(e.target.value)}
        />
      </div>
      <Checkbox
        label="Advance automatically when every guardrail is healthy"
        checked={autoAdvance}
        disabled={save.isPending}
        onChange={(e) => changed(setAutoAdvance)(e.target.checked)}
      />
      {fieldError("autoAdvance") ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {fieldError("autoAdvance")}
        </p>
      ) : null}
      <div>
        <Button type="submit" loading={save.isPending}>
          Save ramp plan
        </Button>
      </div>
    </form>
  );
}
