import { addDays } from "date-fns";
import { z } from "zod";
import { KEY_PATTERN } from "../keys";
import { EXPIRING_SOON_DAYS } from "./expiry";

/**
 * The flag list's search, filters, sorting and page: the tRPC input of `flags.list` and the
 * state the list page keeps in its URL (`?q=…&env=staging&state=on&owner=…&expiring=soon
 * &experiment=yes&archived=yes&sort=name&dir=asc&page=2&size=50`). Archived flags are listed only
 * with `archived` (and then only they).
 */

export const FLAG_LIST_SORTS = ["key", "name", "createdAt", "expiresAt"] as const;
export type FlagListSort = (typeof FLAG_LIST_SORTS)[number];

export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const FLAG_LIST_PAGE_SIZES = [10, 25, 50, 100] as const;
export type FlagListPageSize = (typeof FLAG_LIST_PAGE_SIZES)[number];
export const DEFAULT_FLAG_LIST_PAGE_SIZE: FlagListPageSize = 25;

export const ENVIRONMENT_STATES = ["on", "off"] as const;
export type EnvironmentStateFilter = (typeof ENVIRONMENT_STATES)[number];

/** "soon": expires within EXPIRING_SOON_DAYS and has not expired yet; "expired": expiry reached. */
export const EXPIRY_FILTERS = ["soon", "expired"] as const;
export type ExpiryFilter = (typeof EXPIRY_FILTERS)[number];

export const SEARCH_MAX_LENGTH = 100;

/**
 * Experiment states in which a flag "has an experiment": every state before the decision
 * (draft, in review, approved, running, paused). Aborted, stopped (decided) and cleaned-up
 * experiments are final and do not count.
 */
export const OPEN_EXPERIMENT_STATES = ["draft", "in_review", "approved", "running", "paused"] as const;

/** The direction a column sorts in when it is first chosen: newest first for "Created", A→Z / soonest first otherwise. */
export function defaultDirection(sort: FlagListSort): SortDirection {
  return sort === "createdAt" ? "desc" : "asc";
}

const optionalText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text.` })
    .trim()
    .max(max, `${field} must be at most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const flagListQuery = z
  .object({
    /** matches the flag key or name, case-insensitive */
    search: optionalText("Search", SEARCH_MAX_LENGTH),
    /** with `state`: the flag's state in this environment */
    environmentKey: z
      .string({ error: "Environment must be an environment key." })
      .trim()
      .regex(KEY_PATTERN, "Environment must be an environment key such as staging.")
      .optional(),
    /** "on" = enabled in `environmentKey` */
    state: z.enum(ENVIRONMENT_STATES, { error: () => "State must be on or off." }).optional(),
    ownerId: optionalText("Owner", 64),
    expiring: z.enum(EXPIRY_FILTERS, { error: () => "Expiring must be soon or expired." }).optional(),
    /** true: an open experiment (see OPEN_EXPERIMENT_STATES) uses the flag; false: none does */
    hasExperiment: z.boolean({ error: "Has experiment must be true or false." }).optional(),
    /** true: only archived flags; otherwise only active ones */
    archived: z.boolean({ error: "Archived must be true or false." }).optional(),
    sort: z
      .enum(FLAG_LIST_SORTS, { error: () => `Sort must be one of: ${FLAG_LIST_SORTS.join(", ")}.` })
      .default("createdAt"),
    /** defaults to desc for createdAt, asc otherwise */
    direction: z.enum(SORT_DIRECTIONS, { error: () => "Direction must be asc or desc." }).optional(),
    page: z
      .number({ error: "Page must be a whole number of 1 or more." })
      .int("Page must be a whole number of 1 or more.")
      .min(1, "Page must be a whole number of 1 or more.")
      .max(1_000_000, "Page must be at most 1,000,000.")
      .default(1),
    pageSize: z
      .literal(FLAG_LIST_PAGE_SIZES, { error: () => `Page size must be one of: ${FLAG_LIST_PAGE_SIZES.join(", ")}.` })
      .default(DEFAULT_FLAG_LIST_PAGE_SIZE),
  })
  .refine((q) => q.state === undefined || q.environmentKey !== undefined, {
    message: "State needs an environment: choose the environment the flag is on or off in.",
    path: ["state"],
  })
  .transform((q) => ({ ...q, direction: q.direction ?? defaultDirection(q.sort) }));

/** What callers send (everything optional). */
export type FlagListQueryInput = z.input<typeof flagListQuery>;
/** The query with its defaults filled in. */
export type FlagListQuery = z.output<typeof flagListQuery>;

export const DEFAULT_FLAG_LIST_QUERY: FlagListQuery = flagListQuery.parse({});

