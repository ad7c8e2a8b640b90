"use client";
import { Badge } from "@/components/ui";
import { formatDate } from "./format";
import { useNow } from "./use-now";

const SOON_MS = 14 * 24 * 60 * 60 * 1000;

/** "Expired" once the expiry has passed, "Expires soon" within 14 days, nothing otherwise. */
export function ExpiryBadge({ expiresAt }: { expiresAt: Date }) {
  const now = useNow();
  const remaining = expiresAt.getTime() - now;
  if (remaining <= 0) return <Badge tone="danger">Expired</Badge>;
  if (remaining <= SOON_MS) return <Badge tone="warning">Expires soon</Badge>;
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
