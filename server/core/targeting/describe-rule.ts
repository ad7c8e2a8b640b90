import type { Rule, Serve } from "../evaluation/snapshot-format";
import { describeConditions } from "./describe";

type Named = { key: string; name: string };

/** "On", or "20 % rollout" / "50 % rollout: Control 50 %, Treatment 50 %". */
export function describeServe(serve: Serve, variations: readonly Named[]): string {
  const name = (key: string) => variations.find((v) => v.key === key)?.name ?? key;
  if ("variation" in serve) return name(serve.variation);
  const { percentage, weights } = serve.rollout;
  const served = weights.filter((w) => w.weight > 0);
  const split = served.length === 1 ? ` of ${name(served[0]!.variation)}` : `: ${served.map((w) => `${name(w.variation)} ${w.weight / 100} %`).join(", ")}`;
  return `${percentage} % rollout${split}`;
}

/** A rule as one line: "country is one of DE or FR → 20 % rollout of On". */
export function describeRule(rule: Pick<Rule, "conditions" | "match" | "serve">, variations: readonly Named[], segments: readonly Named[] = []): string {
  return `${describeConditions(rule.conditions, rule.match, segments)} → ${describeServe(rule.serve, variations)}`;
}
