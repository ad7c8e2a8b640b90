/** Derives the PostgreSQL schema from the SQLite source: only the datasource and the client output differ. */
export function pgSchemaFromSqlite(sqliteSchema: string): string {
  const header =
    "// GENERATED from prisma/schema.prisma by `npm run db:migrate`. Do not edit: change the SQLite schema instead.\n";
  const body = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*env\("SQLITE_URL"\)/, 'url      = env("DATABASE_URL")')
    .replace(/output\s*=\s*"\.\.\/server\/db\/generated\/sqlite"/, 'output     = "../../server/db/generated/pg"');
  for (const needle of ['provider = "postgresql"', 'env("DATABASE_URL")', "generated/pg"]) {
    if (!body.includes(needle)) throw new Error(`Could not derive the PostgreSQL schema: "${needle}" missing after rewrite.`);
  }
  return header + body;
}
