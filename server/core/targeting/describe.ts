/**
 * Plain-language descriptions of targeting conditions ("country is one of DE, FR"), shared by the
 * condition editor, the segments list and (later) flag rules. Pure: no React, no I/O.
 */
import type { Condition, ConditionValue, Operator } from "../evaluation/snapshot-format";

/** Readable operator labels, as the condition editor's operator select shows them. */
export const OPERATOR_LABELS: Record<Operator, string> = {
  equals: "is",
  not_equals: "is not",
  in: "is one of",
  not_in: "is not one of",
  contains: "contains",
  starts_with: "starts with",
  ends_with: "ends with",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  semver_eq: "version =",
  semver_gt: "version >",
  semver_gte: "version ≥",
  semver_lt: "version <",
  semver_lte: "version ≤",
  exists: "exists",
  not_exists: "does not exist",
  in_segment: "is in segment",
  not_in_segment: "is not in segment",
};

/** How many values an operator takes: exactly one, at least one, or none. */
export type ValueArity = "one" | "many" | "none";

export function valueArity(operator: Operator): ValueArity {
  switch (operator) {
    case "exists":
    case "not_exists":
      return "none";
    case "equals":
    case "not_equals":
    case "gt":
    case "gte":
    case "lt":
    case "lte":
    case "semver_eq":
    case "semver_gt":
    case "semver_gte":
    case "semver_lt":
    case "semver_lte":
      return "one";
    case "in":
    case "not_in":
    case "contains":
    case "starts_with":
    case "ends_with":
    case "in_segment":
    case "not_in_segment":
      return "many";
    default: {
      const exhaustive: never = operator;
      return exhaustive;
    }
  }
}

export function isSegmentOperator(operator: Operator): operator is "in_segment" | "not_in_segment" {
  return operator === "in_segment" || operator === "not_in_segment";
}

export function isNumericOperator(operator: Operator): operator is "gt" | "gte" | "lt" | "lte" {
  return operator === "gt" || operator === "gte" || operator === "lt" || operator === "lte";
}

export function isSemverOperator(operator: Operator): boolean {
  return operator.startsWith("semver_");
}

/** Text values that would read ambiguously (empty, padded, containing a comma) are quoted. */
function showValue(value: ConditionValue): string {
  if (typeof value !== "string") return String(value);
  return value === "" || value !== value.trim() || value.includes(",") ? `“${value}”` : value;
}

/** "country is one of DE, FR"; "user is in segment Beta testers"; "plan exists". */
export function describeCondition(condition: Condition, segments: readonly { key: string; name: string }[] = []): string {
  const { attribute, operator, values } = condition;
  const label = OPERATOR_LABELS[operator] ?? operator;
  if (isSegmentOperator(operator)) {
    const names = values.map((v) => {
      const segment = segments.find((s) => s.key === v);
      return segment ? segment.name || segment.key : showValue(v);
    });
    return `user ${label} ${joinAlternatives(names)}`;
  }
  if (valueArity(operator) === "none") return `${attribute} ${label}`;
  const shown = values.map(showValue);
  if (operator === "contains" || operator === "starts_with" || operator === "ends_with") {
    return shown.length > 1 ? `${attribute} ${label} any of ${shown.join(", ")}` : `${attribute} ${label} ${shown[0] ?? "…"}`;
  }
  return `${attribute} ${label} ${shown.length > 0 ? shown.join(", ") : "…"}`;
}

function joinAlternatives(items: readonly string[]): string {
  if (items.length === 0) return "…";
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)!}`;
}

/**
 * Every condition, joined with "and" (match all) or "or" (match any).
 * No conditions → "no conditions".
 */
export function describeConditions(
  conditions: readonly Condition[],
  match: "all" | "any" = "all",
  segments: readonly { key: string; name: string }[] = [],
): string {
  if (conditions.length === 0) return "no conditions";
  return conditions.map((c) => describeCondition(c, segments)).join(match === "all" ? " and " : " or ");
}
