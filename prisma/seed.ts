/** `npm run db:seed`: idempotent demo data (see server/services/seed-demo-workspace.ts). */
import { getDb } from "../server/db/client";
import { loadEnv } from "../server/env";
import { seedDemoWorkspace } from "../server/services/seed-demo-workspace";

async function main() {
  const env = loadEnv();
  const db = getDb();
  const created = await seedDemoWorkspace({
    db,
    now: () => new Date(),
    settings: { maxFlagLifetimeDays: env.KEEL_MAX_FLAG_LIFETIME_DAYS },
  });
  console.log(created.length ? `Seeded: ${created.join(", ")}.` : "Demo data already present; nothing to do.");
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
