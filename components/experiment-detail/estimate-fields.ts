import type { DesignEstimate } from "@/server/core/experiments/design-estimate";
import type { ReviewedField } from "@/server/core/experiments/reviewed-document";

/** The sample-size estimate as lines of the Design section: units per variation, days needed, method, warning. */
export function estimateFields(estimate: DesignEstimate): ReviewedField[] {
  const fields: ReviewedField[] = [
    { field: "estimate.perVariation", label: "Units needed per variation", value: estimate.perVariation === null ? "—" : estimate.perVariation.toLocaleString("en") },
    { field: "estimate.daysNeeded", label: "Days needed", value: estimate.daysNeeded === null ? "—" : `about ${estimate.daysNeeded.toLocaleString("en")}` },
    { field: "estimate.method", label: "Estimate method", value: estimate.method ?? "—" },
  ];
  if (estimate.warning) fields.push({ field: "estimate.warning", label: "Estimate warning", value: estimate.warning });
  return fields;
}
