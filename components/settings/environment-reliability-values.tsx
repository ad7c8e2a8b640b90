import type { EnvironmentView } from "@/server/services/environments/list-environments";
import { BUDGET_FIELDS, DEFAULT_RULE_FIELDS, formatField, formatPercent, type ReliabilityField } from "./environment-reliability-fields";

function Values({ title, fields, environment }: { title: string; fields: readonly ReliabilityField[]; environment: EnvironmentView }) {
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold text-slate-900">{title}</h4>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
        {fields.map((f) => (
          <div key={f.key}>
            <dt className="text-slate-600">{f.label.replace(/ \(.*\)$/, "")}</dt>
            <dd className="font-medium text-slate-900 tabular-nums">{formatField(f, environment.reliability[f.key])}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The reliability budget for members who cannot change it. */
export function EnvironmentReliabilityValues({ environment }: { environment: EnvironmentView }) {
  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-700">
        Error budget: <strong className="font-semibold text-slate-900">{formatPercent(environment.errorBudget)}</strong> of requests may fail over {environment.reliability.budgetWindowDays} days
        (100 % − SLA). {environment.runningExperiments === 1 ? "1 experiment is" : `${environment.runningExperiments} experiments are`} running here.
      </p>
      <Values title="Error budget and burn-rate alert" fields={BUDGET_FIELDS} environment={environment} />
      <Values title="Guardrail defaults for new experiments" fields={DEFAULT_RULE_FIELDS} environment={environment} />
    </div>
  );
}
