import type { Condition } from "@/server/core/evaluation/snapshot-format";
import { isSegmentOperator } from "@/server/core/targeting/describe";
import { formatValuesText, inferValueKind, parseValuesText, type ValueKind } from "@/server/core/targeting/values-text";

/** What the condition editor keeps per row besides the condition: a stable key, the text being typed, the chosen value kind. */
export type RowDraft = { uid: number; text?: string; kind?: ValueKind };

/** The condition an operator change leaves: values re-read from the text shown, attribute kept (targetingKey for segments). */
export function changeOperator(
  condition: Condition,
  operator: Condition["operator"],
  shownText: string,
  kind: ValueKind,
  segmentKeys: readonly string[],
): Condition {
  if (isSegmentOperator(operator)) {
    const keep = isSegmentOperator(condition.operator) ? condition.values : condition.values.filter((v) => segmentKeys.includes(String(v)));
    return { attribute: "targetingKey", operator, values: keep };
  }
  const attribute = isSegmentOperator(condition.operator) ? "" : condition.attribute;
  const text = isSegmentOperator(condition.operator) ? "" : shownText;
  return { attribute, operator, values: parseValuesText(text, operator, kind) };
}

/** The values text to show: what is being typed while it still means the condition's values, else the values formatted. */
export function shownValuesText(condition: Condition, draft: RowDraft): string {
  if (draft.text !== undefined) {
    const parsed = parseValuesText(draft.text, condition.operator, shownKind(condition, draft));
    if (parsed.length === condition.values.length && parsed.every((v, i) => v === condition.values[i])) return draft.text;
  }
  return formatValuesText(condition.values);
}

/** The value kind to show: the chosen one while the values fit it, else the kind the values have. */
export function shownKind(condition: Condition, draft: RowDraft): ValueKind {
  if (draft.kind !== undefined) {
    const fits =
      draft.kind === "text"
        ? condition.values.every((v) => typeof v === "string")
        : condition.values.every((v) => typeof v === (draft.kind === "number" ? "number" : "boolean") || typeof v === "string");
    if (fits) return draft.kind;
  }
  return inferValueKind(condition.values);
}
