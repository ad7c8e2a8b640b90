/**
 * Published snapshots: the compiled configuration of each environment, one row per environment
 * holding the latest revision. Publishing takes the row's lock first (the revision increment),
 * so two concurrent publications of one environment are serialised and the later one reads
 * everything the earlier one committed.
 */
import type { Db, Tx } from "./client";
import type { Rule, Condition } from "../core/evaluation/snapshot-format";
import type { Weights } from "../core/flags/rollout";
import type { EnvironmentConfiguration } from "../core/evaluation/build-snapshot";

export type SnapshotRow = { environmentId: string; revision: number; payload: string; etag: string; publishedAt: Date };
export type SnapshotRevision = { environmentId: string; environmentKey: string; revision: number };

/**
 * Bumps the environment's revision (creating its row at revision 1) and returns the new revision.
 * The update holds the row lock until the transaction ends.
 */
export async function claimNextRevision(tx: Tx, environmentId: string, at: Date): Promise<number> {
  const bumped = await tx.environmentSnapshot.updateMany({ where: { environmentId }, data: { revision: { increment: 1 } } });
  if (bumped.count === 0) {
    await tx.environmentSnapshot.create({ data: { environmentId, revision: 1, payload: "", etag: "", publishedAt: at } });
    return 1;
  }
  const row = await tx.environmentSnapshot.findUniqueOrThrow({ where: { environmentId }, select: { revision: true } });
  return row.revision;
}

export async function storeSnapshot(tx: Tx, row: SnapshotRow): Promise<void> {
  await tx.environmentSnapshot.update({
    where: { environmentId: row.environmentId },
    data: { revision: row.revision, payload: row.payload, etag: row.etag, publishedAt: row.publishedAt },
  });
}

export async function loadEnvironmentConfiguration(tx: Tx, environmentId: string): Promise<EnvironmentConfiguration> {
  const environment = await tx.environment.findUniqueOrThrow({ where: { id: environmentId }, select: { id: true, key: true, name: true } });
  const [configs, experiments, segments] = await Promise.all([
    tx.flagEnvironmentConfig.findMany({
      where: { environmentId, flag: { archivedAt: null } },
      include: { flag: { include: { variations: { orderBy: { sortOrder: "asc" } } } } },
      orderBy: { flag: { key: "asc" } },
    }),
    tx.experiment.findMany({ where: { environmentId, state: "running" }, select: { key: true, flagId: true } }),
    tx.segment.findMany({ orderBy: { key: "asc" }, select: { key: true, conditions: true, included: true, excluded: true } }),
  ]);
  const experimentByFlag = new Map(experiments.map((e) => [e.flagId, e.key]));
  return {
    environment,
    flags: configs.map((c) => ({
      key: c.flag.key,
      valueType: c.flag.valueType,
      offVariationKey: c.flag.offVariationKey,
      variations: c.flag.variations.map((v) => ({ key: v.key, value: v.value })),
      config: {
        enabled: c.enabled,
        rolloutPercentage: c.rolloutPercentage,
        weights: JSON.parse(c.weights) as Weights,
        rules: JSON.parse(c.rules) as Rule[],
        targets: JSON.parse(c.targets) as EnvironmentConfiguration["flags"][number]["config"]["targets"],
        salt: c.salt,
        version: c.version,
      },
      runningExperimentKey: experimentByFlag.get(c.flagId) ?? null,
    })),
    segments: segments.map((s) => ({
      key: s.key,
      conditions: JSON.parse(s.conditions) as Condition[],
      included: JSON.parse(s.included) as string[],
      excluded: JSON.parse(s.excluded) as string[],
    })),
  };
}

/** The poll query every app instance runs: one small row per environment. */
export async function listSnapshotRevisions(db: Db): Promise<SnapshotRevision[]> {
  const rows = await db.environmentSnapshot.findMany({
    select: { environmentId: true, revision: true, environment: { select: { key: true } } },
  });
  return rows.map((r) => ({ environmentId: r.environmentId, environmentKey: r.environment.key, revision: r.revision }));
}

export async function findSnapshot(db: Db, environmentId: string): Promise<SnapshotRow | null> {
  return db.environmentSnapshot.findUnique({ where: { environmentId } });
}

/** Environments that have never been published (a database from before snapshots existed). */
export async function listUnpublishedEnvironmentIds(db: Db): Promise<string[]> {
  const rows = await db.environment.findMany({ where: { snapshot: null }, select: { id: true } });
  return rows.map((r) => r.id);
}

export async function listEnvironmentIds(tx: Tx): Promise<string[]> {
  const rows = await tx.environment.findMany({ select: { id: true } });
  return rows.map((r) => r.id);
}