/** The `expiresAt` range an expiry filter selects, consistent with `expiryStatus` (expired = expiresAt ≤ now). */
export function expiryRange(filter: ExpiryFilter, now: Date): { gt?: Date; lte?: Date } {
  switch (filter) {
    case "expired":
      return { lte: now };
    case "soon":
      return { gt: now, lte: addDays(now, EXPIRING_SOON_DAYS) };
  }
}

/** The filters (not sorting or paging) that narrow the list: true when the user can "clear" something. */
export function hasFlagListFilters(query: FlagListQuery): boolean {
  return Boolean(
    query.search ||
      (query.environmentKey && query.state) ||
      query.ownerId ||
      query.expiring ||
      query.hasExperiment !== undefined ||
      query.archived,
  );
}

export function totalPages(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

// ---------------------------------------------------------------------------------------
// URL search params

/** Anything with `get` — URLSearchParams, Next's ReadonlyURLSearchParams. */
type ParamsLike = Pick<URLSearchParams, "get">;

export type ParsedFlagListParams = {
  query: FlagListQuery;
  /** names of the parameters that were present but invalid, and were ignored */
  ignored: string[];
};

function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * Reads the list's state from the URL. Invalid values are ignored (a shared link with a typo
 * still shows flags) and reported in `ignored`.
 */
export function flagListQueryFromSearchParams(params: ParamsLike): ParsedFlagListParams {
  const ignored: string[] = [];
  const read = (name: string): string | undefined => {
    const value = params.get(name)?.trim();
    return value ? value : undefined;
  };
  function pick<T>(name: string, parse: (raw: string) => T | undefined): T | undefined {
    const raw = read(name);
    if (raw === undefined) return undefined;
    const value = parse(raw);
    if (value === undefined) ignored.push(name);
    return value;
  }

  const search = pick("q", (raw) => raw.slice(0, SEARCH_MAX_LENGTH).trim() || undefined);
  const environmentKey = pick("env", (raw) => (KEY_PATTERN.test(raw) ? raw : undefined));
  let state = pick("state", (raw) => oneOf(ENVIRONMENT_STATES, raw));
  if (state !== undefined && environmentKey === undefined) {
    ignored.push("state");
    state = undefined;
  }
  const ownerId = pick("owner", (raw) => (raw.length <= 64 ? raw : undefined));
  const expiring = pick("expiring", (raw) => oneOf(EXPIRY_FILTERS, raw));
  const hasExperiment = pick("experiment", (raw) => (raw === "yes" ? true : raw === "no" ? false : undefined));
  const archived = pick("archived", (raw) => (raw === "yes" ? true : undefined));
  const sort = pick("sort", (raw) => oneOf(FLAG_LIST_SORTS, raw));
  const direction = pick("dir", (raw) => oneOf(SORT_DIRECTIONS, raw));
  const page = pick("page", (raw) => {
    if (!/^\d{1,7}$/.test(raw)) return undefined;
    const n = Number(raw);
    return n >= 1 && n <= 1_000_000 ? n : undefined;
  });
  const pageSize = pick("size", (raw) => FLAG_LIST_PAGE_SIZES.find((size) => String(size) === raw));

  const query = flagListQuery.parse({ search, environmentKey, state, ownerId, expiring, hasExperiment, archived, sort, direction, page, pageSize });
  return { query, ignored };
}

/** The URL search params for a query: defaults are left out, so the plain list has a plain URL. */
export function flagListQueryToSearchParams(query: FlagListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.search) params.set("q", query.search);
  if (query.environmentKey) params.set("env", query.environmentKey);
  if (query.environmentKey && query.state) params.set("state", query.state);
  if (query.ownerId) params.set("owner", query.ownerId);
  if (query.expiring) params.set("expiring", query.expiring);
  if (query.hasExperiment !== undefined) params.set("experiment", query.hasExperiment ? "yes" : "no");
  if (query.archived) params.set("archived", "yes");
  if (query.sort !== DEFAULT_FLAG_LIST_QUERY.sort) params.set("sort", query.sort);
  if (query.direction !== defaultDirection(query.sort)) params.set("dir", query.direction);
  if (query.page !== 1) params.set("page", String(query.page));
  if (query.pageSize !== DEFAULT_FLAG_LIST_PAGE_SIZE) params.set("size", String(query.pageSize));
  return params;
}

/** `?…` for a query, or "" for the default view. */
export function flagListHref(pathname: string, query: FlagListQuery): string {
  const search = flagListQueryToSearchParams(query).toString();
  return search ? `${pathname}?${search}` : pathname;
}
