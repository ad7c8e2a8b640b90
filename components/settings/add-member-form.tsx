"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, Card, CardBody, CardHeader, TextField, useToast } from "@/components/ui";
import { PASSWORD_MIN_LENGTH } from "@/server/core/members/member-input";
import type { Role } from "@/server/core/access/roles";
import { RoleCheckboxes } from "./member-roles-editor";

const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters. Leave empty for members who sign in with SSO.`;

type Values = { email: string; name: string; roles: Role[]; password: string; team: string };
const EMPTY: Values = { email: "", name: "", roles: ["viewer"], password: "", team: "" };

export function AddMemberForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [values, setValues] = useState<Values>(EMPTY);
  const create = useMutation(
    trpc.members.create.mutationOptions({
      onSuccess: async (member, input) => {
        const how = input.password ? "with a password" : "through SSO";
        toast.notify(`${member.name} (${member.email}) added — they sign in ${how}.`);
        setValues(EMPTY);
        await Promise.all([
          queryClient.invalidateQueries(trpc.members.pathFilter()),
          queryClient.invalidateQueries(trpc.flags.formOptions.pathFilter()),
          queryClient.invalidateQueries(trpc.auditLog.pathFilter()),
        ]);
      },
    }),
  );
  const errors = formErrorsOf(create.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({
      email: values.email,
      name: values.name,
      roles: values.roles,
      password: values.password === "" ? undefined : values.password,
      team: values.team,
    });
  }

  return (
    <Card>
      <CardHeader title="Add a member" description="Sign-up is disabled: people get into Keel when an admin adds them here." />
      <CardBody>
        <form aria-label="Add a member" onSubmit={onSubmit} noValidate className="space-y-5">
          {errors.message ? <Alert tone="danger">{errors.message}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              id="member-email"
              label="Email"
              error={errors.fields.email}
              required
              type="email"
              autoComplete="off"
              value={values.email}
              onChange={(e) => setValues({ ...values, email: e.target.value })}
            />
            <TextField
              id="member-name"
              label="Name"
              error={errors.fields.name}
              required
              autoComplete="off"
              value={values.name}
              onChange={(e) => setValues({ ...values, name: e.target.value })}
            />
            <TextField
              id="member-team"
              label="Team"
              hint="Experimenters act on their team's experiments (e.g. growth). Optional."
              error={errors.fields.team}
              autoComplete="off"
              value={values.team}
              onChange={(e) => setValues({ ...values, team: e.target.value })}
            />
          </div>
          <RoleCheckboxes
            legend="Roles"
            value={values.roles}
            onChange={(roles) => setValues({ ...values, roles })}
            error={errors.fields.roles}
          />
          <div className="max-w-md">
            <TextField
              id="member-password"
              label="Initial password"
              hint={PASSWORD_HINT}
              error={errors.fields.password}
              type="password"
              autoComplete="new-password"
              value={values.password}
              onChange={(e) => setValues({ ...values, password: e.target.value })}
            />
          </div>
          <div>
            <Button type="submit" loading={create.isPending}>
              Add member
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
