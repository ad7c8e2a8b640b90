import type { Db, Tx } from "./client";
import type { IntakeMemo } from "./intake-memo";

/**
 * Raw SQL that runs unchanged on SQLite and PostgreSQL, for the few hot paths (event intake)
 * where a few statements replace hundreds of ORM calls: one multi-row statement per chunk where a
 * statement is a round trip, one prepared one-row statement per row on the SQLite intake
 * connection (insertRows, selectByKeys). Identifiers are double-quoted (both databases), values
 * always travel as parameters: `?` on SQLite, `$n` on PostgreSQL.
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
  /**
   * Only on the SQLite intake connection (server/db/event-intake-session.ts): one-row statements
   * run once per parameter row, prepared once and cached. In-process SQLite has no round trips to
   * save, so this beats one multi-row statement: no SQL text or parameter list as long as the
   * batch, and the same prepared statement for every batch size.
   */
  perRow?: {
    /** runs the statement for every row; returns the indexes of the rows it changed (inserted, for INSERT … DO NOTHING) */
    run(sql: string, rows: readonly (readonly unknown[])[]): number[];
    /** a primary-key lookup for every row of key values: the rows found */
    get<T>(sql: string, rows: readonly (readonly unknown[])[]): T[];
  };
  /** Only on the SQLite intake connection: recent exposures and unit states (server/db/intake-memo.ts). */
  memo?: IntakeMemo;
};

type Rows = readonly (readonly unknown[])[];

/** rows per multi-row statement: far below both databases' parameter limits */
const ROWS_PER_STATEMENT = 1000;

/** Where a statement is a round trip (PostgreSQL, Prisma): one multi-row statement per chunk of rows. */
async function inChunks<T>(s: SqlSession, rows: Rows, statement: (p: Params, chunk: Rows) => string): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const p = new Params(s.dialect);
    const sql = statement(p, rows.slice(i, i + ROWS_PER_STATEMENT));
    out.push(...(await s.query<T>(sql, p.values)));
  }
  return out;
}

const keyOf = (values: readonly unknown[]) => values.map(String).join("\u0000");

/**
 * `INSERT INTO "table" (names) VALUES … <onConflict>` for every row (the same statement text on
 * both databases). With `keyColumns` (the conflict target, for ON CONFLICT … DO NOTHING) it
 * returns the indexes of the rows that were inserted; the others were there already.
 */
export async function insertRows(s: SqlSession, table: string, names: readonly string[], rows: Rows, onConflict: string, keyColumns?: readonly string[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const head = `INSERT INTO "${table}" ${columns(names)} VALUES `;
  if (s.perRow) return s.perRow.run(`${head}(${names.map(() => "?").join(", ")}) ${onConflict}`, rows);
  const returning = keyColumns ? ` RETURNING ${keyColumns.map((c) => `"${c}"`).join(", ")}` : "";
  const returned = await inChunks<Record<string, unknown>>(s, rows, (p, chunk) => `${head}${chunk.map((r) => p.row(r)).join(", ")} ${onConflict}${returning}`);
  if (!keyColumns) return [];
  const positions = keyColumns.map((c) => names.indexOf(c));
  const indexOfKey = new Map(rows.map((row, i) => [keyOf(positions.map((at) => row[at])), i]));
  return returned.map((r) => indexOfKey.get(keyOf(keyColumns.map((c) => r[c])))!).sort((a, b) => a - b);
}

/**
 * `SELECT <select> FROM "table" WHERE` the key columns equal one of `keys` (one row of values per
 * key): a primary-key lookup per key on the SQLite intake connection, a row-value `IN` list elsewhere.
 */
export async function selectByKeys<T>(s: SqlSession, select: string, table: string, keyNames: readonly string[], keys: Rows): Promise<T[]> {
  if (keys.length === 0) return [];
  const head = `SELECT ${select} FROM "${table}" WHERE `;
  if (s.perRow) return s.perRow.get<T>(head + keyNames.map((k) => `"${k}" = ?`).join(" AND "), keys);
  return inChunks<T>(s, keys, (p, chunk) => `${head}${columns(keyNames)} IN (${chunk.map((k) => p.row(k)).join(", ")})`);
}

export function prismaSession(db: Db | Tx): SqlSession {
  return {
    dialect: dialectOf(db),
    query: <T>(sql: string, values: readonly unknown[]) => db.$queryRawUnsafe<T[]>(sql, ...values),
    execute: async (sql, values) => {
      await db.$executeRawUnsafe(sql, ...values);
    },
  };
}
