import type { Db, Tx } from "./client";
import type { Prisma } from "./generated/sqlite/client";
import { expiryRange, OPEN_EXPERIMENT_STATES, type FlagListQuery } from "../core/flags/flag-list-query";
import type { Variation, ValueType } from "../core/flags/variations";
import type { Weights } from "../core/flags/rollout";
import type { Rule } from "../core/evaluation/snapshot-format";
import type { Targets } from "../core/targeting/targeting-input";

export type FlagEnvironmentRecord = {
  id: string;
  environmentId: string;
  environmentKey: string;
  environmentName: string;
  isProduction: boolean;
  enabled: boolean;
  rolloutPercentage: number;
  weights: Weights;
  /** targeting rules, in evaluation order */
  rules: Rule[];
  /** individual targets: unit ids that always get a variation */
  targets: Targets;
  salt: string;
  version: number;
  updatedAt: Date;
};

export type FlagRecord = {
  id: string;
  key: string;
  name: string;
  description: string;
  valueType: ValueType;
  offVariationKey: string;
  expiresAt: Date;
  archivedAt: Date | null;
  /** bumped on every edit of the flag itself (optimistic concurrency) */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  owner: { id: string; name: string; email: string };
  variations: Variation[];
  environments: FlagEnvironmentRecord[];
};

const fullFlag = {
  owner: { select: { id: true, name: true, email: true } },
  variations: { orderBy: { sortOrder: "asc" as const } },
  environments: { include: { environment: true } },
} as const;

type FlagRow = NonNullable<Awaited<ReturnType<typeof loadFlagRow>>>;
function loadFlagRow(db: Db | Tx, key: string) {
  return db.flag.findUnique({ where: { key }, include: fullFlag });
}

function toRecord(row: FlagRow): FlagRecord {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    valueType: row.valueType as ValueType,
    offVariationKey: row.offVariationKey,
    expiresAt: row.expiresAt,
    archivedAt: row.archivedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    owner: row.owner,
    variations: row.variations.map((v) => ({ key: v.key, name: v.name, description: v.description, value: v.value })),
    environments: row.environments
      .map((c) => ({
        id: c.id,
        environmentId: c.environmentId,
        environmentKey: c.environment.key,
        environmentName: c.environment.name,
        isProduction: c.environment.isProduction,
        enabled: c.enabled,
        rolloutPercentage: c.rolloutPercentage,
        weights: JSON.parse(c.weights) as Weights,
        rules: JSON.parse(c.rules) as Rule[],
        targets: JSON.parse(c.targets) as Targets,
        salt: c.salt,
        version: c.version,
        updatedAt: c.updatedAt,
        sortOrder: c.environment.sortOrder,
      }))
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map(({ sortOrder: _sortOrder, ...rest }) => rest),
  };
}

export async function findFlagByKey(db: Db | Tx, key: string): Promise<FlagRecord | null> {
  const row = await loadFlagRow(db, key);
  return row ? toRecord(row) : null;
}

export type NewFlag = {
  key: string;
  name: string;
  description: string;
  valueType: ValueType;
  offVariationKey: string;
  ownerId: string;
  expiresAt: Date;
  variations: Variation[];
  /** one entry per environment: every flag starts OFF everywhere */
  environments: { environmentId: string; salt: string; weights: Weights }[];
};

export async function insertFlag(tx: Tx, flag: NewFlag): Promise<FlagRecord> {
  await tx.flag.create({
    data: {
      key: flag.key,
      name: flag.name,
      description: flag.description,
      valueType: flag.valueType,
      offVariationKey: flag.offVariationKey,
      ownerId: flag.ownerId,
      expiresAt: flag.expiresAt,
      variations: { create: flag.variations.map((v, i) => ({ ...v, sortOrder: i })) },
      environments: {
        create: flag.environments.map((e) => ({
          environmentId: e.environmentId,
          salt: e.salt,
          weights: JSON.stringify(e.weights),
          enabled: false,
          rolloutPercentage: 0,
        })),
      },
    },
  });
  const created = await findFlagByKey(tx, flag.key);
  if (!created) throw new Error(`Flag ${flag.key} vanished inside its own transaction`);
  return created;
}

/** Gives every existing flag an OFF configuration in a newly created environment. */
export async function insertConfigsForEnvironment(
  tx: Tx,
  environmentId: string,
  configs: { flagId: string; salt: string; weights: Weights }[],
): Promise<void> {
  if (configs.length === 0) return;
  await tx.flagEnvironmentConfig.createMany({
    data: configs.map((c) => ({ flagId: c.flagId, environmentId, salt: c.salt, weights: JSON.stringify(c.weights) })),
  });
}

