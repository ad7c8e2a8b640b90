import { describe, expect, it } from "vitest";
import { addDays, addMilliseconds } from "date-fns";
import {
  DEFAULT_FLAG_LIST_QUERY,
  expiryRange,
  flagListHref,
  flagListQuery,
  flagListQueryFromSearchParams,
  flagListQueryToSearchParams,
  hasFlagListFilters,
  totalPages,
  type FlagListQuery,
} from "./flag-list-query";
import { expiryStatus } from "./expiry";

function messagesOf(input: unknown): Record<string, string[]> {
  const result = flagListQuery.safeParse(input);
  if (result.success) throw new Error("expected the query to be refused");
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

describe("flagListQuery", () => {
  it("fills in defaults: newest first, page 1 of 25", () => {
    expect(flagListQuery.parse({})).toEqual({ sort: "createdAt", direction: "desc", page: 1, pageSize: 25 });
    expect(DEFAULT_FLAG_LIST_QUERY).toEqual({ sort: "createdAt", direction: "desc", page: 1, pageSize: 25 });
  });

  it("defaults the direction to ascending for every other column", () => {
    expect(flagListQuery.parse({ sort: "name" }).direction).toBe("asc");
    expect(flagListQuery.parse({ sort: "key" }).direction).toBe("asc");
    expect(flagListQuery.parse({ sort: "expiresAt" }).direction).toBe("asc");
    expect(flagListQuery.parse({ sort: "name", direction: "desc" }).direction).toBe("desc");
  });

  it("trims the search and drops an empty one", () => {
    expect(flagListQuery.parse({ search: "  Checkout " }).search).toBe("Checkout");
    expect(flagListQuery.parse({ search: "   " }).search).toBeUndefined();
  });

  it("keeps every filter", () => {
    const query = flagListQuery.parse({
      search: "pay",
      environmentKey: "staging",
      state: "on",
      ownerId: "u1",
      expiring: "soon",
      hasExperiment: false,
      sort: "expiresAt",
      direction: "desc",
      page: 3,
      pageSize: 100,
    });
    expect(query).toEqual({
      search: "pay",
      environmentKey: "staging",
      state: "on",
      ownerId: "u1",
      expiring: "soon",
      hasExperiment: false,
      sort: "expiresAt",
      direction: "desc",
      page: 3,
      pageSize: 100,
    });
  });

  it.each<[string, unknown, string, RegExp]>([
    ["a long search", { search: "x".repeat(101) }, "search", /Search must be at most 100 characters/],
    ["an unknown sort", { sort: "owner" }, "sort", /Sort must be one of: key, name, createdAt, expiresAt/],
    ["an unknown direction", { direction: "up" }, "direction", /Direction must be asc or desc/],
    ["page 0", { page: 0 }, "page", /Page must be a whole number of 1 or more/],
    ["a fractional page", { page: 1.5 }, "page", /Page must be a whole number/],
    ["an odd page size", { pageSize: 30 }, "pageSize", /Page size must be one of: 10, 25, 50, 100/],
    ["an unknown state", { environmentKey: "staging", state: "maybe" }, "state", /State must be on or off/],
    ["a state without an environment", { state: "on" }, "state", /State needs an environment/],
    ["an invalid environment", { environmentKey: "Staging!" }, "environmentKey", /Environment must be an environment key/],
    ["an unknown expiry filter", { expiring: "later" }, "expiring", /Expiring must be soon or expired/],
    ["a non-boolean experiment filter", { hasExperiment: "yes" }, "hasExperiment", /Has experiment must be true or false/],
  ])("refuses %s with a message naming the field", (_name, input, field, message) => {
    expect(messagesOf(input)[field]?.[0]).toMatch(message);
  });
});

describe("expiryRange", () => {
  const now = new Date("2026-11-23T10:00:00Z");

  it("agrees with expiryStatus at and around the boundaries", () => {
    const soon = expiryRange("soon", now);
    const expired = expiryRange("expired", now);
    const inRange = (r: { gt?: Date; lte?: Date }, d: Date) =>
      (r.gt === undefined || d > r.gt) && (r.lte === undefined || d <= r.lte);
    for (const date of [
      addMilliseconds(now, -1),
      now,
      addMilliseconds(now, 1),
      addDays(now, 7),
      addDays(now, 14),
      addMilliseconds(addDays(now, 14), 1),
      addDays(now, 60),
    ]) {
      const status = expiryStatus(date, now);
      expect(inRange(soon, date), date.toISOString()).toBe(status === "expiring_soon");
      expect(inRange(expired, date), date.toISOString()).toBe(status === "expired");
    }
  });
});

describe("flag list URL", () => {
  const full: FlagListQuery = flagListQuery.parse({
    search: "new checkout",
    environmentKey: "staging",
    state: "on",
    ownerId: "cm123",
    expiring: "soon",
    hasExperiment: true,
    sort: "name",
    direction: "desc",
    page: 2,
    pageSize: 50,
  });

  it("writes the short parameter names, leaving defaults out", () => {
    expect(flagListQueryToSearchParams(full).toString()).toBe(
      "q=new+checkout&env=staging&state=on&owner=cm123&expiring=soon&experiment=yes&sort=name&dir=desc&page=2&size=50",
    );
    expect(flagListQueryToSearchParams(DEFAULT_FLAG_LIST_QUERY).toString()).toBe("");
    expect(flagListQueryToSearchParams(flagListQuery.parse({ sort: "name" })).toString()).toBe("sort=name");
    expect(flagListQueryToSearchParams(flagListQuery.parse({ direction: "asc" })).toString()).toBe("dir=asc");
    expect(flagListQueryToSearchParams(flagListQuery.parse({ hasExperiment: false })).toString()).toBe("experiment=no");
  });

  it("lists archived flags only when asked (archived=yes), and counts that as a filter", () => {
    const archived = flagListQuery.parse({ archived: true });
    expect(flagListQueryToSearchParams(archived).toString()).toBe("archived=yes");
    expect(flagListQueryFromSearchParams(new URLSearchParams("archived=yes"))).toEqual({ query: archived, ignored: [] });
    expect(flagListQueryFromSearchParams(new URLSearchParams("archived=maybe")).ignored).toEqual(["archived"]);
    expect(hasFlagListFilters(archived)).toBe(true);
  });

  it("round-trips through the URL", () => {
    const params = new URLSearchParams(flagListQueryToSearchParams(full).toString());
    expect(flagListQueryFromSearchParams(params)).toEqual({ query: full, ignored: [] });
    expect(flagListQueryFromSearchParams(new URLSearchParams(""))).toEqual({ query: DEFAULT_FLAG_LIST_QUERY, ignored: [] });
  });

  it("reads the example link from the issue", () => {
    const { query, ignored } = flagListQueryFromSearchParams(
      new URLSearchParams("?q=pay&env=staging&state=on&owner=u1&expiring=soon&experiment=yes&sort=name&dir=asc&page=2&size=50"),
    );
    expect(ignored).toEqual([]);
    expect(query).toEqual({
      search: "pay",
      environmentKey: "staging",
      state: "on",
      ownerId: "u1",
      expiring: "soon",
      hasExperiment: true,
      sort: "name",
      direction: "asc",
      page: 2,
      pageSize: 50,
    });
  });

  it("ignores invalid values (a link with a typo still shows flags) and says which", () => {
    const { query, ignored } = flagListQueryFromSearchParams(
      new URLSearchParams("q=pay&env=Staging!&state=on&expiring=later&experiment=maybe&sort=owner&dir=up&page=-2&size=30"),
    );
    expect(query).toEqual({ ...DEFAULT_FLAG_LIST_QUERY, search: "pay" });
    expect(ignored.sort()).toEqual(["dir", "env", "experiment", "expiring", "page", "size", "sort", "state"]);
  });

  it("ignores a state without an environment, and empty parameters", () => {
    expect(flagListQueryFromSearchParams(new URLSearchParams("state=off&q=&owner= "))).toEqual({
      query: DEFAULT_FLAG_LIST_QUERY,
      ignored: ["state"],
    });
  });

  it("cuts an over-long search to 100 characters instead of dropping it", () => {
    const { query } = flagListQueryFromSearchParams(new URLSearchParams({ q: "a".repeat(150) }));
    expect(query.search).toHaveLength(100);
  });

  it("builds hrefs", () => {
    expect(flagListHref("/flags", DEFAULT_FLAG_LIST_QUERY)).toBe("/flags");
    expect(flagListHref("/flags", { ...DEFAULT_FLAG_LIST_QUERY, page: 3 })).toBe("/flags?page=3");
  });
});

describe("helpers", () => {
  it("knows when filters narrow the list", () => {
    expect(hasFlagListFilters(DEFAULT_FLAG_LIST_QUERY)).toBe(false);
    expect(hasFlagListFilters({ ...DEFAULT_FLAG_LIST_QUERY, sort: "name", page: 4 })).toBe(false);
    expect(hasFlagListFilters({ ...DEFAULT_FLAG_LIST_QUERY, environmentKey: "staging" })).toBe(false);
    expect(hasFlagListFilters({ ...DEFAULT_FLAG_LIST_QUERY, environmentKey: "staging", state: "off" })).toBe(true);
    expect(hasFlagListFilters({ ...DEFAULT_FLAG_LIST_QUERY, hasExperiment: false })).toBe(true);
    expect(hasFlagListFilters({ ...DEFAULT_FLAG_LIST_QUERY, search: "x" })).toBe(true);
  });

  it("counts pages (at least one)", () => {
    expect(totalPages(0, 25)).toBe(1);
    expect(totalPages(25, 25)).toBe(1);
    expect(totalPages(26, 25)).toBe(2);
    expect(totalPages(143, 10)).toBe(15);
  });
});
