"use client";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Button, useToast } from "@/components/ui";

type Props = { member: { id: string; email: string; active: boolean } };

/** Deactivate (after an explicit confirmation) or reactivate a member; the server keeps one admin. */
export function MemberActiveToggle({ member }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const setActive = useMutation(
    trpc.members.setActive.mutationOptions({
      onSuccess: async (result) => {
        setConfirming(false);
        toast.notify(result.active ? `${result.email} can sign in again.` : `${result.email} is deactivated and can no longer sign in.`);
        await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.auditLog.list.queryKey() });
      },
      onError: (error) => {
        setConfirming(false);
        toast.notify(formErrorsOf(error).message ?? "The member was not changed.", "danger");
      },
    }),
  );

  if (!member.active) {
    return (
      <Button variant="secondary" size="sm" loading={setActive.isPending} aria-label={`Reactivate ${member.email}`} onClick={() => setActive.mutate({ userId: member.id, active: true })}>
        Reactivate
      </Button>
    );
  }
  if (!confirming) {
    return (
      <Button variant="ghost" size="sm" aria-label={`Deactivate ${member.email}`} onClick={() => setConfirming(true)}>
        Deactivate
      </Button>
    );
  }
  return (
    <span className="inline-flex gap-2">
      <Button variant="danger" size="sm" loading={setActive.isPending} aria-label={`Confirm deactivating ${member.email}`} onClick={() => setActive.mutate({ userId: member.id, active: false })}>
        Confirm
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </span>
  );
}
