import { beforeAll, describe, expect, it } from "vitest";
import { actorFor, ensureDefaultEnvironments, ensureTestMetrics, experimentContent, makeExperiment, makeMember, serviceContext, TEST_METRICS, uniqueKey } from "../../../prisma/factories";
import { getDb } from "../../db/client";
import { rejection } from "../../test/rejection";
import { createMetric } from "../metrics/save-metric";
import { decideApproval } from "./decide-approval";
import { allExperimentDocuments, experimentDocument } from "./experiment-document";
import { runLifecycleAction } from "./run-lifecycle-action";
import { updateExperiment } from "./update-experiment";
import { archiveFlag } from "../flags/archive-flag";
import { findExperimentByKey } from "../../db/experiments";

type Member = Awaited<ReturnType<typeof makeMember>>;
let author: Member;
let pricingApprover: Member;
let admin: Member;
let conversionKey: string;
let latencyKey: string;

const as = (member: Member) => serviceContext(actorFor(member));
const ctx = () => ({ db: getDb() });
const day = (d: Date | null) => d!.toISOString().slice(0, 10);

beforeAll(async () => {
  await ensureDefaultEnvironments();
  await ensureTestMetrics();
  author = await makeMember(["experimenter"], "growth");
  pricingApprover = await makeMember(["pricing_approver"]);
  admin = await makeMember(["admin"]);
  conversionKey = uniqueKey("plan-upgrades");
  latencyKey = uniqueKey("checkout-latency");
  await createMetric(as(admin), { key: conversionKey, name: "Plan upgrades", kind: "conversion", direction: "increase", eventName: "plan_upgraded" });
  await createMetric(as(admin), { key: latencyKey, name: "Checkout latency", kind: "latency", direction: "decrease", eventName: "checkout_latency", guardrailThreshold: 0.1 });
});

describe("experiment documents", () => {
  it("documents a decided experiment from the database: owner, hypothesis, named metrics, approvals, dates, decision and outcome", async () => {
    const { experiment, flag } = await makeExperiment(author, { type: "pricing" });
    const base = experimentContent(flag.key, { team: "growth", type: "pricing", name: "Annual plan discount" });
    const saved = await updateExperiment(as(author), {
      key: experiment.key,
      designVersion: experiment.designVersion,
      content: {
        ...base,
        hypothesis: { ...base.hypothesis!, successMetrics: [conversionKey], failureMetrics: [TEST_METRICS.failure] },
        design: { ...base.design!, guardrailMetrics: [latencyKey] },
      },
    });
    const inReview = await runLifecycleAction(as(author), { action: "submit", key: saved.key, designVersion: saved.designVersion });
    const approved = await decideApproval(as(pricingApprover), {
      approvalId: inReview.approvals[0]!.id,
      decision: "approve",
      designVersion: inReview.designVersion,
      comment: "Within the discount policy | cap at 10 %\nsecond line",
    });
    await runLifecycleAction(as(author), { action: "launch", key: saved.key, designVersion: approved.designVersion, exposurePercentage: 5 });
    await runLifecycleAction(as(author), { action: "stop", key: saved.key, decision: "kill", rationale: "Upgrades did not move.", outcome: "Discounts alone do not sell annual plans." });
    // a kill is cleaned up by archiving its flag (here without a scan: an admin override)
    await archiveFlag(as(admin), { flagKey: flag.key, overrideReason: "Code removed in PR 42, scan pending." });
    const done = (await findExperimentByKey(getDb(), saved.key))!;

    const { fileName, markdown } = await experimentDocument(ctx(), saved.key);
    expect(fileName).toBe(`${saved.key}.md`);
    expect(markdown).toMatch(new RegExp(`^---\\nkey: ${saved.key}\\nname: "Annual plan discount"\\ntype: pricing\\nstate: cleaned_up\\nowner: ${author.email}\\n`));
    expect(markdown).toContain(`start_date: ${day(done.startedAt)}\nend_date: ${day(done.endedAt)}\n---\n`);
    for (const text of [
      "# Annual plan discount",
      `## Owner\n\n${author.name} <${author.email}>, team growth`,
      "### Problem statement\n\nUsers abandon checkout at the payment step.",
      "### Expected outcome\n\nClearer copy raises completed checkouts by 5 %.",
      `### Success metrics\n\n- Plan upgrades (${conversionKey})`,
      `### Failure metrics\n\n- ${TEST_METRICS.failure} (${TEST_METRICS.failure})`,
      "### Rollback plan\n\nDisable the flag; users get the control at once.",
      "| Variations and weights | off 50 % (control), on 50 % |",
      `| Guardrail metrics | Checkout latency (${latencyKey}) |`,
      "Policy: Needs a pricing approval before launch.",
      `| Pricing approval | ${approved.designVersion} | approved | ${author.email} | ${pricingApprover.email} | ${day(approved.approvals[0]!.decidedAt)} | Within the discount policy \\| cap at 10 %<br>second line |`,
      `- Created: ${day(done.createdAt)}`,
      `- Submitted: ${day(done.submittedAt)}`,
      `- Start date: ${day(done.startedAt)}`,
      `- Planned end: ${day(done.plannedEndAt)}`,
      `- End date: ${day(done.endedAt)}`,
      `- Cleaned up: ${day(done.cleanedUpAt)}`,
      `**Kill** — decided by ${author.email} on ${day(done.decidedAt)}`,
      "Rationale: Upgrades did not move.",
      "## Outcome\n\nDiscounts alone do not sell annual plans.\n",
    ]) {
      expect(markdown).toContain(text);
    }
  });

  it("is stable until the experiment changes, and lists every experiment for docs pull", async () => {
    const { experiment, flag } = await makeExperiment(author);
    const first = await experimentDocument(ctx(), experiment.key);
    expect((await experimentDocument(ctx(), experiment.key)).markdown).toBe(first.markdown);
    expect(first.markdown).toContain("Not decided yet.");

    const base = experimentContent(flag.key, { team: "growth" });
    await updateExperiment(as(author), { key: experiment.key, designVersion: experiment.designVersion, content: { ...base, hypothesis: { ...base.hypothesis!, rollbackPlan: "Turn the flag off in staging." } } });
    const edited = await experimentDocument(ctx(), experiment.key);
    expect(edited.markdown).not.toBe(first.markdown);
    expect(edited.markdown).toContain("### Rollback plan\n\nTurn the flag off in staging.");

    const all = await allExperimentDocuments(ctx());
    const fileNames = all.map((f) => f.fileName);
    expect(new Set(fileNames).size).toBe(fileNames.length);
    expect(all.find((f) => f.fileName === `${experiment.key}.md`)).toEqual(edited);
  });

  it("says which key does not exist", async () => {
    const error = await rejection(experimentDocument(ctx(), "no-such-experiment"));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe("Experiment “no-such-experiment” does not exist.");
  });
});
