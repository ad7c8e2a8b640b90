import { describe, expect, it } from "vitest";
import { experimentListQueryFromParams, experimentListSearch } from "./experiment-list-query";

describe("experiment list query", () => {
  it("round-trips through the URL", () => {
    const query = experimentListQueryFromParams({ state: "running", type: "pricing", owner: "u1", env: "staging" });
    expect(query).toEqual({ state: "running", type: "pricing", owner: "u1", environment: "staging" });
    expect(experimentListSearch(query)).toBe("?state=running&type=pricing&owner=u1&env=staging");
  });
  it("drops unknown values instead of failing", () => {
    expect(experimentListQueryFromParams({ state: "exploded", type: ["ab_test", "x"], env: "Bad Env" })).toEqual({ type: "ab_test" });
    expect(experimentListSearch({})).toBe("");
  });
});
