/**
 * The raw events Keel kept (the EventBatch log, prisma/schema.prisma), flattened, for tests that
 * check what intake stored.
 */
import { getDb } from "../db/client";
import type { StoredEvent } from "../db/events";

export async function storedEvents(where: { environmentId?: string } = {}): Promise<StoredEvent[]> {
  const batches = await getDb().eventBatch.findMany({ where, select: { events: true }, orderBy: { id: "asc" } });
  return batches.flatMap((b) => JSON.parse(b.events) as StoredEvent[]);
}
