import { describe, expect, it } from "vitest";
import { IntakeMemo } from "./intake-memo";

const exposure = (unitId: string, variation = "on") => ({ experimentId: "e", unitId, variation, exposedAtMs: 1 });
const state = (unitId: string, a: number) => ({ experimentId: "e", metricId: "m", unitId, variation: "on", a, b: 0 });

describe("the intake memo", () => {
  it("keeps what a committed batch remembered and undoes a batch that failed", () => {
    const memo = new IntakeMemo();
    memo.rememberExposure(exposure("u1"));
    memo.rememberState(state("u1", 1));
    expect(memo.exposure("e", "u1")).toEqual(exposure("u1"));
    memo.keepBatch();

    memo.rememberState(state("u1", 2)); // changed by the failing batch
    memo.rememberState(state("u2", 1)); // new in the failing batch
    memo.rememberExposure(exposure("u2"));
    expect(memo.state("e", "m", "u1")).toEqual(state("u1", 2));
    memo.discardBatch();
    expect(memo.state("e", "m", "u1")).toEqual(state("u1", 1));
    expect(memo.state("e", "m", "u2")).toBeUndefined();
    expect(memo.exposure("e", "u2")).toBeUndefined();
    expect(memo.exposure("e", "u1")).toEqual(exposure("u1"));

    memo.clear();
    expect(memo.exposure("e", "u1")).toBeUndefined();
    expect(memo.state("e", "m", "u1")).toBeUndefined();
  });

  it("knows every state of a unit it exposed first, until that batch fails or the memo is cleared", () => {
    const memo = new IntakeMemo();
    memo.rememberExposure(exposure("old")); // read from the table: its states may exist elsewhere
    memo.rememberFirstExposure(exposure("new"));
    memo.keepBatch();
    expect(memo.exposure("e", "new")).toEqual(exposure("new"));
    expect(memo.knowsAllStates("e", "new")).toBe(true);
    expect(memo.knowsAllStates("e", "old")).toBe(false);
    expect(memo.knowsAllStates("other-experiment", "new")).toBe(false);

    memo.rememberFirstExposure(exposure("failed"));
    memo.discardBatch();
    expect(memo.knowsAllStates("e", "failed")).toBe(false);

    memo.clear();
    expect(memo.knowsAllStates("e", "new")).toBe(false);
  });

  it("starts over once it holds more than 200,000 rows", () => {
    const memo = new IntakeMemo();
    for (let i = 0; i < 200_000; i++) memo.rememberExposure(exposure(`u${i}`));
    memo.keepBatch();
    expect(memo.exposure("e", "u0")).toBeDefined();
    memo.rememberState(state("u0", 1));
    memo.keepBatch();
    expect(memo.exposure("e", "u0")).toBeUndefined();
  });
});
