"use client";
import { useState, type FormEvent } from "react";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Button, Field, Input, SpinnerIcon, describedBy } from "@/components/ui";
import type { FlagEnvironmentRecord } from "@/server/db/flags";
import { useUpdateEnvironment } from "./use-update-environment";

const HINT =
  "Share of users who get the flag's variations when it is on; everyone else gets the off variation. Start at 5 % or less.";

type RolloutFormProps = {
  flagKey: string;
  environment: FlagEnvironmentRecord;
  readOnly: boolean;
};

/** The rollout percentage of a flag in one environment; the server checks the value. */
export function RolloutForm({ flagKey, environment, readOnly }: RolloutFormProps) {
  const { environmentKey, environmentName, rolloutPercentage } = environment;
  const save = useUpdateEnvironment(flagKey, environment);
  const [draft, setDraft] = useState(String(rolloutPercentage));
  // When the saved percentage changes (here or elsewhere), show it.
  const [shown, setShown] = useState(rolloutPercentage);
  if (shown !== rolloutPercentage) {
    setShown(rolloutPercentage);
    setDraft(String(rolloutPercentage));
  }

  const id = `rollout-${environmentKey}`;
  const error = formErrorsOf(save.error).fields.rolloutPercentage;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (readOnly || save.isPending) return;
    // An empty or unparsable box is sent as NaN so the server explains what is allowed.
    const value = draft.trim() === "" ? Number.NaN : Number(draft);
    save.mutate({ flagKey, environmentKey, rolloutPercentage: value });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Field label={`Rollout percentage in ${environmentName}`} htmlFor={id} hint={HINT} error={error}>
        <div className="flex flex-wrap items-center gap-2">
          <div className="relative w-36">
            <Input
              id={id}
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step={0.01}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              readOnly={readOnly}
              invalid={Boolean(error)}
              aria-describedby={describedBy(id, { hint: HINT, error })}
              className={readOnly ? "bg-slate-50 pr-8" : "pr-8"}
            />
            <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-slate-600">
              %
            </span>
          </div>
          {readOnly ? null : (
            // Not disabled while saving, so keyboard focus stays on the button.
            <Button type="submit" variant="secondary" aria-label={`Save rollout for ${environmentName}`} aria-busy={save.isPending || undefined}>
              {save.isPending ? <SpinnerIcon /> : null}
              Save rollout
            </Button>
          )}
        </div>
      </Field>
    </form>
  );
}
