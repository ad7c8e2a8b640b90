import { listSegmentChoices } from "../../db/targeting";
import type { ServiceContext } from "../context";

/** Segments a targeting condition may reference (key and name), for the editors. */
export function segmentChoices(ctx: ServiceContext): Promise<{ key: string; name: string }[]> {
  return listSegmentChoices(ctx.db);
}
