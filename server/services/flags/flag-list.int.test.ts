import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "date-fns";
import { listFlagsPage } from "./list-flag-page";
import type { FlagListQueryInput } from "../../core/flags/flag-list-query";
import type { FlagRecord } from "../../db/flags";
import { makeExperimentOnFlag, makeFlagsQuickly, makeMember, serviceContext, uniqueKey } from "../../../prisma/factories";

/**
 * 300 flags with a prefix of their own (so flags other tests make never match), shaped so every
 * filter selects a known number:
 *   name    every third (i % 3 == 0) "Checkout <Token> i", the rest "Other i" (Token is mixed-case, unique)
 *   owner   even i → owner A, odd i → owner B
 *   expiry  i % 10 == 0 expired, i % 10 == 1 in 5 days (expiring soon), the rest in 60 days
 *   state   on in staging when i % 7 == 0 (43 flags)
 *   experiments  i % 25 == 0 running, == 1 stopped (final: does not count), == 2 draft
 * plus one archived flag with the prefix, which never shows, and one whose key and name hold
 * LIKE wildcards ("list_…-lit", "Sale 100% <Token2>").
 */
const COUNT = 300;
const NOW = new Date();
const PREFIX = uniqueKey("list");
const TOKEN = `Zq${PREFIX.slice(-6).replace(/[^a-z]/g, "x")}Tok`;
const TOKEN2 = `Wq${PREFIX.slice(-6).replace(/[^a-z]/g, "y")}Two`;
const LITERAL_KEY = `${PREFIX.replace("-", "_")}-lit`;
const pad = (i: number) => String(i).padStart(3, "0");

let ownerA: { id: string };
let ownerB: { id: string };
let flags: FlagRecord[] = [];

const ctx = () => serviceContext(undefined, { now: () => NOW });
const list = (input: FlagListQueryInput) => listFlagsPage(ctx(), input);
const count = async (input: FlagListQueryInput) => (await list({ search: PREFIX, ...input })).total;

/** Every page of a query, concatenated. */
async function allPages(input: FlagListQueryInput & { pageSize: 10 | 25 | 50 | 100 }): Promise<FlagRecord[]> {
  const out: FlagRecord[] = [];
  for (let page = 1; ; page++) {
    const result = await list({ ...input, page });
    expect(result.page).toBe(page);
    out.push(...result.flags);
    if (page * input.pageSize >= result.total) {
      expect(out).toHaveLength(result.total);
      return out;
    }
  }
}

beforeAll(async () => {
  const [a, b] = await Promise.all([makeMember(["experimenter"]), makeMember(["experimenter"])]);
  ownerA = a;
  ownerB = b;
  const started = Date.now();
  flags = await makeFlagsQuickly([
    ...Array.from({ length: COUNT }, (_, i) => ({
      key: `${PREFIX}-${pad(i)}`,
      name: i % 3 === 0 ? `Checkout ${TOKEN} ${pad(i)}` : `Other ${pad(i)}`,
      ownerId: i % 2 === 0 ? ownerA.id : ownerB.id,
      expiresAt: i % 10 === 0 ? addDays(NOW, -1) : i % 10 === 1 ? addDays(NOW, 5) : addDays(NOW, 60),
      enabledIn: i % 7 === 0 ? ["staging"] : [],
    })),
    { key: LITERAL_KEY, name: `Sale 100% ${TOKEN2}`, ownerId: ownerA.id, expiresAt: addDays(NOW, 60) },
    { key: `${PREFIX}-archived`, name: `Checkout ${TOKEN} archived`, ownerId: ownerA.id, expiresAt: addDays(NOW, 60), archived: true },
  ]);
  for (const [i, flag] of flags.slice(0, COUNT).entries()) {
    if (i % 25 === 0) await makeExperimentOnFlag(flag, ownerA, "running");
    if (i % 25 === 1) await makeExperimentOnFlag(flag, ownerA, "stopped");
    if (i % 25 === 2) await makeExperimentOnFlag(flag, ownerA, "draft");
  }
  expect(Date.now() - started, "making the flags took too long").toBeLessThan(30_000);
}, 60_000);

