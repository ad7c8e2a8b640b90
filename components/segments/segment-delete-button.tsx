"use client";
import { useEffect, useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, useToast } from "@/components/ui";

type Props = { segment: { key: string; version: number } };

/** Delete, after an explicit confirmation; a segment in use is refused with the list of its users. */
export function SegmentDeleteButton({ segment }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const questionId = useId();
  const [confirming, setConfirming] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const remove = useMutation(
    trpc.segments.delete.mutationOptions({
      onSuccess: async ({ key }) => {
        toast.notify(`Segment “${key}” deleted.`);
        await Promise.all([queryClient.invalidateQueries(trpc.segments.pathFilter()), queryClient.invalidateQueries(trpc.auditLog.pathFilter())]);
        router.push("/segments");
      },
      onError: async () => {
        setConfirming(false);
        await queryClient.invalidateQueries(trpc.segments.pathFilter());
      },
    }),
  );

  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
  }, [confirming]);

  function cancel() {
    setConfirming(false);
    window.requestAnimationFrame(() => deleteButton.current?.focus());
  }

  const refusal = remove.error ? formErrorsOf(remove.error).message : null;
  return (
    <div className="flex max-w-md flex-col items-end gap-2">
      {confirming ? (
        <span role="group" aria-labelledby={questionId} className="inline-flex flex-wrap items-center justify-end gap-2">
          <span id={questionId} className="text-sm font-medium text-slate-900">
            Delete segment “{segment.key}”?
          </span>
          <Button variant="danger" size="sm" loading={remove.isPending} onClick={() => remove.mutate({ key: segment.key, version: segment.version })}>
            Yes, delete
          </Button>
          <Button ref={cancelButton} variant="secondary" size="sm" onClick={cancel}>
            Cancel
          </Button>
        </span>
      ) : (
        <Button
          ref={deleteButton}
          variant="secondary"
          size="sm"
          className="text-red-700"
          onClick={() => {
            remove.reset();
            setConfirming(true);
          }}
        >
          Delete segment
        </Button>
      )}
      {refusal ? (
        <Alert tone="danger" title="The segment was not deleted" className="text-left">
          {refusal}
        </Alert>
      ) : null}
    </div>
  );
}
