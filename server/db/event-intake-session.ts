/**
 * The transaction event intake writes in. PostgreSQL: a Prisma transaction holding a per-
 * environment advisory lock. SQLite: a dedicated better-sqlite3 connection to the same file in WAL
 * mode, with group commit (below). Intake is the one write path where ORM overhead dominates: a
 * 500-event batch is about 1,500 row operations, and Prisma's per-statement and per-transaction
 * cost was most of the time (see `npm run bench -- --part measurement`).
 *
 * Group commit (SQLite): one writer per process, so batches queue. A batch that arrives while the
 * connection is idle starts a transaction at once; batches that arrive while one is being written
 * wait and are then written together, each inside its own SAVEPOINT, in one transaction with one
 * COMMIT (one WAL write and fsync for the group instead of one per batch). A batch that fails
 * rolls back to its savepoint alone: the others of its group still commit. Every caller's promise
 * settles only after the COMMIT, so a 2xx still means the batch is on disk. Other processes wait
 * on the file lock (BEGIN IMMEDIATE, 10 s busy timeout).
 *
 * The connection also keeps an intake memo (server/db/intake-memo.ts) of the exposures and unit
 * states it wrote or read, kept per batch with its savepoint and cleared when a COMMIT fails or
 * another connection has committed in between (PRAGMA data_version).
 */
import Database from "better-sqlite3";
import { inTransaction, sqliteUrlOf, type Db } from "./client";
import { lockEventIntake } from "./events";
import { IntakeMemo } from "./intake-memo";
import { prismaSession, type SqlSession } from "./sql";

type Work<T> = (s: SqlSession) => Promise<T>;
type Queued = { work: Work<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
type SqliteIntake = { run<T>(work: Work<T>): Promise<T> };

/** the intake connection's journal and durability (the measurement bench's baseline uses the same) */
export const INTAKE_JOURNAL_MODE = "WAL";
export const INTAKE_SYNCHRONOUS = "FULL";
/** the intake connection's page cache (KiB) */
const INTAKE_CACHE_KIB = 64 * 1024;

const intakes = new WeakMap<Db, SqliteIntake>();
const STATEMENT_CACHE = 64;
/** batches written in one transaction at most (bounds how long a group holds the write lock) */
const MAX_GROUP = 16;

function sqliteSession(connection: Database.Database, memo: IntakeMemo): SqlSession {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= STATEMENT_CACHE) statements.clear();
      statement = connection.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    dialect: "sqlite",
    memo,
    query: <T>(sql: string, values: readonly unknown[]) => Promise.resolve(prepare(sql).all(...values) as T[]),
    execute: (sql, values) => {
      prepare(sql).run(...values);
      return Promise.resolve();
    },
    perRow: {
      run(sql, rows) {
        const statement = prepare(sql);
        const changed: number[] = [];
        for (let i = 0; i < rows.length; i++) if (statement.run(rows[i]).changes > 0) changed.push(i);
        return changed;
      },
      get<T>(sql: string, rows: readonly (readonly unknown[])[]): T[] {
        const statement = prepare(sql);
        const found: T[] = [];
        for (const row of rows) {
          const hit = statement.get(row) as T | undefined;
          if (hit !== undefined) found.push(hit);
        }
        return found;
      },
    },
  };
}

function openSqliteIntake(url: string): SqliteIntake {
  const connection = new Database(url.replace(/^file:/, ""), { timeout: 10_000 });
  // WAL: a commit appends to the log instead of rewriting the journal (several times faster), and
  // readers (the app's Prisma connection) never block the writer. Persistent in the file.
  connection.pragma(`journal_mode = ${INTAKE_JOURNAL_MODE}`);
  // "A 2xx only after the batch is durably stored": every commit reaches the disk (better-sqlite3
  // builds SQLite with NORMAL as the WAL default, which a power cut could undo).
  connection.pragma(`synchronous = ${INTAKE_SYNCHRONOUS}`);
  // Intake touches index pages of several growing tables per batch (events, exposures, unit
  // states); SQLite's default 2 MiB page cache rereads them from the file every batch.
  connection.pragma(`cache_size = -${INTAKE_CACHE_KIB}`);
  // Each batch runs under a SAVEPOINT, so SQLite keeps the pages it changes in a statement
  // journal until the savepoint is released; in memory that is a copy, in a temp file ~250 writes
  // per batch.
  connection.pragma("temp_store = MEMORY");
  const memo = new IntakeMemo();
  const session = sqliteSession(connection, memo);
  const dataVersion = connection.prepare("PRAGMA data_version").pluck();
  let seenVersion: unknown = null;

  /** Writes a group of batches in one transaction; each batch's outcome, or throws when the transaction itself fails. */
  async function writeGroup(group: readonly Queued[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    connection.exec("BEGIN IMMEDIATE");
    try {
      // another connection committed since our last transaction: the memo may be out of date
      const version = dataVersion.get();
      if (version !== seenVersion) memo.clear();
      seenVersion = version;
      for (const { work } of group) {
        connection.exec("SAVEPOINT intake_batch");
        try {
          outcomes.push({ ok: true, value: await work(session) });
          connection.exec("RELEASE intake_batch");
          memo.keepBatch();
        } catch (error) {
          connection.exec("ROLLBACK TO intake_batch");
          connection.exec("RELEASE intake_batch");
          memo.discardBatch();
          outcomes.push({ ok: false, error });
        }
      }
      connection.exec("COMMIT");
      return outcomes;
    } catch (error) {
      if (connection.inTransaction) connection.exec("ROLLBACK");
      memo.clear();
      throw error;
    }
  }

  let queued: Queued[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queued.length > 0) {
        const group = queued.slice(0, MAX_GROUP);
        queued = queued.slice(group.length);
        try {
          const outcomes = await writeGroup(group);
          group.forEach((item, i) => {
            const outcome = outcomes[i]!;
            if (outcome.ok) item.resolve(outcome.value);
            else item.reject(outcome.error);
          });
        } catch (error) {
          for (const item of group) item.reject(error);
        }
        // let batches that arrived meanwhile (request bodies read in the poll phase, callers that
        // were waiting for this group) queue up, so they commit together
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      writing = false;
    }
  }

  return {
    run<T>(work: Work<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!writing) void drain();
      });
    },
  };
}

/**
 * Runs `work` in an intake transaction for the environment: all of its writes commit, or none.
 * On SQLite it may share the transaction with other batches (group commit), each under its own
 * savepoint, and settles after the COMMIT.
 */
export function inIntakeTransaction<T>(db: Db, environmentId: string, work: Work<T>): Promise<T> {
  const url = sqliteUrlOf(db);
  if (url === null) {
    return inTransaction(db, async (tx) => {
      await lockEventIntake(tx, environmentId);
      return work(prismaSession(tx));
    });
  }
  let intake = intakes.get(db);
  if (!intake) {
    intake = openSqliteIntake(url);
    intakes.set(db, intake);
  }
  return intake.run(work);
}
