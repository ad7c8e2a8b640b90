/**
 * The SQLite file `npm run setup` / `db:deploy` creates (the integration database is made the
 * same way): write-ahead logging, and 16 KiB pages for event intake (prisma/tools/db.ts).
 */
import { describe, expect, it } from "vitest";
import { getDb } from "./client";
import { dialectOf } from "./sql";

describe.runIf(dialectOf(getDb()) === "sqlite")("a SQLite database created by db deploy", () => {
  it("uses write-ahead logging and 16 KiB pages", async () => {
    const [page] = await getDb().$queryRawUnsafe<{ page_size: number | bigint }[]>("PRAGMA page_size");
    const [journal] = await getDb().$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(Number(page!.page_size)).toBe(16384);
    expect(journal!.journal_mode).toBe("wal");
  });
});
