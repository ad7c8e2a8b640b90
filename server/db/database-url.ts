/**
 * Which database Keel talks to, decided once from DATABASE_URL:
 * `file:…` (or unset) → the embedded SQLite file; `postgres://` / `postgresql://` → PostgreSQL.
 */
export const DEFAULT_SQLITE_URL = "file:./prisma/keel.db";

export type DatabaseTarget =
  | { provider: "sqlite"; url: string }
  | { provider: "postgresql"; url: string };

export function databaseTarget(databaseUrl: string | undefined): DatabaseTarget {
  const url = databaseUrl?.trim() || DEFAULT_SQLITE_URL;
  if (url.startsWith("file:")) return { provider: "sqlite", url };
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  throw new Error(
    `DATABASE_URL must start with "file:" (embedded SQLite, e.g. ${DEFAULT_SQLITE_URL}) or "postgresql://" (PostgreSQL); got "${url.split(":")[0]}:…".`,
  );
}

/** The SQLite URL for the Prisma CLI: DATABASE_URL when it names a file, else the default file. */
export function sqliteUrlFromEnv(env: Record<string, string | undefined>): string {
  const target = databaseTarget(env.DATABASE_URL?.startsWith("file:") ? env.DATABASE_URL : undefined);
  return target.url;
}
