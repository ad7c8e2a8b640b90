import { formatDate } from "@/components/flags/format";
import { DECISION_LABELS } from "@/server/core/experiments/experiment-types";
import type { ExperimentRecord } from "@/server/db/experiments";
import { DocumentFields } from "./document-fields";

/** The decision (ship / iterate / kill), its rationale and the outcome — once someone has decided. */
export function DecisionSection({ experiment: e }: { experiment: ExperimentRecord }) {
  if (!e.decision) return null;
  return (
    <DocumentFields
      title="Decision and outcome"
      fields={[
        { field: "decision", label: "Decision", value: DECISION_LABELS[e.decision] },
        { field: "rationale", label: "Rationale", value: e.decisionRationale ?? "—" },
        { field: "outcome", label: "Outcome", value: e.outcome ?? "—" },
        { field: "decidedBy", label: "Decided by", value: e.decidedBy ? `${e.decidedBy.name} (${e.decidedBy.email})${e.decidedAt ? ` on ${formatDate(e.decidedAt)}` : ""}` : "—" },
        ...(e.measurementOverrideReason ? [{ field: "override", label: "Measurement override", value: e.measurementOverrideReason }] : []),
      ]}
    />
  );
}
