import { afterAll, inject } from "vitest";

// Every integration test file talks to the database the global setup migrated.
process.env.DATABASE_URL = inject("databaseUrl");

afterAll(async () => {
  const { getDb } = await import("../db/client");
  await getDb().$disconnect();
});
