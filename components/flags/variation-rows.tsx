"use client";
import { useEffect, useRef, type Dispatch, type SetStateAction } from "react";
import { Button, Input, SelectField, cn, describedBy } from "@/components/ui";
import type { ValueType } from "@/server/core/flags/variations";

export type VariationRow = { id: number; key: string; name: string; value: string };
type VariationField = "key" | "name" | "value";

export const INITIAL_VARIATIONS: readonly VariationRow[] = [
  { id: 1, key: "control", name: "Control", value: "" },
  { id: 2, key: "treatment", name: "Treatment", value: "" },
];

const VALUE_HINTS: Record<Exclude<ValueType, "boolean">, { hint: string; placeholder: string }> = {
  string: { hint: "Each variation serves its value as text.", placeholder: "Text to serve" },
  number: { hint: "Each variation serves a number, for example 4.99.", placeholder: "e.g. 4.99" },
  json: { hint: 'Each variation serves a JSON document, for example {"layout": "grid"}.', placeholder: '{"layout": "grid"}' },
};

export const VARIATIONS_FIELDSET_ID = "flag-variations";
export const OFF_VARIATION_ID = "flag-off-variation";

export function variationInputId(row: VariationRow, field: VariationField): string {
  return `variation-${row.id}-${field}`;
}

type VariationRowsProps = {
  valueType: Exclude<ValueType, "boolean">;
  rows: readonly VariationRow[];
  setRows: Dispatch<SetStateAction<VariationRow[]>>;
  /** field errors from the server, keyed by path ("variations", "variations.1.value", …) */
  errors: Record<string, string>;
};

/** The "Variations" fieldset: one compact row of key / name / value per variation. */
export function VariationRows({ valueType, rows, setRows, errors }: VariationRowsProps) {
  const addButton = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useRef<string | null>(null);
  const groupError = errors.variations;
  const { hint, placeholder } = VALUE_HINTS[valueType];
  const hintId = `${VARIATIONS_FIELDSET_ID}-hint`;
  const errorId = `${VARIATIONS_FIELDSET_ID}-error`;

  useEffect(() => {
    if (!focusAfterRender.current) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  }, [rows]);

  function update(id: number, field: VariationField, value: string) {
    setRows((current) => current.map((row) => (row.id === id ? { ...row, [field]: value } : row)));
  }

  function add() {
    const row: VariationRow = { id: Math.max(0, ...rows.map((r) => r.id)) + 1, key: "", name: "", value: "" };
    focusAfterRender.current = variationInputId(row, "key");
    setRows((current) => [...current, row]);
  }

  function remove(id: number) {
    setRows((current) => current.filter((row) => row.id !== id));
    addButton.current?.focus();
  }

  return (
    <fieldset
      id={VARIATIONS_FIELDSET_ID}
      tabIndex={-1}
      data-invalid={groupError ? "true" : undefined}
      aria-describedby={[hintId, groupError ? errorId : null].filter(Boolean).join(" ")}
      className={cn("rounded-lg border px-4 pt-2 pb-4", groupError ? "border-red-600" : "border-slate-200")}
    >
      <legend className="px-1 text-sm font-medium text-slate-900">Variations</legend>
      <p id={hintId} className="text-sm text-slate-600">
        {hint}
      </p>
      {groupError ? (
        <p id={errorId} role="alert" className="mt-2 text-sm font-medium text-red-700">
          {groupError}
        </p>
      ) : null}

      <div aria-hidden="true" className={cn(rowGrid, "mt-4 hidden text-xs font-semibold tracking-wide text-slate-700 uppercase sm:grid")}>
        <span>Key</span>
        <span>Name</span>
        <span>Value</span>
        <span className="w-24" />
      </div>
      <ol className="mt-3 space-y-3 sm:mt-2">
        {rows.map((row, index) => (
          <li key={row.id} className={cn(rowGrid, "grid gap-2")}>
            {(["key", "name", "value"] as const).map((field) => {
              const id = variationInputId(row, field);
              const error = errors[`variations.${index}.${field}`];
              return (
                <div key={field} className="min-w-0">
                  <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700 sm:sr-only">
                    {`Variation ${index + 1} ${field}`}
                  </label>
                  <Input
                    id={id}
                    value={row[field]}
                    onChange={(event) => update(row.id, field, event.target.value)}
                    invalid={Boolean(error)}
                    aria-describedby={describedBy(id, { error })}
                    autoComplete="off"
                    spellCheck={field === "name"}
                    placeholder={field === "value" ? placeholder : undefined}
                    className={field === "name" ? undefined : "font-mono"}
                  />
                  {error ? (
                    <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
                      {error}
                    </p>
                  ) : null}
                </div>
              );
            })}
            <div className="sm:w-24">
              <Button variant="ghost" size="md" className="w-full text-red-700 hover:text-red-800" onClick={() => remove(row.id)}>
                Remove<span className="sr-only">{` variation ${index + 1}`}</span>
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <Button ref={addButton} variant="secondary" size="sm" className="mt-4" onClick={add}>
        Add variation
      </Button>
    </fieldset>
  );
}

const rowGrid = "sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1.4fr)_auto] sm:items-start sm:gap-3";

type OffVariationFieldProps = {
  rows: readonly VariationRow[];
  value: string;
  onChange: (key: string) => void;
  error?: string;
};

/** Which variation is served when the flag is off (lists the keys typed above). */
export function OffVariationField({ rows, value, onChange, error }: OffVariationFieldProps) {
  const keys = [...new Set(rows.map((row) => row.key.trim()).filter(Boolean))];
  const hint = "Served to everyone while the flag is off, and to users outside the rollout.";
  return (
    <SelectField
      id={OFF_VARIATION_ID}
      label="Off variation"
      hint={hint}
      error={error}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      className="font-mono sm:max-w-xs"
    >
      {keys.length === 0 ? <option value="">Give a variation a key first</option> : null}
      {keys.map((key) => (
        <option key={key} value={key}>
          {key}
        </option>
      ))}
    </SelectField>
  );
}

/** The off variation actually selected: the chosen key while it still exists, else the first key. */
export function effectiveOffVariation(rows: readonly VariationRow[], chosen: string): string {
  const keys = rows.map((row) => row.key.trim()).filter(Boolean);
  return keys.includes(chosen) ? chosen : (keys[0] ?? "");
}
