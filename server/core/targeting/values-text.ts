/**
 * The condition editor's values field: the text a person types ("DE, FR", "4.99", "1.4.0") to and
 * from a condition's typed `values`. Pure, so the editor's parsing is unit-tested.
 *
 * - Several values are separated by commas; surrounding spaces are dropped, empty items ignored.
 * - gt/gte/lt/lte parse numbers; text that is not a number stays text, so validateCondition (and
 *   the server) refuse it at the field with a message naming it.
 * - equals/not_equals/in/not_in compare strictly ("1" ≠ 1), so the editor asks which kind of
 *   value is meant: text (default), number, or true/false.
 * - exists/not_exists take no values; *_segment values are segment keys (chosen from a list).
 */
import type { ConditionValue, Operator } from "../evaluation/snapshot-format";
import { isNumericOperator, isSegmentOperator, valueArity } from "./describe";

export type ValueKind = "text" | "number" | "boolean";

export const VALUE_KIND_LABELS: Record<ValueKind, string> = { text: "text", number: "number", boolean: "true/false" };

/** Operators whose values may be text, numbers or booleans (strict equality): the editor shows a kind select. */
export function takesValueKind(operator: Operator): boolean {
  return operator === "equals" || operator === "not_equals" || operator === "in" || operator === "not_in";
}

export function splitValuesText(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function parseNumber(item: string): ConditionValue {
  const n = Number(item);
  return item.trim() !== "" && Number.isFinite(n) ? n : item;
}

function parseBoolean(item: string): ConditionValue {
  const lower = item.toLowerCase();
  return lower === "true" ? true : lower === "false" ? false : item;
}

/** The values a typed text means for this operator (and, for equals/in, this kind of value). */
export function parseValuesText(text: string, operator: Operator, kind: ValueKind = "text"): ConditionValue[] {
  if (valueArity(operator) === "none") return [];
  // A single value (e.g. a version or a number) is not split on commas: "1,5" stays one value the server names.
  const items = valueArity(operator) === "one" ? (text.trim() === "" ? [] : [text.trim()]) : splitValuesText(text);
  if (isNumericOperator(operator)) return items.map(parseNumber);
  if (takesValueKind(operator)) {
    if (kind === "number") return items.map(parseNumber);
    if (kind === "boolean") return items.map(parseBoolean);
  }
  if (isSegmentOperator(operator)) return items;
  return items;
}

/** The text shown for existing values. */
export function formatValuesText(values: readonly ConditionValue[]): string {
  return values.map(String).join(", ");
}

/** The kind existing values have (text when mixed or empty). */
export function inferValueKind(values: readonly ConditionValue[]): ValueKind {
  if (values.length > 0 && values.every((v) => typeof v === "number")) return "number";
  if (values.length > 0 && values.every((v) => typeof v === "boolean")) return "boolean";
  return "text";
}

export function sameValues(a: readonly ConditionValue[], b: readonly ConditionValue[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
