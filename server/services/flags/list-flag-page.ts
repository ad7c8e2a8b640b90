import { listFlagPage, type FlagPage } from "../../db/flags";
import { flagListQuery, totalPages, type FlagListQueryInput } from "../../core/flags/flag-list-query";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";

/**
 * One page of the flag list for the search, filters and sorting asked for. A page past the end
 * (a shared link after flags were archived, say) answers with the last page instead of nothing.
 */
export async function listFlagsPage(ctx: Pick<ServiceContext, "db" | "now">, input?: FlagListQueryInput): Promise<FlagPage> {
  const query = parseInput(flagListQuery, input ?? {});
  const now = ctx.now();
  const page = await listFlagPage(ctx.db, query, now);
  const lastPage = totalPages(page.total, query.pageSize);
  if (page.flags.length === 0 && query.page > lastPage && page.total > 0) {
    return listFlagPage(ctx.db, { ...query, page: lastPage }, now);
  }
  return page;
}
