"use client";
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, Card, CardBody, CardHeader, SelectField, TextField } from "@/components/ui";
import {
  isSdkKeyKind,
  SDK_KEY_KIND_DESCRIPTIONS,
  SDK_KEY_KIND_LABELS,
  SDK_KEY_KINDS,
  SDK_KEY_NAME_MAX,
  type SdkKeyKind,
} from "@/server/core/sdk-keys/sdk-key";
import { SdkKeysSecretAlert } from "./sdk-keys-secret-alert";

type Values = { environmentKey: string; kind: SdkKeyKind; name: string };
const EMPTY: Values = { environmentKey: "", kind: "server", name: "" };

/**
 * Creates a key. Its secret is shown once, in the alert above the form, until dismissed or until
 * the next key is created; it is never fetched again (the server keeps only a hash).
 */
export function SdkKeysCreateForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const environments = useQuery(trpc.environments.list.queryOptions());
  const nameField = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState<Values>(EMPTY);
  const create = useMutation(
    trpc.sdkKeys.create.mutationOptions({
      onSuccess: async () => {
        setValues((current) => ({ ...EMPTY, environmentKey: current.environmentKey, kind: current.kind }));
        await Promise.all([
          queryClient.invalidateQueries(trpc.sdkKeys.pathFilter()),
          queryClient.invalidateQueries(trpc.auditLog.pathFilter()),
        ]);
      },
    }),
  );
  const errors = formErrorsOf(create.error);
  const environmentKey = values.environmentKey || environments.data?.[0]?.key || "";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ ...values, environmentKey });
  }

  return (
    <Card>
      <CardHeader title="Create an SDK key" description="One key per service and environment makes it easy to revoke one without touching the others." />
      <CardBody className="space-y-5">
        {create.data ? (
          <SdkKeysSecretAlert
            key={create.data.secret}
            created={create.data}
            onDismiss={() => {
              create.reset();
              nameField.current?.focus();
            }}
          />
        ) : null}
        <form aria-label="Create an SDK key" onSubmit={onSubmit} noValidate className="space-y-4">
          {errors.message ? <Alert tone="danger">{errors.message}</Alert> : null}
          {environments.isError ? (
            <Alert tone="danger" title="Environments could not be loaded">
              {environments.error.message}
            </Alert>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField
              id="sdk-key-environment"
              label="Environment"
              error={errors.fields.environmentKey}
              required
              value={environmentKey}
              disabled={environments.isPending}
              onChange={(e) => setValues({ ...values, environmentKey: e.target.value })}
            >
              {environments.isPending ? <option value="">Loading…</option> : null}
              {environments.data?.map((env) => (
                <option key={env.id} value={env.key}>
                  {env.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="sdk-key-kind"
              label="Kind"
              hint={SDK_KEY_KIND_DESCRIPTIONS[values.kind]}
              error={errors.fields.kind}
              required
              value={values.kind}
              onChange={(e) => {
                if (isSdkKeyKind(e.target.value)) setValues({ ...values, kind: e.target.value });
              }}
            >
              {SDK_KEY_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {SDK_KEY_KIND_LABELS[kind]}
                </option>
              ))}
            </SelectField>
            <TextField
              ref={nameField}
              id="sdk-key-name"
              label="Name"
              hint="Which service uses it, e.g. checkout-service."
              error={errors.fields.name}
              required
              maxLength={SDK_KEY_NAME_MAX}
              autoComplete="off"
              value={values.name}
              onChange={(e) => setValues({ ...values, name: e.target.value })}
            />
          </div>
          <div>
            <Button type="submit" loading={create.isPending} disabled={environments.isPending}>
              Create key
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
