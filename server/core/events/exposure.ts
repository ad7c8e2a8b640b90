/**
 * The exposure event: "unit U saw variation V of experiment E". Evaluation answers carry
 * `metadata.inExperiment` and `metadata.experimentKey`; when inExperiment is true, the service
 * (or the standalone evaluator) reports one of these to POST /api/v1/events (the events API
 * arrives with the measurement work; this is its exposure shape). The id makes reporting
 * idempotent: the same unit, experiment and variation always give the same id, so retries and
 * repeated evaluations count once, and the first exposure's time is the one kept.
 */
import { z } from "zod";
import type { EvaluationContext, EvaluationResult } from "../evaluation/result";

export const exposureEventSchema = z.object({
  type: z.literal("exposure"),
  /** idempotency key (see exposureId) */
  id: z.string().min(1).max(300),
  /** the randomisation unit: the context's targetingKey */
  unitId: z.string().min(1).max(512),
  experimentKey: z.string().min(1),
  flagKey: z.string().min(1),
  variation: z.string().min(1),
  environment: z.string().min(1),
  /** when the unit was evaluated, ISO 8601 */
  timestamp: z.iso.datetime({ offset: true }),
});
export type ExposureEvent = z.infer<typeof exposureEventSchema>;

export function exposureId(experimentKey: string, variation: string, unitId: string): string {
  return `exposure:${experimentKey}:${variation}:${unitId}`;
}

/** The exposure to report for an evaluation, or null when the unit is not in an experiment. */
export function exposureFor(
  result: EvaluationResult,
  context: EvaluationContext,
  environment: string,
  at: Date,
): ExposureEvent | null {
  const { inExperiment, experimentKey } = result.metadata;
  if (!inExperiment || !experimentKey) return null;
  return {
    type: "exposure",
    id: exposureId(experimentKey, result.variant, context.targetingKey),
    unitId: context.targetingKey,
    experimentKey,
    flagKey: result.key,
    variation: result.variant,
    environment,
    timestamp: at.toISOString(),
  };
}
