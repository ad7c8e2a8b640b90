import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pgSchemaFromSqlite } from "./pg-schema";

describe("PostgreSQL schema generation", () => {
  const source = readFileSync(path.resolve(__dirname, "../schema.prisma"), "utf8");
  it("changes only the datasource and the client output", () => {
    const pg = pgSchemaFromSqlite(source);
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).toContain('env("DATABASE_URL")');
    expect(pg).toContain("generated/pg");
    expect(pg).not.toContain('"sqlite"');
    const models = (s: string) => s.slice(s.indexOf("model User"));
    expect(models(pg)).toBe(models(source));
  });
  it("refuses a schema it cannot rewrite", () => {
    expect(() => pgSchemaFromSqlite('datasource db { provider = "mysql" }')).toThrow(/Could not derive/);
  });
});
