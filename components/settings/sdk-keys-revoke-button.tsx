"use client";
import { useEffect, useId, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Button, useToast } from "@/components/ui";

type Props = { sdkKey: { id: string; name: string; keyPrefix: string } };

/** Revoke, after an explicit confirmation: services using the key are refused from then on. */
export function SdkKeysRevokeButton({ sdkKey }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const questionId = useId();
  const [confirming, setConfirming] = useState(false);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const revoke = useMutation(
    trpc.sdkKeys.revoke.mutationOptions({
      onSuccess: async (key) => {
        setConfirming(false);
        toast.notify(`Key “${key.name}” (${key.keyPrefix}) is revoked: services using it are refused.`);
        await Promise.all([
          queryClient.invalidateQueries(trpc.sdkKeys.pathFilter()),
          queryClient.invalidateQueries(trpc.auditLog.pathFilter()),
        ]);
      },
      onError: async (error) => {
        setConfirming(false);
        toast.notify(formErrorsOf(error).message ?? "The key was not revoked.", "danger");
        await queryClient.invalidateQueries(trpc.sdkKeys.pathFilter());
      },
    }),
  );

  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
  }, [confirming]);

  function cancel() {
    setConfirming(false);
    window.requestAnimationFrame(() => revokeButton.current?.focus());
  }

  if (!confirming) {
    return (
      <Button ref={revokeButton} variant="ghost" size="sm" aria-label={`Revoke key ${sdkKey.name}`} onClick={() => setConfirming(true)}>
        Revoke
      </Button>
    );
  }
  return (
    <span role="group" aria-labelledby={questionId} className="inline-flex flex-wrap items-center justify-end gap-2">
      <span id={questionId} className="text-sm font-medium text-slate-900">
        Revoke key “{sdkKey.name}”?
      </span>
      <Button
        variant="danger"
        size="sm"
        loading={revoke.isPending}
        aria-label={`Confirm revoking key ${sdkKey.name}`}
        onClick={() => revoke.mutate({ id: sdkKey.id })}
      >
        Revoke
      </Button>
      <Button ref={cancelButton} variant="secondary" size="sm" aria-label={`Cancel revoking key ${sdkKey.name}`} onClick={cancel}>
        Cancel
      </Button>
    </span>
  );
}
