import { Checkbox } from "@/components/ui";
import type { EditorOptions } from "./editor-types";

/** A fieldset of metric checkboxes (its legend names the group for screen readers and tests). */
export function MetricChoices(props: { legend: string; hint: string; chosen: string[]; onChange: (keys: string[]) => void; error?: string; metrics: EditorOptions["metrics"]; id: string }) {
  const { legend, hint, chosen, onChange, error, metrics, id } = props;
  return (
    <fieldset id={id} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} aria-invalid={error ? true : undefined} className="space-y-2">
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {hint}
      </p>
      {metrics.length === 0 ? <p className="text-sm text-slate-600">No metrics are defined yet.</p> : null}
      <div className="grid gap-2 sm:grid-cols-2">
        {metrics.map((m) => (
          <Checkbox
            key={m.key}
            label={`${m.name} (${m.kind.replace("_", " ")}, ${m.direction === "increase" ? "higher is better" : "lower is better"})`}
            checked={chosen.includes(m.key)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, m.key] : chosen.filter((k) => k !== m.key))}
          />
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
