"use client";
import { Badge } from "@/components/ui";
import { formatDate } from "./format";
import { useNow } from "./use-now";
import { expiryStatus } from "@/server/core/flags/expiry";

/** "Expired" or "Expires soon" (the rule lives in server/core), nothing otherwise. */
export function ExpiryBadge({ expiresAt }: { expiresAt: Date }) {
  const status = expiryStatus(expiresAt, new Date(useNow()));
  if (status === "expired") return <Badge tone="danger">Expired</Badge>;
  if (status === "expiring_soon") return <Badge tone="warning">Expires soon</Badge>;
  return null;
}

/** The expiry date (UTC) followed by its badge. */
export function ExpiryDate({ expiresAt }: { expiresAt: Date }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
      <time dateTime={expiresAt.toISOString()} className="whitespace-nowrap">
        {formatDate(expiresAt)}
      </time>
      <ExpiryBadge expiresAt={expiresAt} />
    </span>
  );
}
