// Prisma CLI configuration for the embedded SQLite database (the default).
// Runs fully offline: the JavaScript schema engine + the better-sqlite3 driver adapter.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteUrlFromEnv } from "./server/db/database-url";

const url = sqliteUrlFromEnv(process.env);
process.env.SQLITE_URL = url; // the schema's datasource reads it; must resolve or the CLI falls back to native engines

/** better-sqlite3 refuses multi-statement queries; the shadow database replays whole migration files. */
class SQLiteWithShadowFix extends PrismaBetterSQLite3 {
  override async connectToShadowDb() {
    const adapter = await super.connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) =>
      query.args.length === 0 ? (await adapter.executeScript(query.sql), 0) : executeRaw(query);
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return new SQLiteWithShadowFix({ url });
  },
});
