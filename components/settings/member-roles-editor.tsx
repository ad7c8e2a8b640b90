"use client";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { useCurrentUser } from "@/components/layout/current-user";
import { Alert, Button, Checkbox, TextField, useToast } from "@/components/ui";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "@/server/core/access/roles";

type RoleCheckboxesProps = {
  legend: string;
  value: Role[];
  onChange: (roles: Role[]) => void;
  error?: string;
  /** Focus the first checkbox when shown (for inline editors). */
  autoFocus?: boolean;
};

/** A fieldset with one checkbox per role, each described by what the role may do. */
export function RoleCheckboxes({ legend, value, onChange, error, autoFocus }: RoleCheckboxesProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) first.current?.focus();
  }, [autoFocus]);

  function toggle(role: Role, checked: boolean) {
    onChange(checked ? ROLES.filter((r) => r === role || value.includes(r)) : value.filter((r) => r !== role));
  }

  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <ul className="mt-2 grid gap-3 sm:grid-cols-2">
        {ROLES.map((role, index) => (
          <li key={role}>
            <Checkbox
              ref={index === 0 ? first : undefined}
              label={<span className="font-medium">{ROLE_LABELS[role]}</span>}
              checked={value.includes(role)}
              aria-describedby={`${id}-${role}`}
              onChange={(e) => toggle(role, e.target.checked)}
            />
            <p id={`${id}-${role}`} className="mt-0.5 ml-6 text-xs text-slate-600">
              {ROLE_DESCRIPTIONS[role]}
            </p>
          </li>
        ))}
      </ul>
      {error ? (
        <p id={errorId} role="alert" className="mt-2 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

type EditorProps = {
  member: { id: string; email: string; roles: Role[]; team: string };
  onClose: () => void;
};

/** Inline editor for one member's roles. The server keeps at least one admin and says so if refused. */
export function MemberRolesEditor({ member, onClose }: EditorProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const me = useCurrentUser();
  const [roles, setRoles] = useState<Role[]>(member.roles);
  const [team, setTeam] = useState(member.team);
  const update = useMutation(
    trpc.members.updateRoles.mutationOptions({
      onSuccess: async () => {
        toast.notify(`Roles for ${member.email} saved.`);
        await Promise.all([
          queryClient.invalidateQueries(trpc.members.pathFilter()),
          queryClient.invalidateQueries(trpc.auditLog.pathFilter()),
        ]);
        // Your own roles changed: reload the session so navigation and permissions follow.
        if (member.id === me.id) router.refresh();
        onClose();
      },
    }),
  );
  const errors = formErrorsOf(update.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ userId: member.id, roles, team });
  }

  return (
    <form
      aria-label={`Edit roles for ${member.email}`}
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
      className="space-y-4 rounded-lg border border-brand-200 bg-brand-50/40 p-4"
    >
      {errors.message ? <Alert tone="danger">{errors.message}</Alert> : null}
      <RoleCheckboxes legend={`Roles for ${member.email}`} value={roles} onChange={setRoles} error={errors.fields.roles} autoFocus />
      <div className="max-w-xs">
        <TextField id={`team-${member.id}`} label={`Team of ${member.email}`} hint="Experimenters act on their team's experiments." error={errors.fields.team} value={team} onChange={(e) => setTeam(e.target.value)} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" loading={update.isPending}>
          Save roles
        </Button>
        <Button variant="secondary" size="sm" onClick={onClose} disabled={update.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
