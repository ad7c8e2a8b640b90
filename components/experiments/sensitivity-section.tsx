import { Card, CardBody, CardHeader, Checkbox } from "@/components/ui";
import { SENSITIVITY_LABELS, type Sensitivity } from "@/server/core/experiments/experiment-content";
import type { SectionProps } from "./editor-types";

const DECLARATIONS: (keyof Sensitivity)[] = ["touchesPersonalData", "affectsBilling", "changesCompliance", "securityAdjacent", "altersAuthSession", "bypassesSecurityChecks", "exposesPrivateData"];

/** What the experiment touches: drives the approvals it needs (or forbids it). */
export function SensitivitySection({ content, onChange, errors }: SectionProps) {
  const s = content.sensitivity;
  const confirmError = errors["sensitivity.confirmsNoSecurityChange"];
  const set = (patch: Partial<Sensitivity>) => onChange({ ...content, sensitivity: { ...s, ...patch } });
  return (
    <Card>
      <CardHeader title="Sensitivity declarations" description="Declare honestly: they decide which approvals it needs, or whether it is allowed at all." />
      <CardBody className="space-y-4">
        <fieldset className="grid gap-2 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-medium text-slate-900">This experiment…</legend>
          {DECLARATIONS.map((key) => (
            <Checkbox key={key} label={SENSITIVITY_LABELS[key]} checked={s[key]} onChange={(e) => set({ [key]: e.target.checked })} />
          ))}
        </fieldset>
        <div>
          <Checkbox
            id="confirms-no-security-change"
            label={SENSITIVITY_LABELS.confirmsNoSecurityChange}
            checked={s.confirmsNoSecurityChange}
            onChange={(e) => set({ confirmsNoSecurityChange: e.target.checked })}
            aria-invalid={confirmError ? true : undefined}
            aria-describedby={confirmError ? "confirms-no-security-change-error" : undefined}
          />
          {confirmError ? (
            <p id="confirms-no-security-change-error" role="alert" className="mt-1 text-sm font-medium text-red-700">
              {confirmError}
            </p>
          ) : null}
        </div>
      </CardBody>
    </Card>
  );
}