export async function listFlagsForNewEnvironment(tx: Tx): Promise<{ id: string; offVariationKey: string; variations: { key: string }[] }[]> {
  return tx.flag.findMany({ select: { id: true, offVariationKey: true, variations: { select: { key: true } } } });
}

/**
 * Writes a flag's new state in one environment (on/off, rollout, and for experiments also weights
 * and rules), guarded by the version read before
 * (optimistic concurrency: a concurrent change makes this return false).
 */
export async function updateFlagEnvironmentConfig(
  tx: Tx,
  configId: string,
  expectedVersion: number,
  change: { enabled: boolean; rolloutPercentage: number; weights?: Weights; rules?: Rule[] },
): Promise<boolean> {
  const { weights, rules, ...plain } = change;
  const result = await tx.flagEnvironmentConfig.updateMany({
    where: { id: configId, version: expectedVersion },
    data: {
      ...plain,
      ...(weights ? { weights: JSON.stringify(weights) } : {}),
      ...(rules ? { rules: JSON.stringify(rules) } : {}),
      version: { increment: 1 },
    },
  });
  return result.count === 1;
}

export async function countFlags(db: Db, now: Date): Promise<{ total: number; expired: number }> {
  const [total, expired] = await Promise.all([
    db.flag.count({ where: { archivedAt: null } }),
    db.flag.count({ where: { archivedAt: null, expiresAt: { lte: now } } }),
  ]);
  return { total, expired };
}

/** Writes a flag's own fields, guarded by the version read before (false: someone changed it meanwhile). */
export async function updateFlagFields(
  tx: Tx,
  flagId: string,
  expectedVersion: number,
  change: { name?: string; description?: string; ownerId?: string; expiresAt?: Date },
): Promise<boolean> {
  const result = await tx.flag.updateMany({ where: { id: flagId, version: expectedVersion }, data: { ...change, version: { increment: 1 } } });
  return result.count === 1;
}

/** Writes a flag's variation weights in one environment, guarded by the configuration version. */
export async function updateFlagEnvironmentWeights(tx: Tx, configId: string, expectedVersion: number, weights: Weights): Promise<boolean> {
  const result = await tx.flagEnvironmentConfig.updateMany({
    where: { id: configId, version: expectedVersion },
    data: { weights: JSON.stringify(weights), version: { increment: 1 } },
  });
  return result.count === 1;
}

/** The flag's experiment in one of `states`, if any (an experiment has one flag and one environment). */
export async function findExperimentOnFlag(
  db: Db | Tx,
  flagId: string,
  states: readonly string[],
): Promise<{ id: string; key: string; state: string; environmentId: string } | null> {
  return db.experiment.findFirst({ where: { flagId, state: { in: [...states] } }, select: { id: true, key: true, state: true, environmentId: true } });
}

/** The flag's experiments in one of `states` (key and state), by key. */
export async function findExperimentsOnFlag(db: Db | Tx, flagId: string, states: readonly string[]): Promise<{ key: string; state: string }[]> {
  return db.experiment.findMany({ where: { flagId, state: { in: [...states] } }, select: { key: true, state: true }, orderBy: { key: "asc" } });
}

/** Marks the flag archived, guarded by the version read before (false: someone changed it meanwhile). */
export async function markFlagArchived(tx: Tx, flagId: string, expectedVersion: number, at: Date): Promise<boolean> {
  const result = await tx.flag.updateMany({ where: { id: flagId, version: expectedVersion, archivedAt: null }, data: { archivedAt: at, version: { increment: 1 } } });
  return result.count === 1;
}

/** Which SQL dialect a client speaks: `mode: "insensitive"` exists only on PostgreSQL. */
function isPostgres(db: Db | Tx): boolean {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql";
}

/**
 * Case-insensitive "contains". Prisma passes `%text%` to LIKE unescaped: on PostgreSQL we escape
 * the wildcards (backslash is its default LIKE escape) and use ILIKE (`mode: "insensitive"`);
 * SQLite's LIKE ignores ASCII case but has no default escape character, so there a search with
 * `%` or `_` matches broadly here and `listFlagPage` narrows it exactly.
 */
function containsIgnoringCase(db: Db | Tx, text: string): Prisma.StringFilter {
  if (!isPostgres(db)) return { contains: text };
  return { contains: text.replace(/[\\%_]/g, (c) => `\\${c}`), mode: "insensitive" } as Prisma.StringFilter;
}

