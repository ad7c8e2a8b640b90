"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert, Badge, EmptyState, LoadingBlock, TBody, THead, Table, Td, Th, Tr } from "@/components/ui";
import { SDK_KEY_KIND_DESCRIPTIONS, SDK_KEY_KIND_LABELS } from "@/server/core/sdk-keys/sdk-key";
import { SdkKeysRevokeButton } from "./sdk-keys-revoke-button";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function When({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{dateTime.format(at)}</time>;
}

/** Every key, active and revoked, newest first. Never a secret: only the prefix. */
export function SdkKeysTable() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.sdkKeys.list.queryOptions({}));

  if (keys.isPending) return <LoadingBlock label="Loading SDK keys…" />;
  if (keys.isError) {
    return (
      <Alert tone="danger" title="SDK keys could not be loaded">
        {keys.error.message}
      </Alert>
    );
  }
  if (keys.data.length === 0) {
    return <EmptyState title="No SDK keys yet" description="Create one above for each service that evaluates flags." />;
  }

  return (
    <Table caption="SDK keys">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Environment</Th>
          <Th>Kind</Th>
          <Th>Prefix</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {keys.data.map((key) => (
          <Tr key={key.id} className={key.status === "revoked" ? "bg-slate-50 text-slate-600" : undefined}>
            <Td className="font-medium [overflow-wrap:anywhere]">{key.name}</Td>
            <Td className="whitespace-nowrap">{key.environmentName}</Td>
            <Td>
              <Badge tone={key.kind === "server" ? "info" : "neutral"} title={SDK_KEY_KIND_DESCRIPTIONS[key.kind]}>
                {SDK_KEY_KIND_LABELS[key.kind]}
              </Badge>
            </Td>
            <Td>
              <code className="font-mono text-xs whitespace-nowrap text-slate-800">{key.keyPrefix}…</code>
            </Td>
            <Td className="text-slate-700">
              <When at={key.createdAt} />
              <span className="block text-xs [overflow-wrap:anywhere] text-slate-600">by {key.createdByEmail}</span>
            </Td>
            <Td className="whitespace-nowrap text-slate-700">
              {key.lastUsedAt ? <When at={key.lastUsedAt} /> : <span className="text-slate-600">never</span>}
            </Td>
            <Td>
              {key.status === "active" ? (
                <Badge tone="success">active</Badge>
              ) : (
                <Badge tone="neutral" title={key.revokedAt ? `Revoked ${dateTime.format(key.revokedAt)}` : undefined}>
                  revoked
                </Badge>
              )}
            </Td>
            <Td className="text-right whitespace-nowrap">
              {key.status === "active" ? <SdkKeysRevokeButton sdkKey={key} /> : null}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
