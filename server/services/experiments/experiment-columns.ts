import { AppError, type FieldErrors } from "../../core/errors";
import { designProblems, type ExperimentContent } from "../../core/experiments/experiment-content";
import type { Tx } from "../../db/client";
import { findMetricIdsByKey, findSegmentIdByKey, type ExperimentColumns } from "../../db/experiments";
import { findEnvironmentByKey } from "../../db/environments";
import type { FlagRecord } from "../../db/flags";
import { loadEditableFlag } from "../flags/editable-flag";
import { estimateDesign } from "../../core/experiments/design-estimate";

/**
 * Resolves a saved document to stored columns, refusing what is wrong even for a draft:
 * security/auth types ("never"), unknown flag, environment, segment or metrics, and designs that
 * break the rules (weights not summing to 100 %, durations above the workspace maximum, …).
 */
export async function resolveColumns(tx: Tx, content: ExperimentContent, maxExperimentDays: number): Promise<{ columns: ExperimentColumns; flag: FlagRecord }> {
  if (content.type === "security_auth") {
    throw new AppError("FORBIDDEN", "Security/auth changes are never allowed as experiments (PHASE-42).", {
      type: ["Security/auth changes are never allowed as experiments. Choose another type, or ship auth changes through security review."],
    });
  }
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);

  const flag = await loadEditableFlag(tx, content.flagKey).catch((error: unknown) => {
    add("flagKey", error instanceof AppError && error.code === "PRECONDITION_FAILED" ? error.message : `Flag “${content.flagKey}” does not exist.`);
    return null;
  });
  const environment = await findEnvironmentByKey(tx, content.environmentKey);
  if (!environment) add("environmentKey", `Environment “${content.environmentKey}” does not exist; see Settings → Environments.`);
  const segmentId = content.design.segmentKey ? await findSegmentIdByKey(tx, content.design.segmentKey) : null;
  if (content.design.segmentKey && !segmentId) add("design.segmentKey", `Segment “${content.design.segmentKey}” does not exist.`);

  const roles = [
    ["success", "hypothesis.successMetrics", content.hypothesis.successMetrics],
    ["failure", "hypothesis.failureMetrics", content.hypothesis.failureMetrics],
    ["guardrail", "design.guardrailMetrics", content.design.guardrailMetrics],
  ] as const;
  const metricIds = await findMetricIdsByKey(tx, roles.flatMap(([, , keys]) => keys));
  const metrics: ExperimentColumns["metrics"] = [];
  for (const [role, field, keys] of roles) {
    const unknown = keys.filter((k) => !metricIds.has(k));
    if (unknown.length > 0) add(field, `Unknown metric${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Choose metrics defined on the Metrics page.`);
    for (const key of new Set(keys)) {
      const metricId = metricIds.get(key);
      if (metricId) metrics.push({ metricId, role });
    }
  }

  const facts = flag ? { variationKeys: flag.variations.map((v) => v.key), offVariationKey: flag.offVariationKey } : null;
  for (const problem of designProblems(content.design, facts, maxExperimentDays)) add(problem.field, problem.message);

  if (Object.keys(errors).length > 0 || !flag || !environment) {
    const summary = [...new Set(Object.values(errors).map((m) => m[0]))].join(" ");
    throw new AppError("BAD_INPUT", summary, errors);
  }
  const d = content.design;
  return {
    flag,
    columns: {
      name: content.name,
      type: content.type,
      flagId: flag.id,
      environmentId: environment.id,
      team: content.team,
      segmentId,
      problemStatement: content.hypothesis.problemStatement,
      expectedOutcome: content.hypothesis.expectedOutcome,
      rollbackPlan: content.hypothesis.rollbackPlan,
      controlVariationKey: d.controlVariation,
      variantWeights: d.weights,
      exposurePercentage: d.exposurePercentage,
      plannedDurationDays: d.plannedDurationDays,
      alpha: d.alpha,
      power: d.power,
      minDetectableEffect: d.minDetectableEffect,
      baselineRate: d.baselineRate,
      expectedDailyUnits: d.expectedDailyUnits,
      sampleSizePerVariation: estimateDesign(d).perVariation,
      sensitivity: content.sensitivity,
      metrics,
    },
  };
}
