/**
 * The database client, chosen once at start-up from DATABASE_URL: the embedded SQLite file
 * (better-sqlite3 driver adapter) or PostgreSQL (pg driver adapter). Both generated clients
 * come from the same domain model, so the rest of the code uses one type for either.
 * Only server/db touches Prisma.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient, Prisma } from "./generated/sqlite/client";
import { PrismaClient as PgClient } from "./generated/pg/client";
import { databaseTarget } from "./database-url";

export type Db = SqliteClient;
/** The client inside `db.$transaction(async (tx) => …)`: repositories accept either. */
export type Tx = Prisma.TransactionClient;

const sqliteUrls = new WeakMap<object, string>();

/** The `file:` URL of a SQLite client made by createDb (null for PostgreSQL). */
export function sqliteUrlOf(db: Db): string | null {
  return sqliteUrls.get(db) ?? null;
}

export function createDb(databaseUrl: string | undefined): Db {
  const target = databaseTarget(databaseUrl);
  if (target.provider === "sqlite") {
    const client = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: target.url, timeout: 10_000 }) });
    sqliteUrls.set(client, target.url);
    return client;
  }
  // Same models, same queries: the PostgreSQL client is typed as the SQLite one.
  return new PgClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { keelDb?: Db };

/** The process-wide client (one per process, reused across hot reloads in development). */
export function getDb(): Db {
  globalForDb.keelDb ??= createDb(process.env.DATABASE_URL);
  return globalForDb.keelDb;
}

/** Runs `work` in one transaction: a change and its audit-log entry commit together or not at all. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { timeout: 15_000, maxWait: 10_000 });
}

/** True when Prisma refused a write because a unique key already exists (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
