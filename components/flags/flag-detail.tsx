"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useCan } from "@/components/layout/current-user";
import { Alert, EmptyState, LinkButton, LoadingBlock, PageHeader } from "@/components/ui";
import type { FlagRecord } from "@/server/db/flags";
import { EnvironmentCard } from "./environment-card";
import { FlagSummaryCard } from "./flag-summary-card";
import { TargetingSection } from "./targeting-section";
import { TestFlagPanel } from "./test-flag-panel";
import { FlagEditCard } from "./flag-edit-forms";
import { formatDate } from "./format";
import { CodeReferencesSection } from "./code-references-section";
import { ArchiveFlagCard } from "./archive-flag-card";
import { OverdueFlagAlert } from "./expiry-badge";

export function FlagDetail({ flagKey }: { flagKey: string }) {
  const trpc = useTRPC();
  const flag = useQuery(trpc.flags.byKey.queryOptions({ key: flagKey }));

  if (flag.isPending) return <LoadingBlock label="Loading flag…" />;
  if (flag.isError) {
    const code = flag.error.data?.code;
    // A malformed key in the URL cannot name a flag either.
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") return <FlagNotFound flagKey={flagKey} />;
    return (
      <>
        <BackToFlags />
        <PageHeader title={flagKey} />
        <Alert tone="danger" title="This flag could not be loaded">
          {flag.error.message}
        </Alert>
      </>
    );
  }
  return <FlagDetailView flagKey={flagKey} flag={flag.data} />;
}

function FlagDetailView({ flagKey, flag }: { flagKey: string; flag: FlagRecord }) {
  const canWrite = useCan("flags:write");
  const archived = flag.archivedAt !== null;
  const readOnly = !canWrite || archived;
  const trpc = useTRPC();
  const references = useQuery(trpc.flags.codeReferences.queryOptions({ key: flagKey }));
  return (
    <>
      <BackToFlags />
      <PageHeader
        title={flag.name}
        description={flag.description ? `${flag.key} — ${flag.description}` : flag.key}
        actions={
          <LinkButton variant="secondary" href={`/audit-log?entityType=flag&entityKey=${encodeURIComponent(flag.key)}`}>
            View audit history
          </LinkButton>
        }
      />
      <div className="space-y-8">
        {flag.archivedAt ? (
          <Alert tone="info" title={`Archived on ${formatDate(flag.archivedAt)}`}>
            This flag has left every environment&apos;s snapshot: services get FLAG_NOT_FOUND and use the default in their code. Its configuration and history stay readable.
          </Alert>
        ) : (
          <OverdueFlagAlert expiresAt={flag.expiresAt} />
        )}
        <FlagSummaryCard flag={flag} />
        {readOnly ? null : <FlagEditCard flag={flag} />}
        <section aria-labelledby="environments-heading" className="space-y-4">
          <div>
            <h2 id="environments-heading" className="text-lg font-semibold text-slate-900">
              Environments
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              Each environment is switched and rolled out on its own. Changes apply immediately and are recorded in the audit log.
            </p>
          </div>
          {!canWrite ? (
            <Alert tone="info">You can view this flag. Changing it needs the experimenter or admin role.</Alert>
          ) : archived && flag.archivedAt ? (
            <Alert tone="info">This flag was archived on {formatDate(flag.archivedAt)}; it can no longer be changed.</Alert>
          ) : null}
          {flag.environments.length === 0 ? (
            <EmptyState
              headingLevel={3}
              title="No environments"
              description="Add an environment in Settings → Environments to configure this flag."
            />
          ) : (
            <div className="grid gap-4 lg:grid-cols-2">
              {flag.environments.map((environment) => (
                <EnvironmentCard
                  key={environment.environmentKey}
                  flagKey={flagKey}
                  splitVariations={flag.valueType === "boolean" ? [] : flag.variations}
                  environment={environment}
                  readOnly={readOnly}
                />
              ))}
            </div>
          )}
        </section>
        {flag.environments.length > 0 ? <TargetingSection flag={flag} readOnly={readOnly} /> : null}
        {flag.environments.length > 0 ? <TestFlagPanel flag={flag} /> : null}
        <CodeReferencesSection scans={references.data?.scans} />
        {readOnly ? null : <ArchiveFlagCard flag={flag} verdict={references.data?.archive} />}
      </div>
    </>
  );
}

function BackToFlags() {
  return (
    <p className="mb-3 text-sm">
      <Link href="/flags" className="font-medium text-brand-700 hover:text-brand-800 hover:underline">
        <span aria-hidden="true">← </span>All flags
      </Link>
    </p>
  );
}

function FlagNotFound({ flagKey }: { flagKey: string }) {
  return (
    <>
      <h1 className="sr-only">Flag {flagKey}</h1>
      <EmptyState
        title="Flag not found"
        description={`No flag has the key “${flagKey}”. The link may be mistyped, or the flag may have been removed.`}
        action={
          <LinkButton variant="secondary" href="/flags">
            Back to flags
          </LinkButton>
        }
      />
    </>
  );
}
