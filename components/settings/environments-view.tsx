"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { useCan } from "@/components/layout/current-user";
import {
  Alert,
  Badge,
  Button,
  Card,
  CardBody,
  CardHeader,
  Checkbox,
  EmptyState,
  LoadingBlock,
  PageHeader,
  TBody,
  THead,
  Table,
  Td,
  TextField,
  TextareaField,
  Th,
  Tr,
  useToast,
} from "@/components/ui";
import { KEY_RULE } from "@/server/core/keys";
import { EnvironmentReliabilitySection } from "./environment-reliability-section";

export function EnvironmentsView() {
  const canManage = useCan("environments:manage");
  return (
    <>
      <PageHeader
        title="Environments"
        description="Each flag has its own configuration in every environment. Production environments get the strictest treatment."
      />
      <div className="space-y-8">
        <EnvironmentsTable />
        {canManage ? <AddEnvironmentForm /> : <Alert tone="info">Only admins can add environments.</Alert>}
        <EnvironmentReliabilitySection />
      </div>
    </>
  );
}

function EnvironmentsTable() {
  const trpc = useTRPC();
  const environments = useQuery(trpc.environments.list.queryOptions());
  if (environments.isPending) return <LoadingBlock label="Loading environments…" />;
  if (environments.isError) {
    return (
      <Alert tone="danger" title="Environments could not be loaded">
        {environments.error.message}
      </Alert>
    );
  }
  if (environments.data.length === 0) return <EmptyState title="No environments yet" />;
  return (
    <Table caption="Environments">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Key</Th>
          <Th>Production</Th>
          <Th>Description</Th>
        </Tr>
      </THead>
      <TBody>
        {environments.data.map((env) => (
          <Tr key={env.id}>
            <Td className="font-medium">{env.name}</Td>
            <Td>
              <code className="font-mono text-xs text-slate-800">{env.key}</code>
            </Td>
            <Td>{env.isProduction ? <Badge tone="warning">Production</Badge> : <span className="text-slate-600">No</span>}</Td>
            <Td className="text-slate-700">{env.description || <span className="text-slate-500">—</span>}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

const EMPTY = { key: "", name: "", description: "", isProduction: false };

function AddEnvironmentForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [values, setValues] = useState(EMPTY);
  const create = useMutation(
    trpc.environments.create.mutationOptions({
      onSuccess: async (env) => {
        toast.notify(`Environment “${env.name}” added — every flag is off there.`);
        setValues(EMPTY);
        await Promise.all([
          queryClient.invalidateQueries(trpc.environments.pathFilter()),
          queryClient.invalidateQueries(trpc.flags.pathFilter()),
          queryClient.invalidateQueries(trpc.auditLog.pathFilter()),
        ]);
      },
    }),
  );
  const errors = formErrorsOf(create.error);
  const keyHint = `Used in SDK calls and URLs: ${KEY_RULE}.`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(values);
  }

  return (
    <Card>
      <CardHeader title="Add environment" description="Every existing flag gets a configuration in the new environment, switched off." />
      <CardBody>
        <form aria-label="Add environment" onSubmit={onSubmit} noValidate className="space-y-4">
          {errors.message ? <Alert tone="danger">{errors.message}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              id="env-key"
              label="Key"
              hint={keyHint}
              error={errors.fields.key}
              required
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              value={values.key}
              onChange={(e) => setValues({ ...values, key: e.target.value })}
            />
            <TextField
              id="env-name"
              label="Name"
              error={errors.fields.name}
              required
              autoComplete="off"
              value={values.name}
              onChange={(e) => setValues({ ...values, name: e.target.value })}
            />
          </div>
          <TextareaField
            id="env-description"
            label="Description"
            error={errors.fields.description}
            rows={2}
            value={values.description}
            onChange={(e) => setValues({ ...values, description: e.target.value })}
          />
          <Checkbox
            label="Production environment"
            checked={values.isProduction}
            onChange={(e) => setValues({ ...values, isProduction: e.target.checked })}
          />
          <div>
            <Button type="submit" loading={create.isPending}>
              Add environment
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
