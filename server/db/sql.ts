import type { Db, Tx } from "./client";

/**
 * Raw SQL that runs unchanged on SQLite and PostgreSQL, for the few hot paths (event intake)
 * where one multi-row statement replaces hundreds of ORM calls. Identifiers are double-quoted
 * (both databases), values always travel as parameters: `?` on SQLite, `$n` on PostgreSQL.
 */
export type Dialect = "sqlite" | "postgresql";

export function dialectOf(db: Db | Tx): Dialect {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/** Collects parameters and hands out their placeholders in order. */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: Dialect) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === "postgresql" ? `$${this.values.length}` : "?";
  }

  /** "(p1, p2, …)" for one row */
  row(values: readonly unknown[]): string {
    return `(${values.map((v) => this.add(v)).join(", ")})`;
  }

  /** "p1, p2, …" for an IN list (at least one value) */
  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(", ");
  }
}

/** Quoted column list: ("a", "b") */
export function columns(names: readonly string[]): string {
  return `(${names.map((n) => `"${n}"`).join(", ")})`;
}

/** Where raw statements run: a Prisma client or transaction, or the SQLite intake connection. */
export type SqlSession = {
  dialect: Dialect;
  /** a statement that returns rows (SELECT, … RETURNING) */
  query<T>(sql: string, values: readonly unknown[]): Promise<T[]>;
  execute(sql: string, values: readonly unknown[]): Promise<void>;
};

export function prismaSession(db: Db | Tx): SqlSession {
  return {
    dialect: dialectOf(db),
    query: <T>(sql: string, values: readonly unknown[]) => db.$queryRawUnsafe<T[]>(sql, ...values),
    execute: async (sql, values) => {
      await db.$executeRawUnsafe(sql, ...values);
    },
  };
}
