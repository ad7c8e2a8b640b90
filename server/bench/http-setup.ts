/**
 * Prepares the throwaway benchmark database (run by http-bench.ts as a child process, with
 * DATABASE_URL pointing at .keel/bench/bench.db, after `db.ts deploy` and `seed.ts`):
 * turns the seeded "new-checkout" flag on in staging at 50 % and creates a staging server SDK key,
 * through the services, as an admin would. Prints one JSON line: {"flagKey", "environmentKey", "secret"}.
 */
import { getDb } from "../db/client";
import { findUserByEmail } from "../db/users";
import { SYSTEM_ACTOR, type Actor, type ServiceContext } from "../services/context";
import { createSdkKey } from "../services/sdk-keys/create-sdk-key";
import { updateFlagEnvironment } from "../services/flags/update-flag-environment";

const FLAG_KEY = "new-checkout";
const ENVIRONMENT_KEY = "staging";

async function main() {
  const db = getDb();
  const admin = await findUserByEmail(db, "admin@keel.local");
  const actor: Actor = admin ? { id: admin.id, label: admin.email, roles: admin.roles } : SYSTEM_ACTOR;
  const ctx: ServiceContext = { db, actor, now: () => new Date(), settings: { maxFlagLifetimeDays: 90 } };
  await updateFlagEnvironment(ctx, { flagKey: FLAG_KEY, environmentKey: ENVIRONMENT_KEY, enabled: true, rolloutPercentage: 50 });
  const { secret } = await createSdkKey(ctx, { environmentKey: ENVIRONMENT_KEY, kind: "server", name: `bench ${new Date().toISOString()}` });
  await db.$disconnect();
  console.log(JSON.stringify({ flagKey: FLAG_KEY, environmentKey: ENVIRONMENT_KEY, secret }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