describe("the flag list", () => {
  it("answers the first page, newest first, without input (archived flags left out)", async () => {
    const first = await listFlagsPage(ctx());
    expect(first).toMatchObject({ page: 1, pageSize: 25 });
    expect(first.total).toBeGreaterThanOrEqual(COUNT);
    expect(first.flags).toHaveLength(25);
    const page = await list({ search: PREFIX, pageSize: 100 });
    expect(page.total).toBe(COUNT);
    expect(page.flags.some((f) => f.key.endsWith("-archived"))).toBe(false);
  });

  it("lists only the archived flags with archived: true", async () => {
    const archived = await list({ search: PREFIX, archived: true });
    expect(archived.flags.map((f) => f.key)).toEqual([`${PREFIX}-archived`]);
  });

  it("returns the rows in the list's shape: owner, expiry, state per environment", async () => {
    const { flags: [row] } = await list({ search: `${PREFIX}-007` });
    expect(row).toMatchObject({ key: `${PREFIX}-007`, name: "Other 007", owner: { id: ownerB.id }, archivedAt: null });
    expect(row!.environments.find((e) => e.environmentKey === "staging")).toMatchObject({ enabled: true, rolloutPercentage: 100 });
    expect(row!.environments.find((e) => e.environmentKey === "production")).toMatchObject({ enabled: false });
    expect(row!.variations.map((v) => v.key)).toEqual(["on", "off"]);
  });

  describe("search", () => {
    it("matches the key, ignoring case", async () => {
      expect(await count({})).toBe(COUNT);
      expect((await list({ search: PREFIX.toUpperCase() })).total).toBe(COUNT);
      expect((await list({ search: `${PREFIX}-01` })).total).toBe(10);
    });

    it("matches the name, ignoring case", async () => {
      expect((await list({ search: `${TOKEN} ` })).total).toBe(COUNT / 3);
      expect((await list({ search: TOKEN.toLowerCase() })).total).toBe(COUNT / 3);
      expect((await list({ search: `checkout ${TOKEN.toUpperCase()} 03` })).total).toBe(4); // 030, 033, 036, 039
    });

    it("treats % and _ literally", async () => {
      expect((await list({ search: `${PREFIX}-0%1` })).total).toBe(0);
      expect((await list({ search: `${PREFIX}-0_1` })).total).toBe(0);
      expect((await list({ search: PREFIX.replace("-", "_") })).flags.map((f) => f.key)).toEqual([LITERAL_KEY]);
      expect((await list({ search: `100% ${TOKEN2.toLowerCase()}` })).flags.map((f) => f.key)).toEqual([LITERAL_KEY]);
      expect((await list({ search: `10% ${TOKEN2}` })).total).toBe(0);
      expect((await list({ search: `sale 100_ ${TOKEN2}` })).total).toBe(0);
    });
  });

  describe("filters", () => {
    it("by owner", async () => {
      expect(await count({ ownerId: ownerA.id })).toBe(COUNT / 2);
      expect(await count({ ownerId: ownerB.id })).toBe(COUNT / 2);
      expect(await count({ ownerId: "nobody" })).toBe(0);
    });

    it("by state in an environment", async () => {
      expect(await count({ environmentKey: "staging", state: "on" })).toBe(43);
      expect(await count({ environmentKey: "staging", state: "off" })).toBe(COUNT - 43);
      expect(await count({ environmentKey: "production", state: "on" })).toBe(0);
      expect(await count({ environmentKey: "no-such-env", state: "off" })).toBe(0);
      // an environment without a state narrows nothing
      expect(await count({ environmentKey: "staging" })).toBe(COUNT);
    });

    it("by expiry: within 14 days and not expired, or expired", async () => {
      expect(await count({ expiring: "soon" })).toBe(30);
      expect(await count({ expiring: "expired" })).toBe(30);
      const soon = await list({ search: PREFIX, expiring: "soon", pageSize: 100 });
      expect(soon.flags.every((f) => f.key.endsWith("1"))).toBe(true);
    });

    it("by open experiment (draft to paused; stopped ones do not count)", async () => {
      expect(await count({ hasExperiment: true })).toBe(24);
      expect(await count({ hasExperiment: false })).toBe(COUNT - 24);
      const withExperiment = await list({ search: PREFIX, hasExperiment: true, sort: "key", pageSize: 100 });
      expect(withExperiment.flags.map((f) => Number(f.key.slice(-3)) % 25)).toEqual(Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? 0 : 2)));
    });

    it("combined", async () => {
      expect(await count({ ownerId: ownerA.id, environmentKey: "staging", state: "on" })).toBe(22); // i % 14 == 0
      expect(await count({ ownerId: ownerA.id, expiring: "expired", hasExperiment: true })).toBe(6); // i % 50 == 0
      expect((await list({ search: TOKEN.toLowerCase(), ownerId: ownerB.id })).total).toBe(50); // odd multiples of 3
    });
  });

  describe("sorting and pages", () => {
    it("pages through every flag exactly once, newest first with the key breaking ties", async () => {
      const rows = await allPages({ search: PREFIX, pageSize: 25 });
      expect(new Set(rows.map((f) => f.key)).size).toBe(COUNT);
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [rows[i - 1]!, rows[i]!];
        expect(a.createdAt.getTime()).toBeGreaterThanOrEqual(b.createdAt.getTime());
        if (a.createdAt.getTime() === b.createdAt.getTime()) expect(a.key < b.key).toBe(true);
      }
    });

    it("sorts by key, both ways", async () => {
      const asc = await allPages({ search: PREFIX, sort: "key", pageSize: 50 });
      expect(asc.map((f) => f.key)).toEqual(flags.slice(0, COUNT).map((f) => f.key));
      const desc = await allPages({ search: PREFIX, sort: "key", direction: "desc", pageSize: 100 });
      expect(desc.map((f) => f.key)).toEqual(asc.map((f) => f.key).reverse());
    });

    it("sorts by name, A to Z by default", async () => {
      const rows = await allPages({ search: PREFIX, sort: "name", pageSize: 10 });
      const checkout = Array.from({ length: 100 }, (_, k) => `Checkout ${TOKEN} ${pad(k * 3)}`);
      const other = Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 3 !== 0).map((i) => `Other ${pad(i)}`);
      expect(rows.map((f) => f.name)).toEqual([...checkout, ...other]);
      const desc = await list({ search: PREFIX, sort: "name", direction: "desc", pageSize: 10 });
      expect(desc.flags[0]!.name).toBe("Other 299");
    });

    it("sorts by expiry with the key as a stable tiebreak", async () => {
      const rows = await allPages({ search: PREFIX, sort: "expiresAt", pageSize: 25 });
      expect(new Set(rows.map((f) => f.key)).size).toBe(COUNT);
      expect(rows.slice(0, 30).every((f) => f.expiresAt < NOW)).toBe(true);
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [rows[i - 1]!, rows[i]!];
        expect(a.expiresAt.getTime()).toBeLessThanOrEqual(b.expiresAt.getTime());
        if (a.expiresAt.getTime() === b.expiresAt.getTime()) expect(a.key < b.key).toBe(true);
      }
      const latestFirst = await list({ search: PREFIX, sort: "expiresAt", direction: "desc", pageSize: 10 });
      expect(latestFirst.flags.map((f) => f.key)).toEqual(
        [2, 3, 4, 5, 6, 7, 8, 9, 12, 13].map((i) => `${PREFIX}-${pad(i)}`),
      );
    });

    it("answers a page past the end with the last page", async () => {
      const page = await list({ search: PREFIX, page: 99, pageSize: 100 });
      expect(page).toMatchObject({ page: 3, pageSize: 100, total: COUNT });
      expect(page.flags).toHaveLength(100);
      const none = await list({ search: `${PREFIX}-nothing`, page: 4 });
      expect(none).toMatchObject({ page: 4, total: 0, flags: [] });
    });

    it("refuses an invalid query with a message naming the field", async () => {
      await expect(list({ pageSize: 30 as 25 })).rejects.toThrow(/Page size must be one of/);
    });
  });
});
