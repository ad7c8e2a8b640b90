/**
 * Demo data for trying Keel locally: environments, one member per role, a few flags and
 * metric definitions. Idempotent: what exists already is left alone. Writes go through the
 * services, so the audit log tells the story like any other change.
 */
import { addDays } from "date-fns";
import type { Role } from "../core/access/roles";
import { DEFAULT_ENVIRONMENTS } from "../core/environments/environment-input";
import type { CreateFlagInput } from "../core/flags/flag-input";
import { inTransaction } from "../db/client";
import { appendAuditEntry } from "../db/audit-log";
import { findEnvironmentByKey } from "../db/environments";
import { findFlagByKey } from "../db/flags";
import { findMetricByKey, insertMetricDefinition, type MetricDefinitionInput } from "../db/metrics";
import { findUserByEmail } from "../db/users";
import { SYSTEM_ACTOR, type ServiceContext } from "./context";
import { createEnvironment } from "./environments/create-environment";
import { createFlag } from "./flags/create-flag";
import { updateFlagEnvironment } from "./flags/update-flag-environment";
import { createMember } from "./members/create-member";
import { createExperiment } from "./experiments/create-experiment";
import { updateExperiment } from "./experiments/update-experiment";
import { rampStraightToPlanned } from "./guardrails/ramp-to-planned";
import { runLifecycleAction } from "./experiments/run-lifecycle-action";
import { findExperimentByKey } from "../db/experiments";
import type { ExperimentContentInput } from "../core/experiments/experiment-input";

/** For local use only; printed in the README. */
export const DEMO_PASSWORD = "keel-demo-password";

export const DEMO_MEMBERS: { email: string; name: string; roles: Role[]; team?: string }[] = [
  { email: "admin@keel.local", name: "Ada Admin", roles: ["admin"] },
  { email: "experimenter@keel.local", name: "Eli Experimenter", roles: ["experimenter"], team: "growth" },
  { email: "viewer@keel.local", name: "Vera Viewer", roles: ["viewer"] },
  { email: "pricing@keel.local", name: "Priya Pricing", roles: ["pricing_approver"] },
  { email: "security@keel.local", name: "Sam Security", roles: ["security_reviewer"] },
];

const DEMO_METRICS: MetricDefinitionInput[] = [
  { key: "checkout-conversion", name: "Checkout conversion", description: "Share of users who complete a purchase.", kind: "conversion", direction: "increase", eventName: "checkout_completed", unit: "" },
  { key: "videos-localised", name: "Videos localised per user", description: "Engagement: localisation jobs started per user.", kind: "count", direction: "increase", eventName: "localisation_started", unit: "jobs" },
  { key: "week-1-retention", name: "Week-1 retention", description: "Share of users active again 7 days after first exposure.", kind: "retention", direction: "increase", eventName: "session_started", unit: "" },
  { key: "error-rate", name: "Error rate", description: "Share of requests answered with a 5xx.", kind: "error_rate", direction: "decrease", eventName: "request_failed", denominatorEventName: "request_served", unit: "" },
  { key: "p95-latency", name: "p95 page latency", description: "Performance impact on page loads.", kind: "latency", direction: "decrease", eventName: "page_loaded", unit: "ms" },
  { key: "revenue-per-user", name: "Revenue per user", description: "Billing revenue per exposed user.", kind: "revenue", direction: "increase", eventName: "invoice_paid", unit: "USD" },
];

/** A complete draft a new user can submit, approve and launch (README "Try it"). */
const DEMO_EXPERIMENT: { key: string; content: ExperimentContentInput & { type: "ux_copy" } } = {
  key: "upload-cta-copy-test",
  content: {
    name: "Upload button copy test",
    type: "ux_copy",
    flagKey: "upload-cta-copy",
    environmentKey: "staging",
    team: "growth",
    hypothesis: {
      problemStatement: "Many visitors reach the upload page but leave without starting a localisation.",
      expectedOutcome: "“Localise your video now” raises localisations started per user by 5 %.",
      successMetrics: ["videos-localised"],
      failureMetrics: ["error-rate"],
      rollbackPlan: "Disable the experiment: everyone sees “Upload video” again at once.",
    },
    design: {
      controlVariation: "control",
      weights: { control: 50, "localise-now": 50 },
      segmentKey: null,
      exposurePercentage: 50,
      plannedDurationDays: 14,
      guardrailMetrics: ["p95-latency"],
      alpha: 0.05,
      power: 0.8,
      minDetectableEffect: 0.05,
      baselineRate: 0.2,
      expectedDailyUnits: 20_000,
    },
    sensitivity: { confirmsNoSecurityChange: true },
  },
};

