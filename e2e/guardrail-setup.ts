/**
 * Test data for e2e/guardrails.spec.ts, made through the services on the e2e database (the demo's
 * own running experiments are left to the other journeys): experiments of the demo experimenter on
 * fresh flags in staging. Prints their keys as JSON.
 *   running: launched and ramped to 100 %; its rules are pre-filled from its error-rate failure metric
 *   ramping: launched at 5 %, measuring revenue (no reliability metric, so only the security rule)
 */
import { actorFor, experimentContent, makeExperiment, serviceContext } from "../prisma/factories";
import { getDb } from "../server/db/client";
import { findUserByEmail } from "../server/db/users";
import { runLifecycleAction } from "../server/services/experiments/run-lifecycle-action";
import { rampStraightToPlanned } from "../server/services/guardrails/ramp-to-planned";

async function launched(kind: "running" | "ramping") {
  const user = (await findUserByEmail(getDb(), "experimenter@keel.local"))!;
  const owner = { id: user.id, email: user.email, roles: user.roles, team: user.team };
  const ctx = serviceContext(actorFor(owner));
  const base = experimentContent("unused");
  const failureMetrics = kind === "running" ? ["error-rate"] : ["revenue-per-user"];
  const { experiment, flag } = await makeExperiment(owner, {
    name: kind === "running" ? "Guardrail demo" : "Ramp demo",
    team: user.team,
    hypothesis: { ...base.hypothesis!, failureMetrics },
    design: { ...base.design!, exposurePercentage: kind === "running" ? 100 : 50 },
  });
  const approved = await runLifecycleAction(ctx, { action: "submit", key: experiment.key, designVersion: experiment.designVersion });
  await runLifecycleAction(ctx, { action: "launch", key: experiment.key, designVersion: approved.designVersion, exposurePercentage: 5 });
  if (kind === "running") await rampStraightToPlanned(ctx, experiment.key);
  return { key: experiment.key, flagKey: flag.key };
}

async function main() {
  const kind = process.argv[2];
  if (kind !== "running" && kind !== "ramping") throw new Error("usage: tsx e2e/guardrail-setup.ts running|ramping");
  console.log(JSON.stringify(await launched(kind)));
  await getDb().$disconnect();
}

void main();
