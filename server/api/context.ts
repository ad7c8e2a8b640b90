import { getDb } from "../db/client";
import { loadEnv } from "../env";
import { currentUser } from "../auth/session";
import type { ApiContext } from "./trpc";

/** The context of a browser request: the signed-in member (fresh from the database) and the settings. */
export async function createRequestContext(): Promise<ApiContext> {
  const env = loadEnv();
  return {
    db: getDb(),
    user: await currentUser(),
    now: () => new Date(),
    settings: { maxFlagLifetimeDays: env.KEEL_MAX_FLAG_LIFETIME_DAYS },
  };
}
