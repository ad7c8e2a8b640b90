import type { Db } from "../db/client";
import type { Role } from "../core/access/roles";

/** Who is acting. `id` is null for Keel itself (seed, guardrail aborts). */
export type Actor = { id: string | null; label: string; roles: readonly Role[] };

export const SYSTEM_ACTOR: Actor = { id: null, label: "system", roles: [] };

export type WorkspaceSettings = {
  /** PHASE-42: flags expire; no flag may live longer than this (KEEL_MAX_FLAG_LIFETIME_DAYS) */
  maxFlagLifetimeDays: number;
};

/** Everything a use case needs from the outside world, passed in so tests control it. */
export type ServiceContext = {
  db: Db;
  actor: Actor;
  now: () => Date;
  settings: WorkspaceSettings;
};
