"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, SelectField, TextField, TextareaField, useToast } from "@/components/ui";
import { METRIC_KINDS, METRIC_KIND_DESCRIPTIONS, METRIC_KIND_LABELS, type MetricDirection, type MetricKind } from "@/server/core/metrics/metric-input";

export type MetricValues = {
  key: string;
  name: string;
  description: string;
  kind: MetricKind;
  direction: MetricDirection;
  eventName: string;
  denominatorEventName: string;
  retentionDays: number;
  guardrailThreshold: number | null;
  unit: string;
};

export const EMPTY_METRIC: MetricValues = { key: "", name: "", description: "", kind: "conversion", direction: "increase", eventName: "", denominatorEventName: "", retentionDays: 7, guardrailThreshold: null, unit: "" };

/** Create (no `existing`) or edit a metric definition; server field errors show at the fields. */
export function MetricForm({ existing, onDone }: { existing?: MetricValues; onDone?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [v, setV] = useState<MetricValues>(existing ?? EMPTY_METRIC);
  const [threshold, setThreshold] = useState(existing?.guardrailThreshold === null || existing?.guardrailThreshold === undefined ? "" : String(existing.guardrailThreshold * 100));
  const set = (patch: Partial<MetricValues>) => setV((old) => ({ ...old, ...patch }));
  const onSuccess = async () => {
    toast.notify(existing ? `Metric “${v.key}” saved.` : `Metric “${v.key}” added.`);
    await queryClient.invalidateQueries(trpc.metrics.pathFilter());
    await queryClient.invalidateQueries(trpc.experiments.formOptions.pathFilter());
    if (!existing) setV(EMPTY_METRIC);
    onDone?.();
  };
  const create = useMutation(trpc.metrics.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.metrics.update.mutationOptions({ onSuccess }));
  const mutation = existing ? update : create;
  const errors = formErrorsOf(mutation.error);
  const id = (name: string) => `${existing ? `edit-${existing.key}` : "new"}-${name}`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { ...v, denominatorEventName: v.kind === "error_rate" ? v.denominatorEventName : "", guardrailThreshold: threshold.trim() === "" ? null : Number(threshold) / 100 };
    mutation.mutate(input);
  }

  return (
    <form aria-label={existing ? `Edit metric ${existing.key}` : "Add a metric"} onSubmit={onSubmit} noValidate className="space-y-4">
      {errors.message ? <Alert tone="danger">{errors.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {existing ? null : <TextField id={id("key")} label="Key" hint="Experiments refer to it, e.g. checkout-conversion." error={errors.fields.key} className="font-mono" value={v.key} onChange={(e) => set({ key: e.target.value })} />}
        <TextField id={id("name")} label="Name" error={errors.fields.name} value={v.name} onChange={(e) => set({ name: e.target.value })} />
        <SelectField id={id("kind")} label="Kind" hint={METRIC_KIND_DESCRIPTIONS[v.kind]} error={errors.fields.kind} value={v.kind} onChange={(e) => set({ kind: e.target.value as MetricKind })}>
          {METRIC_KINDS.map((k) => (
            <option key={k} value={k}>
              {METRIC_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <SelectField id={id("direction")} label="Better when" error={errors.fields.direction} value={v.direction} onChange={(e) => set({ direction: e.target.value as MetricDirection })}>
          <option value="increase">Higher is better</option>
          <option value="decrease">Lower is better</option>
        </SelectField>
        <TextField id={id("event")} label={v.kind === "error_rate" ? "Error event" : "Event name"} hint="The event name services send, e.g. checkout_completed." error={errors.fields.eventName} className="font-mono" value={v.eventName} onChange={(e) => set({ eventName: e.target.value })} />
        {v.kind === "error_rate" ? (
          <TextField id={id("denominator")} label="Request event" hint="Counted as the denominator, e.g. request_served." error={errors.fields.denominatorEventName} className="font-mono" value={v.denominatorEventName} onChange={(e) => set({ denominatorEventName: e.target.value })} />
        ) : null}
        {v.kind === "retention" ? (
          <TextField id={id("retention")} label="Retention window (days)" type="number" min={1} max={90} error={errors.fields.retentionDays} value={String(v.retentionDays)} onChange={(e) => set({ retentionDays: Number(e.target.value) })} />
        ) : null}
        <TextField id={id("unit")} label="Unit" hint="Optional, e.g. ms or USD." error={errors.fields.unit} value={v.unit} onChange={(e) => set({ unit: e.target.value })} />
        <TextField id={id("guardrail")} label="Guardrail threshold (% worse)" hint="Optional: how much worse (relative) should stop an experiment, e.g. 10." type="number" min={0} max={100} error={errors.fields.guardrailThreshold} value={threshold} onChange={(e) => setThreshold(e.target.value)} />
      </div>
      <TextareaField id={id("description")} label="Description" hint="What it measures for users — not a vanity number." rows={2} error={errors.fields.description} value={v.description} onChange={(e) => set({ description: e.target.value })} />
      <Button type="submit" disabled={mutation.isPending}>
        {existing ? "Save metric" : "Add metric"}
      </Button>
    </form>
  );
}
