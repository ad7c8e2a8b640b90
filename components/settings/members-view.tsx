"use client";
import { Fragment, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useCan, useCurrentUser } from "@/components/layout/current-user";
import { Alert, Badge, Button, LoadingBlock, PageHeader, TBody, THead, Table, Td, Th, Tr } from "@/components/ui";
import { ROLE_LABELS } from "@/server/core/access/roles";
import { AddMemberForm } from "./add-member-form";
import { MemberRolesEditor } from "./member-roles-editor";
import { MemberActiveToggle } from "./member-active-toggle";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const COLUMNS = 7;

export function MembersView() {
  const canManage = useCan("members:manage");
  return (
    <>
      <PageHeader title="Members and roles" description="Who can sign in to Keel and what each person may do. A member can hold several roles." />
      {canManage ? (
        <div className="space-y-8">
          <MembersTable />
          <AddMemberForm />
        </div>
      ) : (
        <Alert tone="warning">Only admins can manage members and roles.</Alert>
      )}
    </>
  );
}

function MembersTable() {
  const trpc = useTRPC();
  const me = useCurrentUser();
  const members = useQuery(trpc.members.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());

  function close() {
    const id = editing;
    setEditing(null);
    if (id) window.requestAnimationFrame(() => editButtons.current.get(id)?.focus());
  }

  if (members.isPending) return <LoadingBlock label="Loading members…" />;
  if (members.isError) {
    return (
      <Alert tone="danger" title="Members could not be loaded">
        {members.error.message}
      </Alert>
    );
  }

  return (
    <Table caption="Members">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Team</Th>
          <Th>Roles</Th>
          <Th>Signs in with</Th>
          <Th>Last sign-in</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {members.data.map((member) => {
          const open = editing === member.id;
          const editorId = `roles-editor-${member.id}`;
          return (
            <Fragment key={member.id}>
              <Tr className={open ? "bg-slate-50" : undefined}>
                <Td className="font-medium">
                  {member.name}
                  {member.active ? null : (
                    <Badge tone="neutral" className="ml-2">
                      Deactivated
                    </Badge>
                  )}
                </Td>
                <Td className="[overflow-wrap:anywhere] text-slate-700">{member.email}</Td>
                <Td className="text-slate-700">{member.team || "—"}</Td>
                <Td>
                  <ul className="flex flex-wrap gap-1">
                    {member.roles.map((role) => (
                      <li key={role}>
                        <Badge tone={role === "admin" ? "info" : "neutral"}>{ROLE_LABELS[role]}</Badge>
                      </li>
                    ))}
                    {member.roles.length === 0 ? <li className="text-slate-600">No role</li> : null}
                  </ul>
                </Td>
                <Td className="whitespace-nowrap">{member.signsInWith === "password" ? "Password" : "SSO"}</Td>
                <Td className="whitespace-nowrap text-slate-700">
                  {member.lastSignInAt ? (
                    <time dateTime={member.lastSignInAt.toISOString()}>{dateTime.format(member.lastSignInAt)}</time>
                  ) : (
                    <span className="text-slate-600">Never</span>
                  )}
                </Td>
                <Td className="space-x-2 whitespace-nowrap text-right">
                  {member.id === me.id ? null : <MemberActiveToggle member={member} />}
                  <Button
                    ref={(el) => {
                      if (el) editButtons.current.set(member.id, el);
                      else editButtons.current.delete(member.id);
                    }}
                    variant="secondary"
                    size="sm"
                    aria-label={`Edit roles for ${member.email}`}
                    aria-expanded={open}
                    aria-controls={open ? editorId : undefined}
                    onClick={() => (open ? close() : setEditing(member.id))}
                  >
                    Edit roles
                  </Button>
                </Td>
              </Tr>
              {open ? (
                <Tr className="bg-slate-50">
                  <Td colSpan={COLUMNS} id={editorId}>
                    <MemberRolesEditor member={member} onClose={close} />
                  </Td>
                </Tr>
              ) : null}
            </Fragment>
          );
        })}
      </TBody>
    </Table>
  );
}
