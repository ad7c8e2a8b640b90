"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, TextField } from "@/components/ui";
import type { EnvironmentGuardrails } from "@/server/core/guardrails/environment-guardrails";
import type { EnvironmentView } from "@/server/services/environments/list-environments";
import {
  BUDGET_FIELDS,
  DEFAULT_RULE_FIELDS,
  RELIABILITY_FIELDS,
  displayValue,
  storedValue,
  type ReliabilityField,
  type ReliabilityKey,
} from "./environment-reliability-fields";
import { ReliabilityBudgetExplainer } from "./environment-reliability-explainer";

type Typed = Record<ReliabilityKey, string>;

const typedFrom = (r: EnvironmentGuardrails): Typed =>
  Object.fromEntries(RELIABILITY_FIELDS.map((f) => [f.key, displayValue(f, r[f.key])])) as Typed;

/** Admins edit an environment's reliability budget and guardrail defaults; the server refuses impossible values at the field. */
export function EnvironmentReliabilityForm({ environment }: { environment: EnvironmentView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState<Typed>(() => typedFrom(environment.reliability));
  const [localErrors, setLocalErrors] = useState<Partial<Record<ReliabilityKey, string>>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.environments.updateReliability.mutationOptions({
      onSuccess: async (reliability) => {
        setTyped(typedFrom(reliability));
        setSaved(true);
        await Promise.all([queryClient.invalidateQueries(trpc.environments.pathFilter()), queryClient.invalidateQueries(trpc.auditLog.pathFilter())]);
      },
    }),
  );
  const server = formErrorsOf(save.error);
  const known = new Set<string>(RELIABILITY_FIELDS.map((f) => f.key));
  const unplaced = Object.entries(server.fields).filter(([k]) => !known.has(k));
  const placed = Object.keys(server.fields).length - unplaced.length;
  const errorOf = (key: ReliabilityKey) => localErrors[key] ?? server.fields[key];
  const idOf = (key: ReliabilityKey) => `reliability-${environment.key}-${key}`;

  function change(key: ReliabilityKey, value: string) {
    setTyped((t) => ({ ...t, [key]: value }));
    setSaved(false);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const values: Partial<EnvironmentGuardrails> = {};
    const missing: Partial<Record<ReliabilityKey, string>> = {};
    for (const f of RELIABILITY_FIELDS) {
      const v = storedValue(f, typed[f.key]);
      if (v === null) missing[f.key] = `${f.label.replace(/ \(.*\)$/, "")} must be a number.`;
      else values[f.key] = v;
    }
    setLocalErrors(missing);
    if (Object.keys(missing).length > 0) {
      save.reset();
      return;
    }
    save.mutate({ environmentKey: environment.key, reliability: values });
  }

  const renderField = (f: ReliabilityField) => (
    <TextField
      key={f.key}
      id={idOf(f.key)}
      label={f.label}
      hint={f.hint}
      error={errorOf(f.key)}
      type="number"
      inputMode="decimal"
      step={f.step}
      value={typed[f.key]}
      onChange={(e) => change(f.key, e.target.value)}
    />
  );

  const localCount = Object.keys(localErrors).length;
  return (
    <form aria-label={`Reliability budget of ${environment.name}`} onSubmit={onSubmit} noValidate className="space-y-5">
      {localCount > 0 || placed > 0 ? (
        <Alert tone="danger" title="The reliability budget was not saved">
          Fix the {localCount + placed === 1 ? "field" : "fields"} marked below.
          {unplaced.map(([, m]) => ` ${m}`).join("")}
        </Alert>
      ) : server.message ? (
        <Alert tone="danger" title="The reliability budget was not saved">
          {server.message}
        </Alert>
      ) : null}
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Error budget and burn-rate alert</legend>
        <p className="text-sm text-slate-600">
          Applies at once to every experiment in {environment.name}, running ones included: a tighter budget can abort a running experiment at its next check.
        </p>
        <ReliabilityBudgetExplainer typed={typed} />
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">{BUDGET_FIELDS.map(renderField)}</div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Guardrail defaults for new experiments</legend>
        <p className="text-sm text-slate-600">
          These pre-fill the guardrail rules of experiments in {environment.name} until their owners save rules of their own on the experiment&apos;s page. Increases are
          relative to the control (10 % means the variant&apos;s rate may be 1.1 times the control&apos;s).
        </p>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">{DEFAULT_RULE_FIELDS.map(renderField)}</div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" loading={save.isPending}>
          Save reliability budget
        </Button>
        <p role="status" className="text-sm font-medium text-emerald-800">
          {saved ? "Reliability budget saved." : ""}
        </p>
      </div>
    </form>
  );
}
