import { OPERATORS, type Operator } from "@/server/core/evaluation/snapshot-format";
import { OPERATOR_LABELS } from "@/server/core/targeting/describe";

/** Suggestions for the attribute input (any top-level context attribute works). */
export const COMMON_ATTRIBUTES = ["targetingKey", "email", "country", "plan", "appVersion", "platform", "language", "beta", "createdAt"] as const;

/** The operator select, grouped so the list reads in the order people look for them. */
export const OPERATOR_GROUPS: { label: string; operators: Operator[] }[] = [
  { label: "Equality", operators: ["equals", "not_equals", "in", "not_in"] },
  { label: "Text", operators: ["contains", "starts_with", "ends_with"] },
  { label: "Numbers", operators: ["gt", "gte", "lt", "lte"] },
  { label: "Versions", operators: ["semver_eq", "semver_gt", "semver_gte", "semver_lt", "semver_lte"] },
  { label: "Presence", operators: ["exists", "not_exists"] },
  { label: "Segments", operators: ["in_segment", "not_in_segment"] },
];

export function isOperator(value: string): value is Operator {
  return (OPERATORS as readonly string[]).includes(value);
}

export { OPERATOR_LABELS };

/** Placeholder of the values input per operator. */
export function valuesPlaceholder(operator: Operator): string {
  switch (operator) {
    case "in":
    case "not_in":
      return "e.g. DE, FR";
    case "contains":
    case "starts_with":
    case "ends_with":
      return "e.g. @example.com";
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return "e.g. 10";
    case "semver_eq":
    case "semver_gt":
    case "semver_gte":
    case "semver_lt":
    case "semver_lte":
      return "e.g. 1.4.0";
    default:
      return "";
  }
}
