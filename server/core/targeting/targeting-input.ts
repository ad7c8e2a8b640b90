/**
 * A flag's targeting in one environment, as people edit it: individual targets (unit ids that
 * always get a variation) and an ordered list of rules. Saved as one change with an optimistic
 * version check. Shape checks are zod; the checks that need the flag (its variations) and the
 * workspace (its segments) are in `checkTargeting`, which names the field of every problem.
 */
import { z } from "zod";
import { keySchema } from "../keys";
import { AppError, type FieldErrors } from "../errors";
import { validateCondition } from "../evaluation/conditions";
import { conditionSchema, type Rule, type SnapshotFlag } from "../evaluation/snapshot-format";

export const MAX_RULES = 50;
export const MAX_CONDITIONS_PER_RULE = 20;
/** individual targets per flag and environment, all variations together */
export const MAX_TARGETS = 10_000;
/** weights of a rollout are in basis points: 10,000 = 100 % */
export const WEIGHT_TOTAL = 10_000;

export type Targets = SnapshotFlag["targets"];

const unitId = z.string().trim().min(1, "A unit id cannot be empty.").max(512, "A unit id must be at most 512 characters.");

const rolloutInput = z.object({
  percentage: z
    .number({ error: "Rollout percentage must be a number from 0 to 100." })
    .min(0, "Rollout percentage must be between 0 and 100.")
    .max(100, "Rollout percentage must be between 0 and 100."),
  weights: z
    .array(z.object({ variation: z.string().min(1, "Choose a variation."), weight: z.number().int("Weights are whole basis points.").min(0, "A weight cannot be negative.") }))
    .min(1, "A rollout needs at least one variation."),
});

const ruleInput = z.object({
  id: z.string().trim().min(1, "A rule needs an id.").max(64, "A rule id must be at most 64 characters."),
  description: z.string().trim().max(200, "A rule description must be at most 200 characters.").optional(),
  match: z.enum(["all", "any"], { error: () => "Match must be “all” or “any”." }),
  conditions: z
    .array(conditionSchema)
    .min(1, "A rule needs at least one condition.")
    .max(MAX_CONDITIONS_PER_RULE, `A rule can have at most ${MAX_CONDITIONS_PER_RULE} conditions.`),
  serve: z.union([z.object({ variation: z.string().min(1, "Choose the variation this rule serves.") }).strict(), z.object({ rollout: rolloutInput }).strict()], {
    error: () => "A rule serves either one variation or a percentage rollout.",
  }),
});

export const updateTargetingInput = z.object({
  flagKey: keySchema("Flag key"),
  environmentKey: keySchema("Environment key"),
  /** the configuration version the editor started from */
  version: z.number({ error: "Version is required: reload the flag and try again." }).int(),
  rules: z.array(ruleInput).max(MAX_RULES, `A flag can have at most ${MAX_RULES} rules per environment.`),
  targets: z.array(z.object({ variation: z.string().min(1, "Choose a variation."), values: z.array(unitId) })),
});
export type UpdateTargetingInput = z.input<typeof updateTargetingInput>;
export type ParsedTargeting = z.infer<typeof updateTargetingInput>;

/**
 * Checks targeting against the flag's variations and the workspace's segments and returns it
 * normalised (target ids deduplicated, empty target lists dropped). Throws one BAD_INPUT error
 * listing every problem by field ("rules.1.conditions.0.values", "targets.0.values").
 */
export function checkTargeting(
  input: Pick<ParsedTargeting, "rules" | "targets">,
  context: { variationKeys: readonly string[]; segmentKeys: readonly string[] },
): { rules: Rule[]; targets: Targets } {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const variations = new Set(context.variationKeys);
  const segments = new Set(context.segmentKeys);
  const known = (key: string) => variations.has(key);
  const variationList = context.variationKeys.join(", ");

  const ruleIds = new Map<string, number>();
  input.rules.forEach((rule, r) => {
    const at = `rules.${r}`;
    const first = ruleIds.get(rule.id);
    if (first !== undefined) add(`${at}.id`, `Rule id “${rule.id}” is used by rule ${first + 1} too; rule ids must be unique.`);
    else ruleIds.set(rule.id, r);
    rule.conditions.forEach((condition, c) => {
      const problem = validateCondition(condition);
      if (problem) add(`${at}.conditions.${c}.values`, problem);
      if (condition.operator === "in_segment" || condition.operator === "not_in_segment") {
        const unknown = condition.values.filter((v) => !segments.has(String(v)));
        if (unknown.length > 0) add(`${at}.conditions.${c}.values`, `Segment ${unknown.map((u) => `“${String(u)}”`).join(", ")} does not exist; create it on the Segments page first.`);
      }
    });
    if ("variation" in rule.serve) {
      if (!known(rule.serve.variation)) add(`${at}.serve.variation`, `Variation “${rule.serve.variation}” is not one of this flag's variations (${variationList}).`);
    } else {
      checkRollout(rule.serve.rollout, `${at}.serve.rollout`, known, variationList, add);
    }
  });

  const owner = new Map<string, string>();
  let total = 0;
  const targets: Targets = [];
  input.targets.forEach((target, t) => {
    const at = `targets.${t}`;
    if (!known(target.variation)) add(`${at}.variation`, `Variation “${target.variation}” is not one of this flag's variations (${variationList}).`);
    const values = [...new Set(target.values)];
    for (const id of values) {
      const other = owner.get(id);
      if (other !== undefined && other !== target.variation) add(`${at}.values`, `Unit “${id}” is already a target of variation “${other}”; a unit can be the target of one variation only.`);
      owner.set(id, target.variation);
    }
    total += values.length;
    if (values.length > 0) targets.push({ variation: target.variation, values });
  });
  if (total > MAX_TARGETS) add("targets", `At most ${MAX_TARGETS.toLocaleString("en")} individual targets per flag and environment (got ${total.toLocaleString("en")}); use a segment for larger groups.`);

  const fields = Object.keys(errors);
  if (fields.length > 0) {
    const summary = [...new Set(fields.map((f) => errors[f]![0]))].join(" ");
    throw new AppError("BAD_INPUT", summary, errors);
  }
  const rules: Rule[] = input.rules.map((rule) => ({
    id: rule.id,
    ...(rule.description ? { description: rule.description } : {}),
    match: rule.match,
    conditions: rule.conditions,
    serve: rule.serve,
  }));
  return { rules, targets };
}

function checkRollout(
  rollout: { percentage: number; weights: { variation: string; weight: number }[] },
  at: string,
  known: (key: string) => boolean,
  variationList: string,
  add: (field: string, message: string) => void,
) {
  if (Math.abs(rollout.percentage * 100 - Math.round(rollout.percentage * 100)) > 1e-6) {
    add(`${at}.percentage`, "Rollout percentage allows at most two decimals (e.g. 2.5).");
  }
  const seen = new Set<string>();
  rollout.weights.forEach((w, i) => {
    if (!known(w.variation)) add(`${at}.weights.${i}.variation`, `Variation “${w.variation}” is not one of this flag's variations (${variationList}).`);
    if (seen.has(w.variation)) add(`${at}.weights.${i}.variation`, `Variation “${w.variation}” is listed twice in this rollout.`);
    seen.add(w.variation);
  });
  const sum = rollout.weights.reduce((s, w) => s + w.weight, 0);
  if (sum !== WEIGHT_TOTAL) add(`${at}.weights`, `Variation weights must add up to 100 % (they add up to ${formatPercent(sum)}).`);
}

function formatPercent(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString("en", { maximumFractionDigits: 2 })} %`;
}
