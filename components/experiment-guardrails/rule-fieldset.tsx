import { Button, SelectField, TextField } from "@/components/ui";
import { GUARDRAIL_RULE_LABELS, type RuleMetric } from "@/server/core/guardrails/guardrail-rules";
import { METRIC_KIND_LABELS } from "@/server/core/metrics/metric-input";
import { metricsFor, THRESHOLD_FIELDS, withoutPath, type RuleDraft, type ThresholdField } from "./rule-drafts";

export interface RuleFieldsetProps {
  draft: RuleDraft;
  /** the id prefix of the controls (unique per rule in the form) */
  idPrefix: string;
  metrics: readonly RuleMetric[];
  /** the server's messages for this rule, by field ("" = the rule itself) */
  errors: Record<string, string>;
  budgetText: string;
  disabled: boolean;
  onChange: (draft: RuleDraft) => void;
  onRemove: () => void;
}

/** One rule in the editor: its metric and thresholds (in %), and a remove button. */
export function RuleFieldset({ draft, idPrefix, metrics, errors, budgetText, disabled, onChange, onRemove }: RuleFieldsetProps) {
  const label = GUARDRAIL_RULE_LABELS[draft.kind];
  const allowed = metricsFor(draft.kind, metrics);
  const known = allowed.some((m) => m.key === draft.metricKey);
  const ruleError = errors[""] ?? errors.kind;
  const setThreshold = (field: ThresholdField, value: string) => onChange({ ...draft, thresholds: { ...draft.thresholds, [field]: value } });
  return (
    <fieldset
      className="space-y-3 rounded-lg border border-slate-200 p-4"
      aria-describedby={ruleError ? `${idPrefix}-error` : undefined}
      aria-invalid={ruleError ? true : undefined}
    >
      <legend className="px-1 text-sm font-semibold text-slate-900">{label}</legend>
      {ruleError ? (
        <p id={`${idPrefix}-error`} role="alert" className="text-sm font-medium text-red-700">
          {withoutPath(ruleError)}
        </p>
      ) : null}
      {draft.kind === "security_signal" ? (
        <p className="text-sm text-slate-600">Any security-signal event from a unit in a variant aborts at once. This rule is always on and cannot be removed.</p>
      ) : (
        <div className="flex flex-wrap items-start gap-4">
          <div className="w-full max-w-sm min-w-64 flex-1">
            <SelectField
              id={`${idPrefix}-metric`}
              label="Metric"
              disabled={disabled}
              error={errors.metricKey ? withoutPath(errors.metricKey) : undefined}
              hint={allowed.length === 0 ? `The experiment has no metric this rule can watch.` : undefined}
              value={draft.metricKey}
              onChange={(e) => onChange({ ...draft, metricKey: e.target.value })}
            >
              {draft.metricKey === "" ? <option value="">Choose a metric</option> : null}
              {!known && draft.metricKey !== "" ? <option value={draft.metricKey}>{draft.metricKey} (not allowed for this rule)</option> : null}
              {allowed.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.key} ({METRIC_KIND_LABELS[m.kind]})
                </option>
              ))}
            </SelectField>
          </div>
          {THRESHOLD_FIELDS[draft.kind].map(({ field, label: fieldLabel }) => (
            <div key={field} className="w-48">
              <TextField
                id={`${idPrefix}-${field}`}
                label={fieldLabel}
                type="number"
                inputMode="decimal"
                min={0}
                step="any"
                disabled={disabled}
                error={errors[field] ? withoutPath(errors[field]) : undefined}
                value={draft.thresholds[field] ?? ""}
                onChange={(e) => setThreshold(field, e.target.value)}
              />
            </div>
          ))}
        </div>
      )}
      {draft.kind === "sla_burn" ? <p className="text-sm text-slate-600">Uses the environment&apos;s reliability budget — {budgetText}.</p> : null}
      {draft.kind !== "security_signal" ? (
        <Button variant="ghost" size="sm" disabled={disabled} onClick={onRemove}>
          Remove {label}
        </Button>
      ) : null}
    </fieldset>
  );
}
