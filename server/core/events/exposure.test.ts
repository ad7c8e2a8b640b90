import { describe, expect, it } from "vitest";
import { exposureEventSchema, exposureFor } from "./exposure";
import type { EvaluationResult } from "../evaluation/result";

const at = new Date("2026-11-25T10:00:00.000Z");
const split: EvaluationResult = {
  key: "new-checkout",
  value: true,
  variant: "on",
  reason: "SPLIT",
  metadata: { flagVersion: 3, revision: 12, inExperiment: true, experimentKey: "checkout-test" },
};

describe("exposure events from evaluation answers", () => {
  it("reports a unit randomised into a running experiment, with a stable id", () => {
    const event = exposureFor(split, { targetingKey: "user-1" }, "production", at);
    expect(event).toEqual({
      type: "exposure",
      id: "exposure:checkout-test:on:user-1",
      unitId: "user-1",
      experimentKey: "checkout-test",
      flagKey: "new-checkout",
      variation: "on",
      environment: "production",
      timestamp: "2026-11-25T10:00:00.000Z",
    });
    expect(exposureEventSchema.parse(event)).toEqual(event);
    expect(exposureFor(split, { targetingKey: "user-1" }, "production", new Date())?.id).toBe(event?.id);
  });

  it("reports nothing for units outside an experiment", () => {
    expect(exposureFor({ ...split, metadata: { ...split.metadata, inExperiment: false } }, { targetingKey: "u" }, "production", at)).toBeNull();
    expect(exposureFor({ ...split, reason: "DISABLED", metadata: { flagVersion: 1, revision: 1, inExperiment: false } }, { targetingKey: "u" }, "production", at)).toBeNull();
  });
});
