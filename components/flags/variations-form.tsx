"use client";
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, Input, Select, SpinnerIcon, describedBy } from "@/components/ui";
import type { FlagRecord } from "@/server/db/flags";
import { useFlagSaved } from "./use-flag-mutation";

type Row = { key: string; name: string; value: string; isNew: boolean };

/** A stored value (JSON) as people type it: copy without quotes, a number, a JSON document. */
function editable(valueType: FlagRecord["valueType"], stored: string): string {
  const parsed = JSON.parse(stored) as unknown;
  return valueType === "string" && typeof parsed === "string" ? parsed : valueType === "number" ? String(parsed) : stored;
}

/** Variations of a multi-variation flag: edit names and values, add one, remove unused ones; choose the off variation. */
export function VariationsForm({ flag }: { flag: FlagRecord }) {
  const trpc = useTRPC();
  const saved = useFlagSaved(flag.key);
  const [rows, setRows] = useState<Row[]>(() => flag.variations.map((v) => ({ key: v.key, name: v.name, value: editable(flag.valueType, v.value), isNew: false })));
  const [offVariationKey, setOffVariationKey] = useState(flag.offVariationKey);
  const save = useMutation(trpc.flags.updateVariations.mutationOptions({ onSuccess: (updated) => saved(updated, "Variations saved") }));
  const errors = formErrorsOf(save.error);
  const setRow = (index: number, change: Partial<Row>) => setRows((current) => current.map((r, i) => (i === index ? { ...r, ...change } : r)));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    save.mutate({ flagKey: flag.key, version: flag.version, offVariationKey, variations: rows.map(({ key, name, value }) => ({ key, name, value })) });
  }

  const listError = errors.fields.variations;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Variations" className="space-y-4 lg:col-span-2">
      <h3 className="text-sm font-semibold text-slate-900">Variations</h3>
      <p className="text-sm text-slate-600">Locked while an experiment runs on this flag. A variation can be removed once no split, rule or target serves it.</p>
      {save.error && Object.keys(errors.fields).length === 0 ? <Alert tone="danger">{errors.message}</Alert> : null}
      {listError ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {listError}
        </p>
      ) : null}
      <ol className="space-y-3">
        {rows.map((row, i) => {
          const n = i + 1;
          const field = (name: string) => errors.fields[`variations.${i}.${name}`];
          return (
            <li key={i} className="grid gap-2 sm:grid-cols-[10rem_1fr_2fr_auto] sm:items-start">
              <VariationInput id={`variation-${i}-key`} label={`Key of variation ${n}`} value={row.key} readOnly={!row.isNew} error={field("key")} onChange={(key) => setRow(i, { key })} mono />
              <VariationInput id={`variation-${i}-name`} label={`Name of variation ${n}`} value={row.name} error={field("name")} onChange={(name) => setRow(i, { name })} />
              <VariationInput id={`variation-${i}-value`} label={`Value of variation ${n}`} value={row.value} error={field("value")} onChange={(value) => setRow(i, { value })} mono />
              <Button type="button" variant="ghost" size="sm" className="sm:mt-6" aria-label={`Remove variation ${n}`} onClick={() => setRows((current) => current.filter((_, j) => j !== i))}>
                Remove
              </Button>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-end gap-3">
        <Button type="button" variant="secondary" onClick={() => setRows((current) => [...current, { key: "", name: "", value: "", isNew: true }])}>
          Add variation
        </Button>
        <div className="space-y-1">
          <label htmlFor="variations-off" className="block text-sm font-medium text-slate-900">
            Off variation
          </label>
          <Select id="variations-off" className="w-auto" value={offVariationKey} onChange={(e) => setOffVariationKey(e.target.value)} aria-describedby={describedBy("variations-off", { error: errors.fields.offVariationKey })}>
            {rows.filter((r) => r.key).map((r) => (
              <option key={r.key} value={r.key}>
                {r.name || r.key}
              </option>
            ))}
          </Select>
          {errors.fields.offVariationKey ? (
            <p id="variations-off-error" role="alert" className="text-sm font-medium text-red-700">
              {errors.fields.offVariationKey}
            </p>
          ) : null}
        </div>
        <Button type="submit" variant="secondary" aria-busy={save.isPending || undefined}>
          {save.isPending ? <SpinnerIcon /> : null}
          Save variations
        </Button>
      </div>
    </form>
  );
}

function VariationInput({ id, label, value, error, readOnly, mono, onChange }: { id: string; label: string; value: string; error?: string; readOnly?: boolean; mono?: boolean; onChange(value: string): void }) {
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <Input id={id} value={value} readOnly={readOnly} invalid={Boolean(error)} aria-describedby={describedBy(id, { error })} className={mono ? "font-mono" : undefined} onChange={(e) => onChange(e.target.value)} />
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
