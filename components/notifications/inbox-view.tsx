"use client";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert, Button, EmptyState, LoadingBlock, PageHeader, cn } from "@/components/ui";
import { formatDate } from "@/components/flags/format";

/** The member's notifications: approval requests, decisions, voided approvals, disabled experiments. */
export function InboxView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inbox = useQuery(trpc.notifications.list.queryOptions());
  const mark = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.notifications.pathFilter()) }));
  return (
    <>
      <PageHeader
        title="Inbox"
        description="What needs you, and what happened to your requests."
        actions={inbox.data && inbox.data.unread > 0 ? <Button variant="secondary" onClick={() => mark.mutate({})}>Mark all read</Button> : null}
      />
      {inbox.isPending ? (
        <LoadingBlock label="Loading inbox…" />
      ) : inbox.isError ? (
        <Alert tone="danger">{inbox.error.message}</Alert>
      ) : inbox.data.items.length === 0 ? (
        <EmptyState title="Nothing here yet" description="Approval requests and decisions about your experiments arrive here." />
      ) : (
        <ul aria-label="Notifications" className="space-y-2">
          {inbox.data.items.map((n) => (
            <li key={n.id} className={cn("rounded-lg border p-4 text-sm", n.readAt ? "border-slate-200 bg-white" : "border-brand-200 bg-brand-50")}>
              <p className="font-medium text-slate-900">
                {n.readAt ? null : <span className="sr-only">Unread: </span>}
                {n.link ? (
                  <Link href={n.link} className="underline" onClick={() => (n.readAt ? undefined : mark.mutate({ id: n.id }))}>
                    {n.title}
                  </Link>
                ) : (
                  n.title
                )}
              </p>
              {n.body ? <p className="mt-1 text-slate-700">{n.body}</p> : null}
              <p className="mt-1 text-xs text-slate-600">{formatDate(n.createdAt)}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
