import type { FlagRecord } from "../../db/flags";

/** What the audit log records of a flag: the fields people change, without ids or salts. */
export function flagAuditSnapshot(flag: FlagRecord) {
  return {
    key: flag.key,
    name: flag.name,
    description: flag.description,
    valueType: flag.valueType,
    offVariationKey: flag.offVariationKey,
    owner: flag.owner.email,
    expiresAt: flag.expiresAt.toISOString(),
    variations: flag.variations.map((v) => ({ key: v.key, value: v.value })),
    environments: Object.fromEntries(
      flag.environments.map((e) => [e.environmentKey, { enabled: e.enabled, rolloutPercentage: e.rolloutPercentage }]),
    ),
  };
}
