"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, Card, CardBody, CardHeader, SelectField, SpinnerIcon, TextField, TextareaField } from "@/components/ui";
import { MIN_REASON_LENGTH } from "@/server/core/flags/flag-edit-input";
import type { FlagRecord } from "@/server/db/flags";
import { useFlagSaved } from "./use-flag-mutation";
import { VariationsForm } from "./variations-form";

/** Edit a flag's name, description and owner; extend its expiry with a reason. Hidden for read-only viewers. */
export function FlagEditCard({ flag }: { flag: FlagRecord }) {
  return (
    <Card>
      <CardHeader title="Edit flag" description="The key never changes: services and code reference it." />
      <CardBody className="grid gap-8 lg:grid-cols-2">
        <DetailsForm key={`details-${flag.version}`} flag={flag} />
        <ExtendExpiryForm key={`expiry-${flag.version}`} flag={flag} />
        {flag.valueType === "boolean" ? null : <VariationsForm key={`variations-${flag.version}`} flag={flag} />}
      </CardBody>
    </Card>
  );
}

function DetailsForm({ flag }: { flag: FlagRecord }) {
  const trpc = useTRPC();
  const options = useQuery(trpc.flags.formOptions.queryOptions());
  const saved = useFlagSaved(flag.key);
  const [name, setName] = useState(flag.name);
  const [description, setDescription] = useState(flag.description);
  const [ownerId, setOwnerId] = useState(flag.owner.id);
  const save = useMutation(trpc.flags.updateDetails.mutationOptions({ onSuccess: (updated) => saved(updated, `Saved “${updated.name}”`) }));
  const errors = formErrorsOf(save.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!save.isPending) save.mutate({ flagKey: flag.key, version: flag.version, name, description, ownerId });
  }
  const owners = options.data?.owners ?? [flag.owner];
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Flag details" className="space-y-4">
      <h3 className="text-sm font-semibold text-slate-900">Details</h3>
      {save.error && Object.keys(errors.fields).length === 0 ? <Alert tone="danger">{errors.message}</Alert> : null}
      <TextField id="edit-name" label="Flag name" required value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
      <TextareaField id="edit-description" label="Flag description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.fields.description} />
      <SelectField id="edit-owner" label="Flag owner" required value={ownerId} onChange={(e) => setOwnerId(e.target.value)} error={errors.fields.ownerId}>
        {owners.map((owner) => (
          <option key={owner.id} value={owner.id}>
            {owner.name} ({owner.email})
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary" aria-busy={save.isPending || undefined}>
        {save.isPending ? <SpinnerIcon /> : null}
        Save details
      </Button>
    </form>
  );
}

function ExtendExpiryForm({ flag }: { flag: FlagRecord }) {
  const trpc = useTRPC();
  const saved = useFlagSaved(flag.key);
  const options = useQuery(trpc.flags.formOptions.queryOptions());
  const [expiresAt, setExpiresAt] = useState("");
  const [reason, setReason] = useState("");
  const extend = useMutation(
    trpc.flags.extendExpiry.mutationOptions({ onSuccess: (updated) => saved(updated, `Expiry extended to ${updated.expiresAt.toISOString().slice(0, 10)}`) }),
  );
  const errors = formErrorsOf(extend.error);
  const latest = options.data?.latestExpiry ? new Date(options.data.latestExpiry).toISOString().slice(0, 10) : undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!extend.isPending) extend.mutate({ flagKey: flag.key, expiresAt, reason });
  }
  return (
    <form id="extend-expiry" onSubmit={onSubmit} noValidate aria-label="Extend expiry" className="scroll-mt-6 space-y-4">
      <h3 className="text-sm font-semibold text-slate-900">Extend expiry</h3>
      <p className="text-sm text-slate-600">
        Expires {flag.expiresAt.toISOString().slice(0, 10)}. Flags stay temporary: the new date must be within {options.data?.maxLifetimeDays ?? "the maximum"} days from today
        {latest ? ` (on or before ${latest})` : ""}.
      </p>
      {extend.error && Object.keys(errors.fields).length === 0 ? <Alert tone="danger">{errors.message}</Alert> : null}
      <TextField id="extend-expires-at" label="New expiry date" type="date" required max={latest} value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} error={errors.fields.expiresAt} />
      <TextareaField
        id="extend-reason"
        label="Reason for the extension"
        hint={`Recorded in the audit log; at least ${MIN_REASON_LENGTH} characters.`}
        rows={2}
        required
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errors.fields.reason}
      />
      <Button type="submit" variant="secondary" aria-busy={extend.isPending || undefined}>
        {extend.isPending ? <SpinnerIcon /> : null}
        Extend expiry
      </Button>
    </form>
  );
}
