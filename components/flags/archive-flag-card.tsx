"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { useCurrentUser } from "@/components/layout/current-user";
import { Alert, Button, Card, CardBody, CardHeader, SpinnerIcon, TextareaField } from "@/components/ui";
import type { ArchiveVerdict } from "@/server/core/flags/archive-rules";
import type { FlagRecord } from "@/server/db/flags";
import { useFlagSaved } from "./use-flag-mutation";
import { formatDate } from "./format";

/**
 * "Archive flag" (flags:write): the server decides and says why not; admins may archive despite
 * code references (or no scan) with a reason, which the audit log keeps.
 */
export function ArchiveFlagCard({ flag, verdict }: { flag: FlagRecord; verdict: ArchiveVerdict | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saved = useFlagSaved(flag.key);
  const isAdmin = useCurrentUser().roles.includes("admin");
  const [reason, setReason] = useState("");
  const archive = useMutation(
    trpc.flags.archive.mutationOptions({
      onSuccess: async (updated) => {
        await saved(updated, `Archived “${updated.key}” on ${formatDate(updated.archivedAt ?? new Date())}`);
        await queryClient.invalidateQueries({ queryKey: trpc.flags.codeReferences.queryKey({ key: flag.key }) });
      },
    }),
  );
  const errors = formErrorsOf(archive.error);
  const offerOverride = isAdmin && verdict !== undefined && !verdict.allowed && verdict.needsOverride;

  function onOverride(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!archive.isPending) archive.mutate({ flagKey: flag.key, overrideReason: reason });
  }
  return (
    <Card>
      <CardHeader
        title="Archive flag"
        description="An archived flag leaves every environment's snapshot: services get FLAG_NOT_FOUND and use the default in their code. It stays readable here with its history, but can no longer be changed, turned on or used in an experiment."
      />
      <CardBody className="space-y-4">
        {archive.error && !errors.fields.overrideReason ? (
          <Alert tone="danger" title="Not archived">
            {errors.message}
          </Alert>
        ) : null}
        <Button type="button" variant="secondary" aria-busy={archive.isPending || undefined} onClick={() => !archive.isPending && archive.mutate({ flagKey: flag.key })}>
          {archive.isPending ? <SpinnerIcon /> : null}
          Archive flag
        </Button>
        {offerOverride ? (
          <form onSubmit={onOverride} noValidate aria-label="Archive despite code references" className="space-y-3 border-t border-slate-200 pt-4">
            <h3 className="text-sm font-semibold text-slate-900">Admin override</h3>
            <p className="text-sm text-slate-600">{verdict.reason}</p>
            <TextareaField
              id="archive-override-reason"
              label="Override reason"
              hint="Why archiving is safe although the scans do not show it (kept in the audit log)."
              rows={2}
              required
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={errors.fields.overrideReason}
            />
            <Button type="submit" variant="danger" aria-busy={archive.isPending || undefined}>
              Archive anyway
            </Button>
          </form>
        ) : null}
      </CardBody>
    </Card>
  );
}
