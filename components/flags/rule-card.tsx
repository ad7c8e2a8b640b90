"use client";
import { Button, Input, Select, describedBy } from "@/components/ui";
import { ConditionEditor } from "@/components/targeting/condition-editor";
import { describeRule } from "@/server/core/targeting/describe-rule";
import type { Rule } from "@/server/core/evaluation/snapshot-format";
import type { Variation } from "@/server/core/flags/variations";
import { serveChoice } from "./targeting-draft";

type RuleCardProps = {
  rule: Rule & { uid: string };
  index: number;
  count: number;
  variations: Variation[];
  segments: { key: string; name: string }[];
  fieldErrors: Record<string, string[]>;
  readOnly: boolean;
  onChange(rule: Rule & { uid: string }): void;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
};

/** One targeting rule: its conditions (all/any), what it serves, and its place in the order. */
export function RuleCard({ rule, index, count, variations, segments, fieldErrors, readOnly, onChange, onMove, onRemove }: RuleCardProps) {
  const n = index + 1;
  const at = `rules.${index}`;
  const id = `rule-${rule.uid}`;
  const firstError = (field: string) => fieldErrors[field]?.[0];
  const serveError = firstError(`${at}.serve.variation`) ?? firstError(`${at}.serve`);
  const percentageError = firstError(`${at}.serve.rollout.percentage`);
  const weightsError = firstError(`${at}.serve.rollout.weights`);
  const idError = firstError(`${at}.id`);

  function setServe(choice: string) {
    if (choice === "rollout") {
      const served = variations.find((v) => v.key !== "off") ?? variations[0]!;
      onChange({ ...rule, serve: { rollout: { percentage: 10, weights: variations.map((v) => ({ variation: v.key, weight: v.key === served.key ? 10_000 : 0 })) } } });
    } else {
      onChange({ ...rule, serve: { variation: choice.slice("variation:".length) } });
    }
  }

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <section aria-labelledby={`${id}-heading`} className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <h4 id={`${id}-heading`} className="text-sm font-semibold text-slate-900">
              Rule {n}
            </h4>
            <p className="mt-0.5 break-words text-sm text-slate-700" data-testid="rule-summary">
              {describeRule(rule, variations, segments)}
            </p>
            {idError ? (
              <p role="alert" className="mt-1 text-sm font-medium text-red-700">
                {idError}
              </p>
            ) : null}
          </div>
          {readOnly ? null : (
            <div className="flex gap-1">
              <Button type="button" size="sm" variant="ghost" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move rule ${n} up`}>
                ↑
              </Button>
              <Button type="button" size="sm" variant="ghost" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move rule ${n} down`}>
                ↓
              </Button>
              <Button type="button" size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove rule ${n}`}>
                Remove
              </Button>
            </div>
          )}
        </div>

        <div className="flex flex-wrap items-center gap-2 text-sm">
          <label htmlFor={`${id}-match`} className="font-medium text-slate-900">
            Match of rule {n}
          </label>
          <Select id={`${id}-match`} className="w-auto" value={rule.match} disabled={readOnly} onChange={(e) => onChange({ ...rule, match: e.target.value as "all" | "any" })}>
            <option value="all">all conditions</option>
            <option value="any">any condition</option>
          </Select>
        </div>

        <ConditionEditor
          conditions={rule.conditions}
          onChange={(conditions) => onChange({ ...rule, conditions })}
          segments={segments}
          fieldErrors={fieldErrors}
          errorPrefix={`${at}.conditions`}
          idPrefix={`${id}-conditions`}
          legend={`Conditions of rule ${n}`}
          disabled={readOnly}
        />

        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1.5">
            <label htmlFor={`${id}-serve`} className="block text-sm font-medium text-slate-900">
              Serve of rule {n}
            </label>
            <Select
              id={`${id}-serve`}
              value={serveChoice(rule.serve)}
              disabled={readOnly}
              invalid={Boolean(serveError)}
              aria-describedby={describedBy(`${id}-serve`, { error: serveError })}
              onChange={(e) => setServe(e.target.value)}
            >
              {variations.map((v) => (
                <option key={v.key} value={`variation:${v.key}`}>
                  {v.name}
                </option>
              ))}
              <option value="rollout">Percentage rollout</option>
            </Select>
            {serveError ? (
              <p id={`${id}-serve-error`} role="alert" className="text-sm font-medium text-red-700">
                {serveError}
              </p>
            ) : null}
          </div>
          {"rollout" in rule.serve ? (
            <RolloutFields ruleId={id} n={n} rule={rule} variations={variations} readOnly={readOnly} percentageError={percentageError} weightsError={weightsError} onChange={onChange} />
          ) : null}
        </div>
      </section>
    </li>
  );
}

function RolloutFields({
  ruleId,
  n,
  rule,
  variations,
  readOnly,
  percentageError,
  weightsError,
  onChange,
}: {
  ruleId: string;
  n: number;
  rule: Rule & { uid: string };
  variations: Variation[];
  readOnly: boolean;
  percentageError?: string;
  weightsError?: string;
  onChange(rule: Rule & { uid: string }): void;
}) {
  if (!("rollout" in rule.serve)) return null;
  const { rollout } = rule.serve;
  const weightOf = (key: string) => rollout.weights.find((w) => w.variation === key)?.weight ?? 0;
  const setWeight = (key: string, percent: number) =>
    onChange({
      ...rule,
      serve: { rollout: { ...rollout, weights: variations.map((v) => ({ variation: v.key, weight: v.key === key ? Math.round(percent * 100) : weightOf(v.key) })) } },
    });
  return (
    <div className="space-y-3">
      <div className="space-y-1.5">
        <label htmlFor={`${ruleId}-percentage`} className="block text-sm font-medium text-slate-900">
          Rollout percentage of rule {n}
        </label>
        <Input
          id={`${ruleId}-percentage`}
          type="number"
          min={0}
          max={100}
          step={0.01}
          readOnly={readOnly}
          value={Number.isNaN(rollout.percentage) ? "" : rollout.percentage}
          invalid={Boolean(percentageError)}
          aria-describedby={describedBy(`${ruleId}-percentage`, { error: percentageError })}
          onChange={(e) => onChange({ ...rule, serve: { rollout: { ...rollout, percentage: e.target.value === "" ? Number.NaN : Number(e.target.value) } } })}
        />
        {percentageError ? (
          <p id={`${ruleId}-percentage-error`} role="alert" className="text-sm font-medium text-red-700">
            {percentageError}
          </p>
        ) : null}
      </div>
      <fieldset className="space-y-2" aria-describedby={weightsError ? `${ruleId}-weights-error` : undefined}>
        <legend className="text-sm font-medium text-slate-900">Split of rule {n} (must add up to 100 %)</legend>
        {variations.map((v) => (
          <div key={v.key} className="flex items-center gap-2">
            <label htmlFor={`${ruleId}-weight-${v.key}`} className="w-32 text-sm text-slate-700">
              {v.name} in rule {n} (%)
            </label>
            <Input
              id={`${ruleId}-weight-${v.key}`}
              type="number"
              min={0}
              max={100}
              step={0.01}
              className="w-28"
              readOnly={readOnly}
              value={weightOf(v.key) / 100}
              onChange={(e) => setWeight(v.key, Number(e.target.value))}
            />
          </div>
        ))}
        {weightsError ? (
          <p id={`${ruleId}-weights-error`} role="alert" className="text-sm font-medium text-red-700">
            {weightsError}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
