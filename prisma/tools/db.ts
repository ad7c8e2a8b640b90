/**
 * Database tooling for both providers, one entry point:
 *   tsx prisma/tools/db.ts generate        generate both Prisma clients from the committed schemas
 *   tsx prisma/tools/db.ts deploy          apply committed migrations to the database DATABASE_URL names
 *   tsx prisma/tools/db.ts migrate <name>  regenerate prisma/pg/schema.prisma from the SQLite source and create
 *                                     a migration for SQLite AND PostgreSQL from the schema change
 *   tsx prisma/tools/db.ts check           fail when the generated schema or either migration history drifts
 * SQLite is the source of truth (prisma/schema.prisma); never edit prisma/pg/schema.prisma by hand.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseTarget } from "../../server/db/database-url";
import { pgSchemaFromSqlite } from "./pg-schema";

const root = path.resolve(__dirname, "../..");
const SQLITE_SCHEMA = path.join(root, "prisma/schema.prisma");
const PG_SCHEMA = path.join(root, "prisma/pg/schema.prisma");
const SQLITE_MIGRATIONS = path.join(root, "prisma/migrations");
const PG_MIGRATIONS = path.join(root, "prisma/pg/migrations");
const PG_CONFIG = ["--config", "prisma.pg.config.ts"];

function prisma(args: string[], opts: { env?: Record<string, string>; capture?: boolean } = {}): string {
  const out = execFileSync(path.join(root, "node_modules/.bin/prisma"), args, {
    cwd: root,
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", ...opts.env },
    stdio: opts.capture ? ["ignore", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
  });
  return out ?? "";
}

function expectedPgSchema(): string {
  return pgSchemaFromSqlite(readFileSync(SQLITE_SCHEMA, "utf8"));
}

/** Writes prisma/pg/schema.prisma from the SQLite source (part of `migrate`; `check` verifies it is committed). */
function writePgSchema() {
  mkdirSync(path.dirname(PG_SCHEMA), { recursive: true });
  writeFileSync(PG_SCHEMA, expectedPgSchema());
}

/** Generates both clients from the committed schemas (runs after every npm install). */
function generate() {
  prisma(["generate"]);
  prisma(["generate", ...PG_CONFIG]);
}

/**
 * The page size of a new SQLite database (bytes; SQLite's default is 4096). Event intake touches
 * pages of several growing B-trees per batch and keeps each batch's events as one row: with
 * larger pages a batch dirties fewer pages and the trees are shallower (about +15 % events/s in
 * `npm run bench -- --part measurement` on these machines). Fixed when the file is created.
 */
const SQLITE_PAGE_SIZE = 16384;

/** Creates an empty SQLite file with Keel's page size, unless the database exists already. */
function createSqliteFile(file: string) {
  if (existsSync(file) && statSync(file).size > 0) return;
  const sqlite = new Database(file);
  sqlite.pragma(`page_size = ${SQLITE_PAGE_SIZE}`);
  sqlite.exec("VACUUM"); // writes the header, so the page size is kept
  sqlite.close();
}

function deploy() {
  const target = databaseTarget(process.env.DATABASE_URL);
  if (target.provider === "sqlite") {
    const file = target.url.slice("file:".length);
    mkdirSync(path.dirname(path.resolve(root, file)), { recursive: true });
    createSqliteFile(path.resolve(root, file));
    prisma(["migrate", "deploy"]);
    // Write-ahead logging: readers never wait for a writer (the setting is stored in the file).
    const sqlite = new Database(path.resolve(root, file));
    sqlite.pragma("journal_mode = WAL");
    sqlite.close();
  } else {
    prisma(["migrate", "deploy", ...PG_CONFIG]);
  }
}

function migrationFolderName(name: string): string {
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `${stamp}_${name}`;
}

/** SQL that turns the committed SQLite migrations into the current schema (shadow DB is in memory). */
function sqlitePendingSql(): string {
  return prisma(
    ["migrate", "diff", "--from-migrations", SQLITE_MIGRATIONS, "--to-schema-datamodel", SQLITE_SCHEMA, "--script"],
    { capture: true },
  );
}

/**
 * The PostgreSQL server the PostgreSQL side of `migrate` and `check` replays migrations on
 * (a throwaway shadow database is created there): DATABASE_URL when it is PostgreSQL,
 * else KEEL_POSTGRES_URL. `migrate` falls back to a local server; `check` skips the replay without one.
 */
