"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert, EmptyState, LoadingBlock, PageHeader } from "@/components/ui";
import { ApprovalCard } from "./approval-card";

/** Pending approval requests of the kinds the signed-in member reviews. */
export function ApprovalQueue() {
  const trpc = useTRPC();
  const queue = useQuery({ ...trpc.approvals.queue.queryOptions(), refetchInterval: 15_000 });
  return (
    <>
      <PageHeader title="Approvals" description="Pricing approvers decide pricing and billing-affecting experiments; security reviewers sign off sensitive ones. Nobody approves their own request." />
      {queue.isPending ? (
        <LoadingBlock label="Loading requests…" />
      ) : queue.isError ? (
        <Alert tone="danger">{queue.error.message}</Alert>
      ) : queue.data.kinds.length === 0 ? (
        <Alert tone="info">You review nothing: pricing approvals need the pricing approver role, security sign-offs the security reviewer role. Ask an admin.</Alert>
      ) : queue.data.items.length === 0 ? (
        <EmptyState title="Nothing waits for you" description="New requests appear here and in your inbox." />
      ) : (
        <div className="space-y-6">
          {queue.data.items.map((item) => (
            <ApprovalCard key={item.approval.id} item={item} />
          ))}
        </div>
      )}
    </>
  );
}
