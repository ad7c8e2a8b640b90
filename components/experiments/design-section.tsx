import { Card, CardBody, CardHeader, Checkbox, SelectField } from "@/components/ui";
import type { SectionProps } from "./editor-types";
import { MetricChoices } from "./metric-choices";
import { NumberField } from "./number-field";

/** Control vs variant(s), audience, exposure, duration, metrics and the statistics parameters. */
export function DesignSection({ content, onChange, errors, options }: SectionProps) {
  const d = content.design;
  const set = (patch: Partial<typeof d>) => onChange({ ...content, design: { ...d, ...patch } });
  const flag = options.flags.find((f) => f.key === content.flagKey);
  const variations = flag?.variations ?? [];
  const total = Object.values(d.weights).reduce((sum, w) => sum + (Number.isFinite(w) ? w : 0), 0);
  const sum = Math.round(total * 100) / 100;

  function toggleVariation(key: string, included: boolean) {
    const weights = { ...d.weights };
    if (included) weights[key] = 0;
    else delete weights[key];
    set({ weights });
  }

  return (
    <Card>
      <CardHeader title="Design" description="Experiments must be statistically valid: control vs variant(s), who sees it, how many, for how long." />
      <CardBody className="space-y-5">
        <SelectField id="control-variation" label="Control variation" hint="What users get today." error={errors["design.controlVariation"]} value={d.controlVariation} onChange={(e) => set({ controlVariation: e.target.value })}>
          {variations.map((v) => (
            <option key={v.key} value={v.key}>
              {v.name} ({v.key})
            </option>
          ))}
        </SelectField>
        <fieldset id="weights" className="space-y-3" aria-describedby={`weights-hint${errors["design.weights"] ? " weights-error" : ""}`} aria-invalid={errors["design.weights"] ? true : undefined}>
          <legend className="text-sm font-medium text-slate-900">Variations and weights</legend>
          <p id="weights-hint" className="text-sm text-slate-600">
            Share of the exposed users per variation; must add up to 100 %. Now: <output aria-live="polite">{sum} %</output>
          </p>
          {sum !== 100 ? <p className="text-sm text-amber-800">The weights add up to {sum} %, not 100 %: adjust them before review.</p> : null}
          {variations.map((v) => {
            const included = d.weights[v.key] !== undefined;
            return (
              <div key={v.key} className="flex flex-wrap items-end gap-4">
                <Checkbox label={`Include ${v.key}`} checked={included} onChange={(e) => toggleVariation(v.key, e.target.checked)} />
                {included ? (
                  <div className="w-48">
                    <NumberField id={`weight-${v.key}`} label={`Weight of ${v.key} (%)`} error={errors[`design.weights.${v.key}`]} min={0} max={100} value={d.weights[v.key] ?? 0} onChange={(n) => set({ weights: { ...d.weights, [v.key]: n } })} />
                  </div>
                ) : null}
              </div>
            );
          })}
          {errors["design.weights"] ? <p id="weights-error" role="alert" className="text-sm font-medium text-red-700">{errors["design.weights"]}</p> : null}
        </fieldset>
        <SelectField id="audience" label="Audience" hint="Who can enter the experiment." error={errors["design.segmentKey"]} value={d.segmentKey ?? ""} onChange={(e) => set({ segmentKey: e.target.value || null })}>
          <option value="">Everyone</option>
          {options.segments.map((s) => (
            <option key={s.key} value={s.key}>
              Segment: {s.name} ({s.key})
            </option>
          ))}
        </SelectField>
        <div className="grid gap-5 sm:grid-cols-2">
          <NumberField id="planned-exposure" label="Planned exposure (%)" hint="Share of the audience once fully ramped. Launch starts at ≤ 5 %." error={errors["design.exposurePercentage"]} min={0} max={100} value={d.exposurePercentage} onChange={(exposurePercentage) => set({ exposurePercentage })} />
          <NumberField id="planned-duration" label="Planned duration (days)" hint={`At most ${options.maxExperimentDays} days: long-running experiments are prohibited.`} error={errors["design.plannedDurationDays"]} min={1} max={options.maxExperimentDays} step="1" value={d.plannedDurationDays} onChange={(plannedDurationDays) => set({ plannedDurationDays })} />
          <NumberField id="expected-daily-units" label="Expected daily units" hint="Users per day who reach the audience (for the duration estimate)." error={errors["design.expectedDailyUnits"]} min={0} step="1" value={d.expectedDailyUnits} onChange={(expectedDailyUnits) => set({ expectedDailyUnits })} />
          <NumberField id="baseline-rate" label="Baseline rate (%)" hint="Today's rate of the main success metric." error={errors["design.baselineRate"]} scale={100} min={0} max={100} value={d.baselineRate} onChange={(baselineRate) => set({ baselineRate })} />
          <NumberField id="mde" label="Minimum detectable effect (%)" hint="Smallest relative change worth detecting." error={errors["design.minDetectableEffect"]} scale={100} min={0} value={d.minDetectableEffect} onChange={(minDetectableEffect) => set({ minDetectableEffect })} />
          <NumberField id="alpha" label="Significance level (alpha)" hint="e.g. 0.05" error={errors["design.alpha"]} min={0} max={0.2} value={d.alpha} onChange={(alpha) => set({ alpha })} />
          <NumberField id="power" label="Power" hint="e.g. 0.8" error={errors["design.power"]} min={0.5} max={0.99} value={d.power} onChange={(power) => set({ power })} />
        </div>
        <MetricChoices id="guardrail-metrics" legend="Guardrail metrics" hint="Also collected, to watch for harm." chosen={d.guardrailMetrics} onChange={(guardrailMetrics) => set({ guardrailMetrics })} error={errors["design.guardrailMetrics"]} metrics={options.metrics} />
      </CardBody>
    </Card>
  );
}