/** A/B tests that run in staging from the start, so `keel simulate` moves a dashboard at once (README "Try it"). */
function runningDemo(key: string, flagKey: string, name: string, problemStatement: string, expectedOutcome: string): { key: string; content: ExperimentContentInput } {
  return {
    key,
    content: {
      name,
      type: "ab_test",
      flagKey,
      environmentKey: "staging",
      team: "growth",
      hypothesis: {
        problemStatement,
        expectedOutcome,
        successMetrics: ["checkout-conversion"],
        failureMetrics: ["error-rate"],
        rollbackPlan: "Disable the experiment: everyone gets the current version at once.",
      },
      design: {
        controlVariation: "off",
        weights: { off: 50, on: 50 },
        segmentKey: null,
        exposurePercentage: 100,
        plannedDurationDays: 14,
        guardrailMetrics: ["p95-latency"],
        alpha: 0.05,
        power: 0.8,
        minDetectableEffect: 0.2,
        baselineRate: 0.1,
        expectedDailyUnits: 5_000,
      },
      sensitivity: { confirmsNoSecurityChange: true },
    },
  };
}

const RUNNING_DEMOS = [
  runningDemo(
    "checkout-button-test",
    "checkout-button",
    "Checkout button redesign",
    "The checkout button is easy to miss on small screens.",
    "A full-width button raises checkout conversion by 20 %.",
  ),
  runningDemo(
    "search-ranking-test",
    "search-ranking",
    "Search ranking by recency",
    "Users scroll past stale results before they find recent videos.",
    "Ranking recent videos first raises checkout conversion by 20 %.",
  ),
];

/** A decided demo (killed), so the Cleanup page shows a decision's task from the start. */
const DECIDED_DEMO = runningDemo(
  "autoplay-preview-test",
  "autoplay-preview",
  "Autoplay previews on hover",
  "Users do not know what a video is about before opening it.",
  "Playing a muted preview on hover raises checkout conversion by 20 %.",
);

