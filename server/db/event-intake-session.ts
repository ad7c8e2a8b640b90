/**
 * The transaction event intake writes in. PostgreSQL: a Prisma transaction holding a per-
 * environment advisory lock. SQLite: a dedicated better-sqlite3 connection to the same file,
 * one intake transaction at a time per process (BEGIN IMMEDIATE; other processes wait on the
 * file lock), in WAL mode. Intake is the one write path where ORM overhead dominates: a 500-event
 * batch is a handful of multi-row statements, and Prisma's per-statement and per-transaction cost
 * was most of the time (see `npm run bench -- --part measurement`).
 */
import Database from "better-sqlite3";
import { inTransaction, sqliteUrlOf, type Db } from "./client";
import { lockEventIntake } from "./events";
import { prismaSession, type SqlSession } from "./sql";

type SqliteIntake = { run<T>(work: (s: SqlSession) => Promise<T>): Promise<T> };

const intakes = new WeakMap<Db, SqliteIntake>();
const STATEMENT_CACHE = 64;

function openSqliteIntake(url: string): SqliteIntake {
  const connection = new Database(url.replace(/^file:/, ""), { timeout: 10_000 });
  // WAL: a commit appends to the log instead of rewriting the journal (several times faster), and
  // readers (the app's Prisma connection) never block the writer. Persistent in the file.
  connection.pragma("journal_mode = WAL");
  // "A 2xx only after the batch is durably stored": every commit reaches the disk (better-sqlite3
  // builds SQLite with NORMAL as the WAL default, which a power cut could undo).
  connection.pragma("synchronous = FULL");
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
  const session: SqlSession = {
    dialect: "sqlite",
    query: <T>(sql: string, values: readonly unknown[]) => Promise.resolve(prepare(sql).all(...values) as T[]),
    execute: (sql, values) => {
      prepare(sql).run(...values);
      return Promise.resolve();
    },
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run<T>(work: (s: SqlSession) => Promise<T>): Promise<T> {
      const next = queue.then(async () => {
        connection.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(session);
          connection.exec("COMMIT");
          return result;
        } catch (error) {
          if (connection.inTransaction) connection.exec("ROLLBACK");
          throw error;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** Runs `work` in one intake transaction for the environment: all of it commits, or none. */
export function inIntakeTransaction<T>(db: Db, environmentId: string, work: (s: SqlSession) => Promise<T>): Promise<T> {
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
