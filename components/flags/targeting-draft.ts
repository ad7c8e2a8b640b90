import type { Rule, Serve } from "@/server/core/evaluation/snapshot-format";
import type { FlagEnvironmentRecord } from "@/server/db/flags";

/** What the targeting editor holds while someone edits one environment. */
export type TargetingDraft = {
  rules: (Rule & { uid: string })[];
  /** variation key → the ids as typed (one per line or comma-separated) */
  targetsText: Record<string, string>;
};

let counter = 0;
/** A rule id that is unique within the flag (stored; shown in the test panel and audit log). */
export function newRuleId(existing: readonly { id: string }[]): string {
  for (;;) {
    counter += 1;
    const id = `rule-${Date.now().toString(36).slice(-4)}${counter}`;
    if (!existing.some((r) => r.id === id)) return id;
  }
}

export function draftFrom(environment: FlagEnvironmentRecord, variationKeys: readonly string[]): TargetingDraft {
  const targetsText: Record<string, string> = Object.fromEntries(variationKeys.map((key) => [key, ""]));
  for (const target of environment.targets) targetsText[target.variation] = target.values.join("\n");
  return { rules: environment.rules.map((rule) => ({ ...rule, uid: rule.id })), targetsText };
}

export function parseIds(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The draft as the server takes it. */
export function toInput(draft: TargetingDraft) {
  return {
    rules: draft.rules.map(({ uid: _uid, ...rule }) => rule),
    targets: Object.entries(draft.targetsText).map(([variation, text]) => ({ variation, values: parseIds(text) })),
  };
}

export function newRule(existing: readonly { id: string }[], firstVariation: string): Rule & { uid: string } {
  const id = newRuleId(existing);
  return { id, uid: id, match: "all", conditions: [{ attribute: "", operator: "in", values: [] }], serve: { variation: firstVariation } };
}

/** Serve as the editor's select shows it: a variation key, or "rollout". */
export function serveChoice(serve: Serve): string {
  return "variation" in serve ? `variation:${serve.variation}` : "rollout";
}
