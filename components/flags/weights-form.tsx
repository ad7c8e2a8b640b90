"use client";
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Button, Input, SpinnerIcon } from "@/components/ui";
import type { Variation } from "@/server/core/flags/variations";
import type { FlagEnvironmentRecord } from "@/server/db/flags";
import { useFlagSaved } from "./use-flag-mutation";

const COLOURS = ["bg-brand-600", "bg-emerald-500", "bg-amber-500", "bg-sky-500", "bg-rose-500", "bg-violet-500"];

/**
 * How the units inside the rollout split between variations in one environment, as % inputs
 * and a bar. The server refuses totals other than 100 % and any change while an experiment runs.
 */
export function WeightsForm({ flagKey, environment, variations, readOnly }: { flagKey: string; environment: FlagEnvironmentRecord; variations: Variation[]; readOnly: boolean }) {
  const trpc = useTRPC();
  const saved = useFlagSaved(flagKey);
  const { environmentKey, environmentName } = environment;
  const [percent, setPercent] = useState<Record<string, string>>(() =>
    Object.fromEntries(variations.map((v) => [v.key, String((environment.weights[v.key] ?? 0) / 100)])),
  );
  const save = useMutation(trpc.flags.updateWeights.mutationOptions({ onSuccess: (flag) => saved(flag, `${environmentName}: split saved`) }));
  const errors = formErrorsOf(save.error);
  const error = errors.fields.weights ?? (save.error && Object.keys(errors.fields).length === 0 ? errors.message ?? undefined : undefined);
  const values = variations.map((v) => ({ ...v, share: Number(percent[v.key] ?? 0) || 0 }));
  const total = values.reduce((sum, v) => sum + v.share, 0);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (readOnly || save.isPending) return;
    const weights = Object.fromEntries(values.map((v) => [v.key, Math.round(v.share * 100)]));
    save.mutate({ flagKey, environmentKey, version: environment.version, weights });
  }

  const id = `weights-${environmentKey}`;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Variation split in ${environmentName}`} className="space-y-3">
      <fieldset aria-describedby={error ? `${id}-error` : `${id}-hint`} className="space-y-2">
        <legend className="text-sm font-medium text-slate-900">Split between variations in {environmentName}</legend>
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          How the users inside the rollout divide between variations; must add up to 100 % (now {total.toLocaleString("en", { maximumFractionDigits: 2 })} %).
        </p>
        <div className="flex h-3 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
          {values.map((v, i) => (
            <div key={v.key} className={COLOURS[i % COLOURS.length]} style={{ width: `${Math.max(0, Math.min(100, v.share))}%` }} />
          ))}
        </div>
        <div className="flex flex-wrap gap-3">
          {values.map((v, i) => (
            <div key={v.key} className="flex items-center gap-2">
              <span aria-hidden="true" className={`inline-block size-2.5 rounded-full ${COLOURS[i % COLOURS.length]}`} />
              <label htmlFor={`${id}-${v.key}`} className="text-sm text-slate-700">
                {v.name} in {environmentName} (%)
              </label>
              <Input
                id={`${id}-${v.key}`}
                type="number"
                min={0}
                max={100}
                step={0.01}
                className="w-24"
                readOnly={readOnly}
                value={percent[v.key] ?? "0"}
                onChange={(e) => setPercent((p) => ({ ...p, [v.key]: e.target.value }))}
              />
            </div>
          ))}
        </div>
        {error ? (
          <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </fieldset>
      {readOnly ? null : (
        <Button type="submit" variant="secondary" aria-label={`Save split for ${environmentName}`} aria-busy={save.isPending || undefined}>
          {save.isPending ? <SpinnerIcon /> : null}
          Save split
        </Button>
      )}
    </form>
  );
}