export async function seedDemoWorkspace(ctx: Omit<ServiceContext, "actor">): Promise<string[]> {
  const done: string[] = [];
  const system = { ...ctx, actor: SYSTEM_ACTOR };

  for (const env of DEFAULT_ENVIRONMENTS) {
    if (await findEnvironmentByKey(ctx.db, env.key)) continue;
    await createEnvironment(system, { key: env.key, name: env.name, isProduction: env.isProduction });
    done.push(`environment ${env.key}`);
  }
  for (const member of DEMO_MEMBERS) {
    if (await findUserByEmail(ctx.db, member.email)) continue;
    await createMember(system, { ...member, password: DEMO_PASSWORD });
    done.push(`member ${member.email}`);
  }
  for (const metric of DEMO_METRICS) {
    if (await findMetricByKey(ctx.db, metric.key)) continue;
    await inTransaction(ctx.db, async (tx) => {
      const created = await insertMetricDefinition(tx, metric);
      await appendAuditEntry(tx, {
        actor: SYSTEM_ACTOR,
        action: "metric.created",
        entityType: "metric",
        entityId: created.id,
        entityKey: created.key,
        after: metric,
        at: ctx.now(),
      });
    });
    done.push(`metric ${metric.key}`);
  }

  const experimenter = await findUserByEmail(ctx.db, "experimenter@keel.local");
  const asExperimenter = { ...ctx, actor: { id: experimenter?.id ?? null, label: experimenter?.email ?? "system", roles: experimenter?.roles ?? [] } };
  const expiry = (days: number) => addDays(ctx.now(), days).toISOString();
  const flags: CreateFlagInput[] = [
    { key: "new-checkout", name: "New checkout flow", description: "One-page checkout replacing the three-step flow.", valueType: "boolean", expiresAt: expiry(60) },
    { key: "subtitle-editor-v2", name: "Subtitle editor v2", description: "Gradual rollout of the rewritten subtitle editor.", valueType: "boolean", expiresAt: expiry(45) },
    {
      key: "upload-cta-copy",
      name: "Upload button copy",
      description: "UX copy test for the upload call to action.",
      valueType: "string",
      variations: [
        { key: "control", name: "Control", value: "Upload video" },
        { key: "localise-now", name: "Localise now", value: "Localise your video now" },
      ],
      offVariationKey: "control",
      expiresAt: expiry(30),
    },
    { key: "checkout-button", name: "Checkout button", description: "Full-width checkout button on small screens.", valueType: "boolean", expiresAt: expiry(30) },
    { key: "search-ranking", name: "Search ranking", description: "Rank recent videos first in search.", valueType: "boolean", expiresAt: expiry(30) },
    { key: "autoplay-preview", name: "Autoplay preview", description: "Muted video preview on hover.", valueType: "boolean", expiresAt: expiry(30) },
  ];
  for (const flag of flags) {
    if (await findFlagByKey(ctx.db, flag.key)) continue;
    await createFlag(asExperimenter, { ...flag, ownerId: experimenter?.id });
    done.push(`flag ${flag.key}`);
  }
  if (done.includes("flag subtitle-editor-v2")) {
    await updateFlagEnvironment(asExperimenter, { flagKey: "subtitle-editor-v2", environmentKey: "development", enabled: true, rolloutPercentage: 100 });
    await updateFlagEnvironment(asExperimenter, { flagKey: "subtitle-editor-v2", environmentKey: "staging", enabled: true, rolloutPercentage: 5 });
  }
  if (experimenter && !(await findExperimentByKey(ctx.db, DEMO_EXPERIMENT.key))) {
    const draft = await createExperiment(asExperimenter, { key: DEMO_EXPERIMENT.key, name: DEMO_EXPERIMENT.content.name, type: DEMO_EXPERIMENT.content.type, flagKey: "upload-cta-copy", environmentKey: "staging" });
    await updateExperiment(asExperimenter, { key: draft.key, designVersion: draft.designVersion, content: DEMO_EXPERIMENT.content });
    done.push(`experiment ${DEMO_EXPERIMENT.key}`);
  }
  for (const demo of RUNNING_DEMOS) {
    if (!experimenter || (await findExperimentByKey(ctx.db, demo.key))) continue;
    const draft = await createExperiment(asExperimenter, { key: demo.key, name: demo.content.name ?? demo.key, type: "ab_test", flagKey: demo.content.flagKey ?? "", environmentKey: "staging" });
    const saved = await updateExperiment(asExperimenter, { key: draft.key, designVersion: draft.designVersion, content: demo.content });
    const approved = await runLifecycleAction(asExperimenter, { action: "submit", key: saved.key, designVersion: saved.designVersion });
    await runLifecycleAction(asExperimenter, { action: "launch", key: saved.key, designVersion: approved.designVersion, exposurePercentage: 5 });
    await rampStraightToPlanned(asExperimenter, saved.key);
    done.push(`running experiment ${demo.key}`);
  }
  if (experimenter && !(await findExperimentByKey(ctx.db, DECIDED_DEMO.key))) {
    const demo = DECIDED_DEMO;
    const draft = await createExperiment(asExperimenter, { key: demo.key, name: demo.content.name ?? demo.key, type: "ab_test", flagKey: demo.content.flagKey ?? "", environmentKey: "staging" });
    const saved = await updateExperiment(asExperimenter, { key: draft.key, designVersion: draft.designVersion, content: demo.content });
    const approved = await runLifecycleAction(asExperimenter, { action: "submit", key: saved.key, designVersion: saved.designVersion });
    await runLifecycleAction(asExperimenter, { action: "launch", key: saved.key, designVersion: approved.designVersion, exposurePercentage: 5 });
    await runLifecycleAction(asExperimenter, {
      action: "stop",
      key: saved.key,
      decision: "kill",
      rationale: "Previews distracted users from the video they had opened; sessions got shorter.",
      outcome: "Hover previews cost attention: keep thumbnails static.",
    });
    done.push(`decided experiment ${demo.key}`);
  }
  return done;
}
