/**
 * Integration tests run against a real database, never a mock: a fresh SQLite file by default,
 * or the PostgreSQL server named by TEST_DATABASE_URL=postgresql://… (CI runs both). The schema
 * is created with the committed migrations, exactly as users get it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const root = path.resolve(__dirname, "../..");

/** A SQLite database in WAL mode is the file plus its write-ahead log and shared-memory index. */
const SQLITE_FILES = ["", "-wal", "-shm"];

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL ?? `file:./.keel/test/integration-${process.pid}.db`;
  if (url.startsWith("file:")) {
    const file = path.resolve(root, url.slice("file:".length));
    mkdirSync(path.dirname(file), { recursive: true });
    for (const suffix of SQLITE_FILES) rmSync(file + suffix, { force: true });
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    await client.end();
  }
  execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "prisma/tools/db.ts", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  project.provide("databaseUrl", url);
  return () => {
    if (url.startsWith("file:")) for (const suffix of SQLITE_FILES) rmSync(path.resolve(root, url.slice("file:".length)) + suffix, { force: true });
  };
}
