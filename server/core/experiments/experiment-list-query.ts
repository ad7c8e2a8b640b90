import { z } from "zod";
import { KEY_PATTERN } from "../keys";
import { EXPERIMENT_STATES, EXPERIMENT_TYPES } from "./experiment-types";

/**
 * The experiments list's filters: the tRPC input of `experiments.list` and the state the list
 * page keeps in its URL (`?state=running&type=pricing&owner=<user id>&env=staging`).
 * Unknown values are dropped rather than refused, so an old bookmark still opens the list.
 */
export const experimentListQuery = z.object({
  state: z.enum(EXPERIMENT_STATES).optional().catch(undefined),
  type: z.enum(EXPERIMENT_TYPES).optional().catch(undefined),
  owner: z.string().trim().min(1).max(64).optional().catch(undefined),
  environment: z.string().regex(KEY_PATTERN).optional().catch(undefined),
});
export type ExperimentListQuery = z.infer<typeof experimentListQuery>;

/** Reads the filters from URL search parameters (`env` names the environment). */
export function experimentListQueryFromParams(params: Record<string, string | string[] | undefined>): ExperimentListQuery {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  return experimentListQuery.parse({ state: one(params.state), type: one(params.type), owner: one(params.owner), environment: one(params.env) });
}

/** The URL search string for filters (empty values left out). */
export function experimentListSearch(query: ExperimentListQuery): string {
  const params = new URLSearchParams();
  if (query.state) params.set("state", query.state);
  if (query.type) params.set("type", query.type);
  if (query.owner) params.set("owner", query.owner);
  if (query.environment) params.set("env", query.environment);
  const search = params.toString();
  return search ? `?${search}` : "";
}
