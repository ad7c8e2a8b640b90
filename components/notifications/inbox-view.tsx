"use client";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert, Button, EmptyState, LoadingBlock, PageHeader, cn } from "@/components/ui";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The member's notifications, newest first: approval requests, decisions, voided approvals, disabled experiments. */
export function InboxView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inbox = useQuery(trpc.notifications.list.queryOptions());
  // Refreshes the list and the unread count in the navigation.
  const refresh = () => queryClient.invalidateQueries(trpc.notifications.pathFilter());
  const markOne = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));
  const markAll = useMutation(trpc.notifications.markAllRead.mutationOptions({ onSuccess: refresh }));
  const failed = markOne.error ?? markAll.error;
  return (
    <>
      <PageHeader
        title="Inbox"
        description="What needs you, and what happened to your requests."
        actions={
          inbox.data && inbox.data.unread > 0 ? (
            <Button variant="secondary" disabled={markAll.isPending} onClick={() => markAll.mutate()}>
              Mark all read
            </Button>
          ) : null
        }
      />
      {failed ? <Alert tone="danger" className="mb-4">{failed.message}</Alert> : null}
      {inbox.isPending ? (
        <LoadingBlock label="Loading inbox…" />
      ) : inbox.isError ? (
        <Alert tone="danger">{inbox.error.message}</Alert>
      ) : inbox.data.items.length === 0 ? (
        <EmptyState title="Nothing here yet" description="Approval requests and decisions about your experiments arrive here." />
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600">{inbox.data.unread === 0 ? "All read." : `${inbox.data.unread} unread.`}</p>
          <ul aria-label="Notifications" className="space-y-2">
            {inbox.data.items.map((n) => (
              <li key={n.id} className={cn("rounded-lg border p-4 text-sm", n.readAt ? "border-slate-200 bg-white" : "border-l-4 border-brand-200 border-l-brand-600 bg-brand-50")}>
                <p className={cn("text-slate-900", n.readAt ? "font-normal" : "font-semibold")}>
                  {n.readAt ? null : <span className="sr-only">Unread: </span>}
                  {n.link ? (
                    <Link href={n.link} className="underline" onClick={() => (n.readAt ? undefined : markOne.mutate({ id: n.id }))}>
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                {n.body ? <p className="mt-1 text-slate-700">{n.body}</p> : null}
                <p className="mt-1 text-xs text-slate-600">
                  <time dateTime={new Date(n.createdAt).toISOString()}>{dateTime.format(n.createdAt)}</time>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
