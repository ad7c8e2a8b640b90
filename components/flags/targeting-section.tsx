"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, Select, SpinnerIcon, Textarea, useToast } from "@/components/ui";
import { describeEnvironmentState } from "@/server/core/flags/rollout";
import { MAX_TARGETS } from "@/server/core/targeting/targeting-input";
import type { FlagRecord } from "@/server/db/flags";
import { RuleCard } from "./rule-card";
import { draftFrom, newRule, parseIds, toInput, type TargetingDraft } from "./targeting-draft";
import { useSegmentChoices } from "./use-segment-choices";

/**
 * Who gets what in one environment, in evaluation order: individual targets, then the rules
 * (first match wins), then everyone else (the rollout set under Environments). Saved as one change.
 */
export function TargetingSection({ flag, readOnly }: { flag: FlagRecord; readOnly: boolean }) {
  const [environmentKey, setEnvironmentKey] = useState(flag.environments.find((e) => !e.isProduction)?.environmentKey ?? flag.environments[0]?.environmentKey ?? "");
  const environment = flag.environments.find((e) => e.environmentKey === environmentKey);
  return (
    <section aria-labelledby="targeting-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="targeting-heading" className="text-lg font-semibold text-slate-900">
            Targeting
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Evaluated in order: individual targets first, then the rules (the first rule that matches decides), then everyone else gets the rollout above.
          </p>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor="targeting-environment" className="text-sm font-medium text-slate-900">
            Targeting environment
          </label>
          <Select id="targeting-environment" className="w-auto" value={environmentKey} onChange={(e) => setEnvironmentKey(e.target.value)}>
            {flag.environments.map((e) => (
              <option key={e.environmentKey} value={e.environmentKey}>
                {e.environmentName}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {environment ? (
        // Keyed by environment and version: a saved change elsewhere starts a fresh draft.
        <TargetingEditor key={`${environment.environmentKey}:${environment.version}`} flag={flag} environmentKey={environment.environmentKey} readOnly={readOnly} />
      ) : null}
    </section>
  );
}

function TargetingEditor({ flag, environmentKey, readOnly }: { flag: FlagRecord; environmentKey: string; readOnly: boolean }) {
  const environment = flag.environments.find((e) => e.environmentKey === environmentKey)!;
  const { environmentName } = environment;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const segments = useSegmentChoices();
  const [draft, setDraft] = useState<TargetingDraft>(() => draftFrom(environment, flag.variations.map((v) => v.key)));
  const save = useMutation(
    trpc.flags.updateTargeting.mutationOptions({
      onSuccess: async (updated) => {
        toast.notify(`${environmentName}: targeting saved`);
        queryClient.setQueryData(trpc.flags.byKey.queryKey({ key: flag.key }), updated);
        await queryClient.invalidateQueries({ queryKey: trpc.flags.byKey.queryKey({ key: flag.key }) });
      },
    }),
  );
  const errors = formErrorsOf(save.error);
  const fieldErrors = save.error ? ((save.error.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? {}) : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (readOnly || save.isPending) return;
    save.mutate({ flagKey: flag.key, environmentKey, version: environment.version, ...toInput(draft) });
  }

  const setRules = (rules: TargetingDraft["rules"]) => setDraft((d) => ({ ...d, rules }));
  const move = (index: number, offset: -1 | 1) => {
    const rules = [...draft.rules];
    const [rule] = rules.splice(index, 1);
    rules.splice(index + offset, 0, rule!);
    setRules(rules);
  };
  const targetCount = Object.values(draft.targetsText).reduce((sum, text) => sum + parseIds(text).length, 0);

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Targeting in ${environmentName}`} className="space-y-5">
      {errors.message && save.error?.data?.code !== "BAD_REQUEST" ? (
        <Alert tone="danger" title="Targeting was not saved">
          {errors.message}
        </Alert>
      ) : errors.message ? (
        <Alert tone="danger" title="Fix the highlighted fields">
          {errors.message}
        </Alert>
      ) : null}

      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" disabled={readOnly}>
        <legend className="px-1 text-sm font-semibold text-slate-900">Individual targets in {environmentName}</legend>
        <p className="text-sm text-slate-600">
          Unit ids (targeting keys) that always get a variation — internal testers, beta customers. One per line or comma-separated; at most{" "}
          {MAX_TARGETS.toLocaleString("en")} in all ({targetCount.toLocaleString("en")} now).
        </p>
        {fieldErrors.targets ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {fieldErrors.targets[0]}
          </p>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          {flag.variations.map((variation, t) => {
            const id = `targets-${environmentKey}-${variation.key}`;
            const index = Object.keys(draft.targetsText).indexOf(variation.key);
            const error = fieldErrors[`targets.${index === -1 ? t : index}.values`]?.[0];
            return (
              <div key={variation.key} className="space-y-1.5">
                <label htmlFor={id} className="block text-sm font-medium text-slate-900">
                  Targets for {variation.name} in {environmentName}
                </label>
                <Textarea
                  id={id}
                  rows={3}
                  value={draft.targetsText[variation.key] ?? ""}
                  readOnly={readOnly}
                  invalid={Boolean(error)}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(e) => setDraft((d) => ({ ...d, targetsText: { ...d.targetsText, [variation.key]: e.target.value } }))}
                />
                {error ? (
                  <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700">
                    {error}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>

      <div className="space-y-3">
        <h3 className="text-sm font-semibold text-slate-900">Rules in {environmentName}</h3>
        {draft.rules.length === 0 ? <p className="text-sm text-slate-600">No rules: everyone who is not an individual target gets the rollout.</p> : null}
        <ol className="space-y-3">
          {draft.rules.map((rule, index) => (
            <RuleCard
              key={rule.uid}
              rule={rule}
              index={index}
              count={draft.rules.length}
              variations={flag.variations}
              segments={segments}
              fieldErrors={fieldErrors}
              readOnly={readOnly}
              onChange={(next) => setRules(draft.rules.map((r, i) => (i === index ? next : r)))}
              onMove={(offset) => move(index, offset)}
              onRemove={() => setRules(draft.rules.filter((_, i) => i !== index))}
            />
          ))}
        </ol>
        {readOnly ? null : (
          <Button type="button" variant="secondary" onClick={() => setRules([...draft.rules, newRule(draft.rules, flag.variations.find((v) => v.key !== flag.offVariationKey)?.key ?? flag.variations[0]!.key)])}>
            Add rule
          </Button>
        )}
        <p className="text-sm text-slate-600">
          Everyone else in {environmentName}: {describeEnvironmentState(environment)}.
        </p>
      </div>

      {readOnly ? null : (
        <div className="flex items-center gap-3">
          <Button type="submit" aria-busy={save.isPending || undefined}>
            {save.isPending ? <SpinnerIcon /> : null}
            Save targeting for {environmentName}
          </Button>
          <span className="text-xs text-slate-600">version {environment.version}</span>
        </div>
      )}
    </form>
  );
}
