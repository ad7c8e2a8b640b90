"use client";
import { useEffect, useRef, useState } from "react";
import { Alert, Button, SelectField, TextField, TextareaField } from "@/components/ui";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { DECISIONS, DECISION_LABELS, type Decision } from "@/server/core/experiments/experiment-types";
import type { ExperimentView } from "@/server/services/experiments/experiment-view";
import { useExperimentAction } from "./use-experiment-action";

const MEANING: Record<Decision, string> = {
  ship: "Everyone gets the winning variation until the code makes it the default and the flag is removed.",
  iterate: "The flag turns off and a linked redesign draft opens, with this hypothesis and design to edit and test again.",
  kill: "The flag turns off; delete the code and the flag.",
};

/** Stop the experiment with a decision, its rationale and the outcome (ship needs measurement or an admin override). */
export function StopForm({ view, onDone, onCancel }: { view: ExperimentView; onDone: () => void; onCancel: () => void }) {
  const act = useExperimentAction();
  const formRef = useRef<HTMLFormElement>(null);
  const variants = Object.keys(view.experiment.content.design.weights).filter((k) => k !== view.experiment.content.design.controlVariation);
  const [decision, setDecision] = useState<Decision>("kill");
  const [winner, setWinner] = useState(variants[0] ?? "");
  const [rationale, setRationale] = useState("");
  const [outcome, setOutcome] = useState("");
  const [override, setOverride] = useState("");
  const errors = formErrorsOf(act.error);
  const shipNeedsOverride = decision === "ship" && !view.ship.measured;

  // Opening the form moves focus to the chosen decision; a refusal moves it to the first field in error.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input[name="decision"]:checked')?.focus();
  }, []);
  useEffect(() => {
    if (act.error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [act.error]);

  return (
    <form
      ref={formRef}
      aria-label="Stop and decide"
      noValidate
      className="space-y-4 rounded-lg border border-slate-200 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        act.mutate(
          {
            action: "stop",
            key: view.experiment.key,
            decision,
            winningVariation: decision === "ship" ? winner : undefined,
            rationale,
            outcome,
            overrideReason: shipNeedsOverride ? override : undefined,
          },
          { onSuccess: onDone },
        );
      }}
    >
      {errors.message ? <Alert tone="danger">{errors.message}</Alert> : null}
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Decision</legend>
        {DECISIONS.map((d) => (
          <label key={d} className="mt-2 flex items-start gap-2 text-sm">
            <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} className="mt-1" />
            <span>
              <span className="font-medium">{DECISION_LABELS[d]}</span> — {MEANING[d]}
            </span>
          </label>
        ))}
      </fieldset>
      {decision === "ship" ? (
        <SelectField id="winning-variation" label="Winning variation" error={errors.fields.winningVariation} value={winner} onChange={(e) => setWinner(e.target.value)}>
          {Object.keys(view.experiment.content.design.weights).map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </SelectField>
      ) : null}
      {shipNeedsOverride ? (
        <Alert tone="warning" title="Shipping without measurement is prohibited">
          {view.ship.reason} {view.ship.actorIsAdmin ? "As an admin you may record an override with a reason (audited)." : "Only an admin can record an override."}
        </Alert>
      ) : null}
      {shipNeedsOverride && view.ship.actorIsAdmin ? (
        <TextField id="override-reason" label="Override reason" error={errors.fields.overrideReason} value={override} onChange={(e) => setOverride(e.target.value)} />
      ) : null}
      <TextareaField id="decision-rationale" label="Rationale" hint="Why this decision, based on the data." rows={3} error={errors.fields.rationale} value={rationale} onChange={(e) => setRationale(e.target.value)} />
      <TextareaField id="decision-outcome" label="Outcome" hint="What was learnt, for the experiment's document." rows={3} error={errors.fields.outcome} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
      <div className="flex gap-2">
        <Button type="submit" disabled={act.isPending}>
          Record decision
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
