"use client";
import { Button, Input, Select, cn, describedBy } from "@/components/ui";
import type { Condition } from "@/server/core/evaluation/snapshot-format";
import { isSegmentOperator, valueArity } from "@/server/core/targeting/describe";
import { VALUE_KIND_LABELS, parseValuesText, takesValueKind, type ValueKind } from "@/server/core/targeting/values-text";
import { OPERATOR_GROUPS, OPERATOR_LABELS, isOperator, valuesPlaceholder } from "./operators";
import { changeOperator, shownKind, shownValuesText, type RowDraft } from "./row-state";

type RowErrors = { row?: string[]; attribute?: string[]; operator?: string[]; values?: string[] };

type ConditionRowProps = {
  index: number;
  /** e.g. "segment-conditions-0": the row's control ids derive from it */
  idPrefix: string;
  datalistId: string;
  condition: Condition;
  draft: RowDraft;
  segments: { key: string; name: string }[];
  disabled: boolean;
  errors: RowErrors;
  onChange(condition: Condition, draft: Partial<RowDraft>): void;
  onRemove(): void;
};

const KINDS: ValueKind[] = ["text", "number", "boolean"];

/** One condition: attribute, operator, (value kind,) values and Remove, each labelled "… of condition N". */
export function ConditionRow({ index, idPrefix, datalistId, condition, draft, segments, disabled, errors, onChange, onRemove }: ConditionRowProps) {
  const n = index + 1;
  const ids = {
    attribute: `${idPrefix}-attribute`,
    operator: `${idPrefix}-operator`,
    kind: `${idPrefix}-kind`,
    values: `${idPrefix}-values`,
    row: `${idPrefix}-row`,
  };
  const operator = condition.operator;
  const segmentOp = isSegmentOperator(operator);
  const arity = valueArity(operator);
  const kind = shownKind(condition, draft);
  const text = shownValuesText(condition, draft);

  // Errors come from the server (validateCondition there), shown once a save was refused. Checking on
  // blur in the browser would grow the row under the pointer and swallow the click on Save.
  const attributeError = joined(errors.attribute);
  const operatorError = joined(errors.operator);
  const valuesError = joined(errors.values);
  const rowError = errors.row?.join(" ");

  return (
    <li
      className={cn(
        "grid gap-2 rounded-md border border-slate-200 bg-slate-50/60 p-3",
        "sm:grid-cols-[minmax(0,1fr)_minmax(0,11rem)_minmax(0,1.4fr)_auto] sm:items-start sm:gap-3",
      )}
    >
      <div className="min-w-0">
        {segmentOp ? (
          <>
            <span className="mb-1 block text-xs font-medium text-slate-700">{`Attribute of condition ${n}`}</span>
            <p className="flex h-10 items-center text-sm text-slate-700">The user (targetingKey)</p>
          </>
        ) : (
          <>
            <label htmlFor={ids.attribute} className="mb-1 block text-xs font-medium text-slate-700">
              {`Attribute of condition ${n}`}
            </label>
            <Input
              id={ids.attribute}
              list={datalistId}
              value={condition.attribute}
              onChange={(event) => onChange({ ...condition, attribute: event.target.value }, {})}
              invalid={Boolean(attributeError)}
              aria-describedby={describedBy(ids.attribute, { error: attributeError })}
              autoComplete="off"
              spellCheck={false}
              placeholder="e.g. country"
              className="font-mono"
              disabled={disabled}
            />
            <ErrorText id={ids.attribute} error={attributeError} />
          </>
        )}
      </div>

      <div className="min-w-0">
        <label htmlFor={ids.operator} className="mb-1 block text-xs font-medium text-slate-700">
          {`Operator of condition ${n}`}
        </label>
        <Select
          id={ids.operator}
          value={operator}
          onChange={(event) => {
            const next = event.target.value;
            if (!isOperator(next)) return;
            const changed = changeOperator(condition, next, text, kind, segments.map((s) => s.key));
            onChange(changed, { text: undefined });
          }}
          invalid={Boolean(operatorError)}
          aria-describedby={describedBy(ids.operator, { error: operatorError })}
          disabled={disabled}
        >
          {OPERATOR_GROUPS.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.operators.map((op) => (
                <option key={op} value={op}>
                  {OPERATOR_LABELS[op]}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
        <ErrorText id={ids.operator} error={operatorError} />
      </div>

      <div className="min-w-0">
        {arity === "none" ? (
          <>
            <span className="mb-1 block text-xs font-medium text-slate-700">{`Values of condition ${n}`}</span>
            <p className="flex h-10 items-center text-sm text-slate-600">No value needed</p>
          </>
        ) : segmentOp ? (
          <>
            <label htmlFor={ids.values} className="mb-1 block text-xs font-medium text-slate-700">
              {`Values of condition ${n}`}
            </label>
            {segments.length === 0 && condition.values.length === 0 ? (
              <p id={`${ids.values}-empty`} className="flex h-10 items-center text-sm text-slate-600">
                No other segments exist yet.
              </p>
            ) : null}
            <Select
              id={ids.values}
              multiple
              size={Math.min(Math.max(segments.length, 2), 6)}
              value={condition.values.map(String)}
              onChange={(event) => {
                const keys = Array.from(event.target.selectedOptions, (option) => option.value);
                onChange({ ...condition, attribute: "targetingKey", values: keys }, {});
              }}
              invalid={Boolean(valuesError)}
              aria-describedby={describedBy(ids.values, { hint: "x", error: valuesError })}
              className="h-auto py-1"
              disabled={disabled}
            >
              {segments.map((segment) => (
                <option key={segment.key} value={segment.key}>
                  {segment.name && segment.name !== segment.key ? `${segment.name} (${segment.key})` : segment.key}
                </option>
              ))}
              {condition.values
                .map(String)
                .filter((key) => !segments.some((s) => s.key === key))
                .map((key) => (
                  <option key={key} value={key}>
                    {`${key} (unknown segment)`}
                  </option>
                ))}
            </Select>
            <p id={`${ids.values}-hint`} className="mt-1 text-xs text-slate-600">
              {operator === "in_segment" ? "Matches members of any selected segment." : "Matches users in none of the selected segments."} Ctrl/⌘-click
              to pick several.
            </p>
            <ErrorText id={ids.values} error={valuesError} />
          </>
        ) : (
          <>
            <label htmlFor={ids.values} className="mb-1 block text-xs font-medium text-slate-700">
              {`Values of condition ${n}`}
            </label>
            <div className="flex gap-2">
              {takesValueKind(operator) ? (
                <>
                  <label htmlFor={ids.kind} className="sr-only">
                    {`Value type of condition ${n}`}
                  </label>
                  <Select
                    id={ids.kind}
                    value={kind}
                    onChange={(event) => {
                      const nextKind = event.target.value as ValueKind;
                      onChange({ ...condition, values: parseValuesText(text, operator, nextKind) }, { kind: nextKind, text });
                    }}
                    className="w-28 shrink-0"
                    disabled={disabled}
                  >
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {VALUE_KIND_LABELS[k]}
                      </option>
                    ))}
                  </Select>
                </>
              ) : null}
              <Input
                id={ids.values}
                value={text}
                onChange={(event) => {
                  const nextText = event.target.value;
                  onChange({ ...condition, values: parseValuesText(nextText, operator, kind) }, { text: nextText, kind });
                }}
                invalid={Boolean(valuesError)}
                aria-describedby={describedBy(ids.values, { hint: arity === "many" ? "x" : undefined, error: valuesError })}
                autoComplete="off"
                spellCheck={false}
                placeholder={valuesPlaceholder(operator)}
                className="font-mono"
                disabled={disabled}
              />
            </div>
            {arity === "many" ? (
              <p id={`${ids.values}-hint`} className="mt-1 text-xs text-slate-600">
                Separate several values with commas.
              </p>
            ) : null}
            <ErrorText id={ids.values} error={valuesError} />
          </>
        )}
      </div>

      <div className="sm:pt-5">
        {disabled ? null : (
          <Button variant="ghost" className="w-full text-red-700 hover:text-red-800" onClick={onRemove}>
            Remove<span className="sr-only">{` condition ${n}`}</span>
          </Button>
        )}
      </div>

      {rowError ? (
        <p id={ids.row} role="alert" className="text-sm font-medium text-red-700 sm:col-span-4">
          {rowError}
        </p>
      ) : null}
    </li>
  );
}

function joined(messages: string[] | undefined): string | undefined {
  return messages && messages.length > 0 ? messages.join(" ") : undefined;
}

function ErrorText({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
      {error}
    </p>
  );
}
