import { describe, expect, it } from "vitest";
import { childMap } from "./child-map";

describe("childMap", () => {
  it("creates the inner map once and returns the same one afterwards", () => {
    const outer = new Map<string, Map<string, number>>();
    childMap(outer, "experiment-1").set("unit-1", 1);
    childMap(outer, "experiment-1").set("unit-2", 2);
    childMap(outer, "experiment-2").set("unit-1", 3);
    expect(outer.size).toBe(2);
    expect([...outer.get("experiment-1")!.entries()]).toEqual([
      ["unit-1", 1],
      ["unit-2", 2],
    ]);
    expect(outer.get("experiment-2")!.get("unit-1")).toBe(3);
  });
});
