"use client";
import { useEffect, useRef, useState } from "react";
import { Button, cn } from "@/components/ui";
import type { Condition } from "@/server/core/evaluation/snapshot-format";
import { ConditionRow } from "./condition-row";
import type { RowDraft } from "./row-state";
import { COMMON_ATTRIBUTES } from "./operators";

export type ConditionEditorProps = {
  conditions: Condition[];
  onChange(conditions: Condition[]): void;
  /** segments a condition may reference (leave out the segment being edited) */
  segments: { key: string; name: string }[];
  /** server field errors keyed by path, e.g. "conditions.0.values" or "rules.2.conditions.1.values" */
  fieldErrors?: Record<string, string[]>;
  /** the path of this list in fieldErrors: "conditions" or "rules.2.conditions" (default "conditions") */
  errorPrefix?: string;
  /** unique per editor on the page: control ids derive from it */
  idPrefix: string;
  disabled?: boolean;
  /** legend of the fieldset (default "Conditions") */
  legend?: string;
  /** shown under the legend, e.g. "All conditions must hold." */
  hint?: string;
};

/** A new, empty condition: the editor's "Add condition" appends one. */
export const NEW_CONDITION: Condition = { attribute: "", operator: "equals", values: [] };

/**
 * Edits a list of targeting conditions (attribute, operator, values), one row each. Shared by
 * segments and flag rules. Values are typed as text ("DE, FR") and parsed per operator; the
 * text being typed is kept locally so "DE, " is not reformatted under the cursor.
 */
export function ConditionEditor({
  conditions,
  onChange,
  segments,
  fieldErrors = {},
  errorPrefix = "conditions",
  idPrefix,
  disabled = false,
  legend = "Conditions",
  hint,
}: ConditionEditorProps) {
  // Per-row local state, aligned with `conditions` by index: a stable React key, the text being typed, the value kind.
  const [drafts, setDrafts] = useState<RowDraft[]>(() => conditions.map((_, i) => ({ uid: i + 1 })));
  const addButton = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useRef<string | null>(null);

  // The parent may replace the list (reset, reload): keep one draft per condition.
  const aligned: RowDraft[] =
    drafts.length === conditions.length ? drafts : conditions.map((_, i) => drafts[i] ?? { uid: -(i + 1) });
  const newUid = () => Math.max(0, ...aligned.map((d) => d.uid)) + 1;

  useEffect(() => {
    if (!focusAfterRender.current) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  }, [conditions.length]);

  function updateRow(index: number, condition: Condition, draft: Partial<RowDraft>) {
    setDrafts(aligned.map((d, i) => (i === index ? { ...d, ...draft } : d)));
    onChange(conditions.map((c, i) => (i === index ? condition : c)));
  }

  function add() {
    const index = conditions.length;
    focusAfterRender.current = `${idPrefix}-${index}-attribute`;
    setDrafts([...aligned, { uid: newUid() }]);
    onChange([...conditions, { ...NEW_CONDITION, values: [] }]);
  }

  function remove(index: number) {
    setDrafts(aligned.filter((_, i) => i !== index));
    onChange(conditions.filter((_, i) => i !== index));
    addButton.current?.focus();
  }

  const groupErrors = [...(fieldErrors[errorPrefix] ?? [])];
  const groupErrorId = `${idPrefix}-error`;
  const hintId = `${idPrefix}-hint`;

  return (
    <fieldset
      id={idPrefix}
      tabIndex={-1}
      disabled={disabled}
      aria-describedby={[hint ? hintId : null, groupErrors.length > 0 ? groupErrorId : null].filter(Boolean).join(" ") || undefined}
      className={cn("min-w-0 rounded-lg border px-4 pt-2 pb-4", groupErrors.length > 0 ? "border-red-600" : "border-slate-200")}
    >
      <legend className="px-1 text-sm font-medium text-slate-900">{legend}</legend>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {groupErrors.length > 0 ? (
        <p id={groupErrorId} role="alert" className="mt-2 text-sm font-medium text-red-700">
          {groupErrors.join(" ")}
        </p>
      ) : null}
      <datalist id={`${idPrefix}-attributes`}>
        {COMMON_ATTRIBUTES.map((attribute) => (
          <option key={attribute} value={attribute} />
        ))}
      </datalist>
      {conditions.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No conditions yet.</p>
      ) : (
        <ol className="mt-3 space-y-3">
          {conditions.map((condition, index) => {
            const draft = aligned[index]!;
            const at = `${errorPrefix}.${index}`;
            return (
              <ConditionRow
                key={draft.uid}
                index={index}
                idPrefix={`${idPrefix}-${index}`}
                datalistId={`${idPrefix}-attributes`}
                condition={condition}
                draft={draft}
                segments={segments}
                disabled={disabled}
                errors={{
                  row: fieldErrors[at],
                  attribute: fieldErrors[`${at}.attribute`],
                  operator: fieldErrors[`${at}.operator`],
                  values: fieldErrors[`${at}.values`],
                }}
                onChange={(next, nextDraft) => updateRow(index, next, nextDraft)}
                onRemove={() => remove(index)}
              />
            );
          })}
        </ol>
      )}
      {disabled ? null : (
        <Button ref={addButton} variant="secondary" size="sm" className="mt-4" onClick={add}>
          Add condition
        </Button>
      )}
    </fieldset>
  );
}
