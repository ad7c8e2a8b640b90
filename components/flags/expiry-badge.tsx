"use client";
import Link from "next/link";
import { Alert, Badge } from "@/components/ui";
import { formatDate } from "./format";
import { useNow } from "./use-now";
import { expiryStatus } from "@/server/core/flags/expiry";

/** "Expired" or "Expires soon" (the rule lives in server/core), nothing otherwise. */
export function ExpiryBadge({ expiresAt }: { expiresAt: Date }) {
  const status = expiryStatus(expiresAt, new Date(useNow()));
  if (status === "expired") return <Badge tone="danger">Expired · overdue</Badge>;
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

/** The flag page's banner while a flag is past its expiry (not archived): overdue for cleanup. */
export function OverdueFlagAlert({ expiresAt }: { expiresAt: Date }) {
  if (expiryStatus(expiresAt, new Date(useNow())) !== "expired") return null;
  return (
    <Alert tone="warning" title={`Overdue: expired on ${formatDate(expiresAt)}`}>
      This flag keeps serving what it serves, so users see no change, but it cannot be turned on, ramped up or used in a new experiment. Remove its code and archive
      it, or extend its expiry with a reason. It is listed on the{" "}
      <Link href="/cleanup" className="font-medium underline">
        Cleanup page
      </Link>
      .
    </Alert>
  );
}
