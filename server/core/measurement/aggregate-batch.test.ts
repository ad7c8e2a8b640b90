import { describe, expect, it } from "vitest";
import { aggregateBatch, EXPOSURE_METRIC, unitStateKeys, type CollectingExperiment } from "./aggregate-batch";

const started = Date.UTC(2026, 10, 25, 10);
const experiment: CollectingExperiment = {
  id: "exp",
  startedAtMs: started,
  metrics: [
    { id: "conv", rule: { kind: "conversion", eventName: "purchase", denominatorEventName: "", retentionDays: 7 } },
    { id: "lat", rule: { kind: "latency", eventName: "timing", denominatorEventName: "", retentionDays: 7 } },
  ],
};
const experiments = new Map([[experiment.id, experiment]]);
const exposed = (unitId: string, variation: string, exposedAtMs = started) => ({ experimentId: "exp", unitId, variation, exposedAtMs });

describe("folding a batch into the running totals", () => {
  it("adds new exposures per variation and metric changes per unit", () => {
    const exposures = [exposed("a", "off"), exposed("b", "on"), exposed("c", "on")];
    const changes = aggregateBatch({
      experiments,
      freshExposures: exposures,
      exposures,
      states: [],
      metricEvents: [
        { eventId: "1", unitId: "b", eventName: "purchase", value: 1, atMs: started + 1000 },
        { eventId: "2", unitId: "b", eventName: "purchase", value: 1, atMs: started + 2000 },
        { eventId: "3", unitId: "a", eventName: "timing", value: 200, atMs: started + 3000 },
        { eventId: "4", unitId: "zz", eventName: "purchase", value: 1, atMs: started + 3000 },
      ],
    });
    const total = (variation: string, metricId: string) => changes.totals.find((t) => t.variation === variation && t.metricId === metricId);
    expect(total("off", EXPOSURE_METRIC)).toMatchObject({ units: 1 });
    expect(total("on", EXPOSURE_METRIC)).toMatchObject({ units: 2 });
    expect(total("on", "conv")).toMatchObject({ sum: 1, sumSquares: 1 }); // b converted once, however many purchases
    expect(total("off", "lat")).toMatchObject({ units: 1, sum: 200, sumSquares: 40_000 });
    expect(changes.attributed).toEqual(new Map([["1", 1], ["2", 1], ["3", 1], ["4", 0]]));
    expect(changes.states).toHaveLength(2);
    expect(changes.histograms).toEqual([expect.objectContaining({ variation: "off", metricId: "lat", count: 1 })]);
    expect(changes.series.every((s) => s.bucketMs === started)).toBe(true);
  });

  it("continues from the stored state of a unit", () => {
    const changes = aggregateBatch({
      experiments,
      freshExposures: [],
      exposures: [exposed("a", "off")],
      states: [{ experimentId: "exp", metricId: "lat", unitId: "a", variation: "off", a: 200, b: 1 }],
      metricEvents: [{ eventId: "5", unitId: "a", eventName: "timing", value: 400, atMs: started + 5000 }],
    });
    // the unit's mean goes from 200 to 300: +100 to Σ, 300² − 200² to Σ², no new unit
    expect(changes.totals).toEqual([{ experimentId: "exp", variation: "off", metricId: "lat", units: 0, sum: 100, sumSquares: 50_000 }]);
    expect(changes.states).toEqual([{ experimentId: "exp", metricId: "lat", unitId: "a", variation: "off", a: 600, b: 2 }]);
  });
});

describe("the unit states a batch reads", () => {
  it("names, once each, the states of the exposed units' metrics that listen to their events", () => {
    const exposures = [exposed("a", "off"), exposed("b", "on"), { experimentId: "not-collecting", unitId: "a", variation: "on", exposedAtMs: started }];
    const events = [
      { unitId: "a", eventName: "purchase" },
      { unitId: "a", eventName: "purchase" },
      { unitId: "a", eventName: "timing" },
      { unitId: "b", eventName: "unrelated" },
      { unitId: "never-exposed", eventName: "purchase" },
    ];
    expect(unitStateKeys(experiments, events, exposures)).toEqual([
      { experimentId: "exp", metricId: "conv", unitId: "a" },
      { experimentId: "exp", metricId: "lat", unitId: "a" },
    ]);
  });
});
