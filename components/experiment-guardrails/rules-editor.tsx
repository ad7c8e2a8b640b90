"use client";
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, SelectField } from "@/components/ui";
import { GUARDRAIL_RULE_KINDS, GUARDRAIL_RULE_LABELS, type GuardrailRuleKind } from "@/server/core/guardrails/guardrail-rules";
import type { GuardrailsView } from "@/server/services/guardrails/guardrails-view";
import { budgetLine } from "./format";
import { canAdd, draftOf, newDraft, ruleOf, withoutPath, type RuleDraft } from "./rule-drafts";
import { RuleFieldset } from "./rule-fieldset";
import { useInvalidateGuardrails } from "./use-guardrails";

type SaveMutation = ReturnType<typeof useSaveRules>;

function useSaveRules(experimentKey: string) {
  const trpc = useTRPC();
  const invalidate = useInvalidateGuardrails(experimentKey);
  return useMutation(trpc.experiments.saveGuardrails.mutationOptions({ onSuccess: invalidate }));
}

/**
 * Editing the rules: one fieldset per rule, thresholds in %. The draft starts again from the
 * server's rules whenever they change (after a save, or someone else's), so the form is keyed on them.
 */
export function RulesEditor({ view }: { view: GuardrailsView }) {
  const save = useSaveRules(view.experimentKey);
  const formKey = JSON.stringify([view.rules.map((r) => r.rule), view.prefilled, view.metrics]);
  const done = save.isSuccess ? (save.variables.rules === null ? "Guardrail rules reset to the environment defaults." : "Guardrail rules saved.") : null;
  return (
    <div className="space-y-3">
      <h3 className="text-base font-semibold text-slate-900">Edit rules</h3>
      <p className="text-sm text-slate-600">
        {view.prefilled
          ? `These rules are pre-filled from ${view.budget.environmentName}'s defaults and the experiment's guardrail metrics until you save your own.`
          : "These rules were saved for this experiment."}{" "}
        Thresholds are relative to control: 10 % means 10 % worse than control.
      </p>
      <RulesForm key={formKey} view={view} save={save} />
      {done ? (
        <p role="status" className="text-sm font-medium text-emerald-800">
          {done}
        </p>
      ) : null}
    </div>
  );
}

function RulesForm({ view, save }: { view: GuardrailsView; save: SaveMutation }) {
  const [drafts, setDrafts] = useState<RuleDraft[]>(() => view.rules.map((r) => draftOf(r.rule)));
  const addable = GUARDRAIL_RULE_KINDS.filter((k) => canAdd(k, drafts, view.metrics));
  const [kindToAdd, setKindToAdd] = useState<GuardrailRuleKind | "">(addable[0] ?? "");
  const selectedKind = kindToAdd !== "" && addable.includes(kindToAdd) ? kindToAdd : (addable[0] ?? "");
  const errors = formErrorsOf(save.error);
  const idBase = `guardrail-rule-${view.experimentKey}`;

  // per rule index: its messages by field ("" = the rule itself); anything else is the form's
  const ruleErrors = new Map<number, Record<string, string>>();
  let formError: string | null = null;
  for (const [path, message] of Object.entries(errors.fields)) {
    const match = /^rules\.(\d+)(?:\.(\w+))?$/.exec(path);
    if (match) {
      const index = Number(match[1]);
      ruleErrors.set(index, { ...ruleErrors.get(index), [match[2] ?? ""]: message });
    } else {
      formError = withoutPath(message);
    }
  }

  const edit = (next: RuleDraft[]) => {
    save.reset();
    setDrafts(next);
  };
  const add = () => {
    if (selectedKind === "") return;
    const draft = newDraft(selectedKind, drafts, view.metrics, view.budget);
    edit([...drafts, draft]);
    window.requestAnimationFrame(() => document.getElementById(`${idBase}-${draft.id}-metric`)?.focus());
  };
  const remove = (id: number) => {
    edit(drafts.filter((d) => d.id !== id));
    window.requestAnimationFrame(() => document.getElementById(`${idBase}-add`)?.focus());
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate({ key: view.experimentKey, rules: drafts.map(ruleOf) });
  };

  return (
    <form aria-label="Guardrail rules" onSubmit={onSubmit} noValidate className="space-y-4">
      {errors.message ? (
        <Alert tone="danger" title="The rules were not saved">
          {formError ?? withoutPath(errors.message)}
        </Alert>
      ) : null}
      {drafts.map((draft, i) => (
        <RuleFieldset
          key={draft.id}
          draft={draft}
          idPrefix={`${idBase}-${draft.id}`}
          metrics={view.metrics}
          errors={ruleErrors.get(i) ?? {}}
          budgetText={budgetLine(view.budget)}
          disabled={save.isPending}
          onChange={(next) => edit(drafts.map((d) => (d.id === next.id ? next : d)))}
          onRemove={() => remove(draft.id)}
        />
      ))}
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-72">
          <SelectField
            id={`${idBase}-add`}
            label="Add a rule"
            disabled={save.isPending || addable.length === 0}
            hint={addable.length === 0 ? "Every rule the experiment's metrics allow is already listed." : undefined}
            value={selectedKind}
            onChange={(e) => setKindToAdd(e.target.value as GuardrailRuleKind)}
          >
            {GUARDRAIL_RULE_KINDS.map((kind) => (
              <option key={kind} value={kind} disabled={!addable.includes(kind)}>
                {GUARDRAIL_RULE_LABELS[kind]}
              </option>
            ))}
          </SelectField>
        </div>
        <Button variant="secondary" disabled={save.isPending || selectedKind === ""} onClick={add}>
          Add rule
        </Button>
      </div>
      <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-4">
        <Button type="submit" disabled={save.isPending} loading={save.isPending && save.variables?.rules !== null}>
          Save rules
        </Button>
        {!view.prefilled ? (
          <Button variant="secondary" loading={save.isPending && save.variables?.rules === null} disabled={save.isPending} onClick={() => save.mutate({ key: view.experimentKey, rules: null })}>
            Reset to environment defaults
          </Button>
        ) : null}
      </div>
    </form>
  );
}
