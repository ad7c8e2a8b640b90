"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useCan } from "@/components/layout/current-user";
import { Button, LinkButton, SpinnerIcon, useToast } from "@/components/ui";
import type { CleanupAction } from "@/server/services/cleanup/cleanup-overview";

/**
 * The row's next step: "Archive flag" in one click when the server's archive rules allow it
 * (the server checks them again), otherwise a link to where the work is.
 */
export function CleanupActionButton({ action, secondary = false }: { action: CleanupAction; secondary?: boolean }) {
  if (action.kind === "link") {
    return (
      <LinkButton size="sm" variant={secondary ? "ghost" : "secondary"} href={action.href}>
        {action.label}
      </LinkButton>
    );
  }
  return <ArchiveButton flagKey={action.flagKey} />;
}

function ArchiveButton({ flagKey }: { flagKey: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const canWrite = useCan("flags:write");
  const archive = useMutation(
    trpc.flags.archive.mutationOptions({
      onSuccess: async () => {
        toast.notify(`Archived “${flagKey}”: services now get FLAG_NOT_FOUND and use their code default.`, "success");
        await queryClient.invalidateQueries({ queryKey: trpc.cleanup.overview.queryKey() });
      },
      onError: (error) => toast.notify(error.message, "danger"),
    }),
  );
  if (!canWrite) return <span className="text-sm text-slate-600">Ready to archive</span>;
  return (
    <Button type="button" size="sm" variant="secondary" aria-busy={archive.isPending || undefined} onClick={() => !archive.isPending && archive.mutate({ flagKey })}>
      {archive.isPending ? <SpinnerIcon /> : null}
      Archive flag<span className="sr-only"> {flagKey}</span>
    </Button>
  );
}
