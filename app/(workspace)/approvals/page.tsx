import type { Metadata } from "next";
import { NotBuiltYet, PageHeader } from "@/components/ui";

export const metadata: Metadata = { title: "Approvals" };

export default function ApprovalsPage() {
  return (
    <>
      <PageHeader title="Approvals" description="Sign-offs that sensitive experiments need before they can start." />
      <NotBuiltYet
        section="Approvals"
        description="Pricing approvers will review experiments that affect billing, and security reviewers will sign off experiments that touch personal data or security-adjacent code. Each approval covers one design version; the queue of pending requests will appear here."
      />
    </>
  );
}
