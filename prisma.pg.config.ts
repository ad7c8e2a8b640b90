// Prisma CLI configuration for PostgreSQL: `prisma <command> --config prisma.pg.config.ts`.
// The runtime uses a plain PrismaPg adapter (server/db/client.ts); the workarounds below
// are for the offline JavaScript schema engine only (see ../shared/design/STACK.md).
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { randomUUID } from "node:crypto";

process.env.DATABASE_URL ??= "postgresql://keel:keel@127.0.0.1:5432/keel";
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL)) {
  throw new Error("prisma.pg.config.ts needs DATABASE_URL=postgresql://user:password@host:port/database");
}
const u = new URL(process.env.DATABASE_URL);
const poolConfig: pg.PoolConfig = {
  host: u.hostname,
  port: Number(u.port || 5432),
  database: u.pathname.slice(1),
  user: decodeURIComponent(u.username),
  password: decodeURIComponent(u.password),
  allowExitOnIdle: true,
};

// Catalog column types the wasm engine cannot decode are read as text (open Prisma issue).
const AS_TEXT = new Set([18, 19, 22, 24, 30, 194, 2205]);
const AS_TEXT_ARRAY = new Set([1002, 1003]);
type FieldDescription = { dataTypeID: number };
const resultPrototype = pg.Result.prototype as unknown as { addFields(fields: FieldDescription[]): void };
const addFields = resultPrototype.addFields;
resultPrototype.addFields = function (fields) {
  for (const f of fields) {
    f.dataTypeID = AS_TEXT.has(f.dataTypeID) ? 25 : AS_TEXT_ARRAY.has(f.dataTypeID) ? 1009 : f.dataTypeID;
  }
  return addFields.call(this, fields);
};
// Long timers must not keep the CLI alive after it is done.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = ((fn: () => void, ms?: number, ...args: unknown[]) => {
  const timer = setTimeoutOriginal(fn, ms, ...args) as unknown as NodeJS.Timeout;
  if ((ms ?? 0) >= 5_000) timer.unref();
  return timer;
}) as typeof setTimeout;

/** The shadow database gets its own throwaway database, created and dropped here. */
class PgForMigrate extends PrismaPg {
  override async connectToShadowDb() {
    const admin = new pg.Client(poolConfig);
    await admin.connect();
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    const shadow = await new PrismaPg({ ...poolConfig, database: name }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/pg/schema.prisma",
  migrations: { path: "prisma/pg/migrations" },
  async adapter() {
    return new PgForMigrate(poolConfig);
  },
});
