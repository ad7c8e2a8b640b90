import { estimateDesign } from "../../core/experiments/design-estimate";
import { experimentMarkdown } from "../../core/experiments/experiment-markdown";
import { describePolicy, policyFor } from "../../core/experiments/policy";
import type { Db } from "../../db/client";
import { listExperimentKeys, type ExperimentRecord } from "../../db/experiments";
import { listMetricChoices } from "../../db/metrics";
import type { ServiceContext } from "../context";
import { loadExperiment } from "./experiment-facts";

export type ExperimentFile = { fileName: string; markdown: string };

/** One experiment's Markdown document (the page's "Download Markdown" and `keel docs pull`). */
export async function experimentDocument(ctx: Pick<ServiceContext, "db">, key: string): Promise<ExperimentFile> {
  const [experiment, metricNames] = await Promise.all([loadExperiment(ctx.db, key), metricNamesOf(ctx.db)]);
  return render(experiment, metricNames);
}

export async function allExperimentDocuments(ctx: Pick<ServiceContext, "db">): Promise<ExperimentFile[]> {
  const metricNames = await metricNamesOf(ctx.db);
  const files: ExperimentFile[] = [];
  for (const key of await listExperimentKeys(ctx.db)) files.push(render(await loadExperiment(ctx.db, key), metricNames));
  return files;
}

async function metricNamesOf(db: Db): Promise<Record<string, string>> {
  return Object.fromEntries((await listMetricChoices(db)).map((m) => [m.key, m.name]));
}

function render(e: ExperimentRecord, metricNames: Record<string, string>): ExperimentFile {
  const markdown = experimentMarkdown({
    key: e.key,
    state: e.state,
    designVersion: e.designVersion,
    content: e.content,
    owner: e.owner,
    environmentName: e.environment.name,
    metricNames,
    policySummary: describePolicy(policyFor(e.content)),
    estimate: estimateDesign(e.content.design),
    approvals: e.approvals.map((a) => ({
      kind: a.kind,
      designVersion: a.designVersion,
      status: a.status,
      requester: a.requester.email,
      decider: a.decider?.email ?? null,
      decidedAt: a.decidedAt,
      comment: a.comment,
    })),
    dates: { createdAt: e.createdAt, submittedAt: e.submittedAt, startedAt: e.startedAt, plannedEndAt: e.plannedEndAt, endedAt: e.endedAt, cleanedUpAt: e.cleanedUpAt },
    decision: {
      decision: e.decision,
      rationale: e.decisionRationale,
      outcome: e.outcome,
      decidedBy: e.decidedBy?.email ?? null,
      decidedAt: e.decidedAt,
      overrideReason: e.measurementOverrideReason,
      abortReason: e.abortReason,
    },
  });
  return { fileName: `${e.key}.md`, markdown };
}