function flagPageWhere(db: Db | Tx, query: FlagListQuery, now: Date): Prisma.FlagWhereInput {
  const and: Prisma.FlagWhereInput[] = [{ archivedAt: query.archived ? { not: null } : null }];
  if (query.search) {
    and.push({ OR: [{ key: containsIgnoringCase(db, query.search) }, { name: containsIgnoringCase(db, query.search) }] });
  }
  if (query.environmentKey && query.state) {
    and.push({ environments: { some: { environment: { key: query.environmentKey }, enabled: query.state === "on" } } });
  }
  if (query.ownerId) and.push({ ownerId: query.ownerId });
  if (query.expiring) and.push({ expiresAt: expiryRange(query.expiring, now) });
  if (query.hasExperiment !== undefined) {
    const open = { state: { in: [...OPEN_EXPERIMENT_STATES] } };
    and.push({ experiments: query.hasExperiment ? { some: open } : { none: open } });
  }
  return { AND: and };
}

/** SQLite only: the ids of the broad LIKE matches that really contain the search text (see containsIgnoringCase). */
async function exactSearchMatches(db: Db, where: Prisma.FlagWhereInput, search: string): Promise<string[]> {
  const needle = search.toLowerCase();
  const candidates = await db.flag.findMany({ where, select: { id: true, key: true, name: true } });
  return candidates.filter((f) => f.key.toLowerCase().includes(needle) || f.name.toLowerCase().includes(needle)).map((f) => f.id);
}

export type FlagPage = { flags: FlagRecord[]; total: number; page: number; pageSize: number };

/**
 * One page of the flag list (active flags, or only archived ones with `archived`): search, filters, sorting with the key as
 * a stable tiebreak (pages never repeat or skip a flag), and the total that matches.
 */
export async function listFlagPage(db: Db, query: FlagListQuery, now: Date): Promise<FlagPage> {
  let where = flagPageWhere(db, query, now);
  if (query.search && /[%_]/.test(query.search) && !isPostgres(db)) {
    where = { id: { in: await exactSearchMatches(db, where, query.search) } };
  }
  const orderBy: Prisma.FlagOrderByWithRelationInput[] =
    query.sort === "key" ? [{ key: query.direction }] : [{ [query.sort]: query.direction }, { key: "asc" }];
  const [rows, total] = await Promise.all([
    db.flag.findMany({
      where,
      include: fullFlag,
      orderBy,
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.flag.count({ where }),
  ]);
  return { flags: rows.map(toRecord), total, page: query.page, pageSize: query.pageSize };
}

/**
 * Replaces a flag's variations (in the given order) and its off variation, guarded by the flag's
 * version; variations no longer listed are deleted and dropped from every environment's weights.
 */
export async function replaceFlagVariations(
  tx: Tx,
  flagId: string,
  expectedVersion: number,
  change: { variations: Variation[]; offVariationKey: string },
): Promise<boolean> {
  const bumped = await tx.flag.updateMany({
    where: { id: flagId, version: expectedVersion },
    data: { offVariationKey: change.offVariationKey, version: { increment: 1 } },
  });
  if (bumped.count !== 1) return false;
  const keep = change.variations.map((v) => v.key);
  await tx.flagVariation.deleteMany({ where: { flagId, key: { notIn: keep } } });
  for (const [sortOrder, v] of change.variations.entries()) {
    const data = { name: v.name, value: v.value, description: v.description, sortOrder };
    await tx.flagVariation.upsert({ where: { flagId_key: { flagId, key: v.key } }, update: data, create: { flagId, key: v.key, ...data } });
  }
  for (const config of await tx.flagEnvironmentConfig.findMany({ where: { flagId }, select: { id: true, weights: true } })) {
    const weights = JSON.parse(config.weights) as Weights;
    const kept = Object.fromEntries(Object.entries(weights).filter(([key]) => keep.includes(key)));
    if (Object.keys(kept).length !== Object.keys(weights).length) {
      await tx.flagEnvironmentConfig.update({ where: { id: config.id }, data: { weights: JSON.stringify(kept), version: { increment: 1 } } });
    }
  }
  return true;
}

/** Active (not archived) flags with their variations, for choosing an experiment's flag. */
export async function listFlagChoices(db: Db | Tx): Promise<{ key: string; name: string; offVariationKey: string; variations: { key: string; name: string }[] }[]> {
  return db.flag.findMany({
    where: { archivedAt: null },
    select: { key: true, name: true, offVariationKey: true, variations: { select: { key: true, name: true }, orderBy: { sortOrder: "asc" } } },
    orderBy: { key: "asc" },
  });
}
