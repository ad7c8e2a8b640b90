/**
 * Test data for e2e/cleanup.spec.ts, written to the e2e database through the factories (the demo's
 * own flags and experiments are left to the other journeys). Prints one line of JSON.
 *   running             an experiment of the demo experimenter on a fresh flag, launched at 5 % in staging
 *   expired-flag        a flag of the demo experimenter that expired 3 days ago, on at 20 % in staging
 *                       (the UI cannot make one: a new flag's expiry must be in the future)
 *   expired-experiment  a running experiment (5 % in staging) whose flag expired 3 days ago
 */
import { actorFor, makeExperiment, makeFlagsQuickly, serviceContext, uniqueKey } from "../prisma/factories";
import { getDb, inTransaction } from "../server/db/client";
import { findFlagByKey, updateFlagEnvironmentConfig } from "../server/db/flags";
import { findUserByEmail } from "../server/db/users";
import { publishAllSnapshots } from "../server/services/evaluation/publish-snapshot";
import { runLifecycleAction } from "../server/services/experiments/run-lifecycle-action";

const EXPIRED_DAYS_AGO = 3;
const EXPIRED_ROLLOUT = 20;

async function experimenter() {
  const user = (await findUserByEmail(getDb(), "experimenter@keel.local"))!;
  return { id: user.id, email: user.email, roles: user.roles, team: user.team };
}

function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 86_400_000);
}

async function running(name: string) {
  const owner = await experimenter();
  const ctx = serviceContext(actorFor(owner));
  const { experiment, flag } = await makeExperiment(owner, { name, team: owner.team });
  const submitted = await runLifecycleAction(ctx, { action: "submit", key: experiment.key, designVersion: experiment.designVersion });
  await runLifecycleAction(ctx, { action: "launch", key: experiment.key, designVersion: submitted.designVersion, exposurePercentage: 5 });
  return { key: experiment.key, flagKey: flag.key, name };
}

async function expiredFlag() {
  const owner = await experimenter();
  const key = uniqueKey("overdue");
  const expiresAt = daysAgo(EXPIRED_DAYS_AGO);
  await makeFlagsQuickly([{ key, name: "E2E overdue banner", ownerId: owner.id, expiresAt, enabledIn: ["staging"] }]);
  // makeFlagsQuickly switches it on at 100 %: bring staging down so that raising the rollout is a ramp-up,
  // and publish the snapshots it skips (as every service change does), so OFREP serves what the page shows
  await inTransaction(getDb(), async (tx) => {
    const flag = (await findFlagByKey(tx, key))!;
    const staging = flag.environments.find((e) => e.environmentKey === "staging")!;
    if (!(await updateFlagEnvironmentConfig(tx, staging.id, staging.version, { enabled: true, rolloutPercentage: EXPIRED_ROLLOUT }))) throw new Error(`could not set ${key}'s rollout`);
    await publishAllSnapshots(tx, new Date());
  });
  return { flagKey: key, expiresAt: expiresAt.toISOString(), rolloutPercentage: EXPIRED_ROLLOUT };
}

async function expiredExperiment() {
  const made = await running("Overdue ramp demo");
  const expiresAt = daysAgo(EXPIRED_DAYS_AGO);
  // only the expiry changes, which no snapshot carries
  await getDb().flag.update({ where: { key: made.flagKey }, data: { expiresAt } });
  return { ...made, expiresAt: expiresAt.toISOString() };
}

async function main() {
  const kind = process.argv[2];
  const made =
    kind === "running" ? await running("Cleanup demo") : kind === "expired-flag" ? await expiredFlag() : kind === "expired-experiment" ? await expiredExperiment() : null;
  if (!made) throw new Error("usage: tsx e2e/cleanup-setup.ts running|expired-flag|expired-experiment");
  console.log(JSON.stringify(made));
  await getDb().$disconnect();
}

void main();
