import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { LoadingBlock } from "@/components/ui";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditLogPage() {
  return (
    <Suspense fallback={<LoadingBlock label="Loading audit log…" />}>
      <AuditLogView />
    </Suspense>
  );
}
