import type { RuleVerdict } from "../../core/guardrails/check-guardrails";
import { inTransaction, type Db } from "../../db/client";
import { findExperimentById, updateExperimentState } from "../../db/experiments";
import { appendAuditEntry } from "../../db/audit-log";
import type { Actor } from "../context";
import { setFlag } from "../experiments/experiment-step";
import { notify } from "../notifications/notify";

/** Keel itself, when a guardrail aborts an experiment. */
export const GUARDRAIL_ACTOR: Actor = { id: null, label: "guardrail monitor", roles: [] };

/** What the experiment page shows about an abort (stored as JSON on the experiment). */
export type AbortDetails = Pick<RuleVerdict, "rule" | "label" | "metricKey" | "variation" | "summary" | "figures"> & { at: string };

/**
 * Aborts a running experiment because a guardrail breached, in one transaction: the experiment
 * becomes aborted with the rule, figures and time; its flag serves the off variation in its
 * environment (a new snapshot revision, picked up by every instance within a second); the abort is
 * audit-logged; the owner and watchers are notified in the app and through the webhook.
 *
 * Exactly once, even with several monitors racing on several instances: the state change is a
 * conditional update from "running", so the first commit wins and every other attempt changes
 * nothing (on PostgreSQL the row lock makes the others wait, then find it aborted). A crash
 * mid-way rolls the whole transaction back, and the next pass tries again.
 * Returns whether this call aborted it.
 */
export async function abortOnBreach(db: Db, experimentId: string, breach: RuleVerdict, now: Date): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const experiment = await findExperimentById(tx, experimentId);
    if (!experiment || experiment.state !== "running") return false;
    const details: AbortDetails = {
      rule: breach.rule,
      label: breach.label,
      metricKey: breach.metricKey,
      variation: breach.variation,
      summary: breach.summary,
      figures: breach.figures,
      at: now.toISOString(),
    };
    const reason = `Guardrail “${breach.label}” breached: ${breach.summary}`;
    if (!(await updateExperimentState(tx, experiment.id, "running", "aborted", { abortReason: reason, abortDetails: JSON.stringify(details), endedAt: now }))) {
      return false;
    }
    await appendAuditEntry(tx, {
      actor: GUARDRAIL_ACTOR,
      action: "experiment.aborted_by_guardrail",
      entityType: "experiment",
      entityId: experiment.id,
      entityKey: experiment.key,
      before: { state: "running" },
      after: { state: "aborted", reason, guardrail: details },
      at: now,
    });
    await setFlag({ tx, actor: GUARDRAIL_ACTOR, experiment, now, next: "aborted" }, (rules, _off, current) => ({ ...current, rules, enabled: false }));
    await notify(
      tx,
      {
        recipientIds: [experiment.owner.id, ...experiment.watcherIds],
        kind: "experiment.aborted",
        title: `${experiment.content.name} was aborted by a guardrail`,
        body: `${reason} Users get the off variation in ${experiment.environment.name}.`,
        link: `/experiments/${experiment.key}`,
      },
      now,
    );
    return true;
  });
}