function postgresForTooling(): string | undefined {
  const target = databaseTarget(process.env.DATABASE_URL);
  return target.provider === "postgresql" ? target.url : process.env.KEEL_POSTGRES_URL;
}

/** SQL that turns the committed PostgreSQL migrations into the current schema (shadow DB on the server). */
function pgPendingSql(url: string): string {
  return prisma(
    ["migrate", "diff", "--from-migrations", PG_MIGRATIONS, "--to-schema-datamodel", PG_SCHEMA, "--script", ...PG_CONFIG],
    { capture: true, env: { DATABASE_URL: url } },
  );
}

const isEmptyMigration = (sql: string) => sql.trim() === "" || sql.includes("This is an empty migration");

function migrate(name: string | undefined) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error('Usage: npm run db:migrate -- <name>   (name: lowercase letters, digits and "_", e.g. add_segments)');
  }
  writePgSchema();
  generate();
  const folder = migrationFolderName(name);
  writeLockFile(SQLITE_MIGRATIONS, "sqlite");
  writeLockFile(PG_MIGRATIONS, "postgresql");
  const sqliteSql = sqlitePendingSql();
  const pgSql = pgPendingSql(postgresForTooling() ?? "postgresql://keel:keel@127.0.0.1:5432/keel");
  if (isEmptyMigration(sqliteSql) && isEmptyMigration(pgSql)) {
    console.log("The schema matches both migration histories: nothing to migrate.");
    return;
  }
  for (const [dir, sql] of [
    [SQLITE_MIGRATIONS, sqliteSql],
    [PG_MIGRATIONS, pgSql],
  ] as const) {
    mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, folder, "migration.sql"), sql);
  }
  console.log(`Created ${folder} for SQLite (prisma/migrations) and PostgreSQL (prisma/pg/migrations).`);
  console.log("Apply it with: npm run db:deploy");
}

function writeLockFile(dir: string, provider: string) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "migration_lock.toml");
  if (!existsSync(file)) {
    writeFileSync(
      file,
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
    );
  }
}

function check() {
  const problems: string[] = [];
  if (!existsSync(PG_SCHEMA) || readFileSync(PG_SCHEMA, "utf8") !== expectedPgSchema()) {
    problems.push("prisma/pg/schema.prisma is out of date: run `npm run db:migrate -- <name>` and commit it.");
  }
  if (!isEmptyMigration(sqlitePendingSql())) {
    problems.push("prisma/migrations does not produce prisma/schema.prisma: run `npm run db:migrate -- <name>`.");
  }
  const sqliteFolders = migrationFolders(SQLITE_MIGRATIONS);
  const pgFolders = migrationFolders(PG_MIGRATIONS);
  if (sqliteFolders.join() !== pgFolders.join()) {
    problems.push(
      `The two migration histories differ: SQLite has [${sqliteFolders.join(", ")}], PostgreSQL has [${pgFolders.join(", ")}].`,
    );
  }
  // With a PostgreSQL server at hand (CI sets KEEL_POSTGRES_URL), replay the PostgreSQL history too.
  const pgUrl = postgresForTooling();
  if (!pgUrl) {
    console.log("· PostgreSQL history not replayed (set KEEL_POSTGRES_URL=postgresql://… to include it)");
  } else if (!isEmptyMigration(pgPendingSql(pgUrl))) {
    problems.push("prisma/pg/migrations does not produce prisma/pg/schema.prisma: run `npm run db:migrate -- <name>`.");
  }
  if (problems.length > 0) {
    console.error(problems.map((p) => `✗ ${p}`).join("\n"));
    process.exit(1);
  }
  console.log(`✓ schemas and migration histories agree (${pgUrl ? "SQLite and PostgreSQL" : "SQLite; PostgreSQL schema generation"})`);
}

function migrationFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

const [command, arg] = process.argv.slice(2);
try {
  switch (command) {
    case "generate":
      generate();
      break;
    case "deploy":
      deploy();
      break;
    case "migrate":
      migrate(arg);
      break;
    case "check":
      check();
      break;
    default:
      console.error("Usage: tsx prisma/tools/db.ts generate | deploy | migrate <name> | check");
      process.exit(2);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
