import type { Metadata } from "next";
import { SectionNotBuilt } from "@/components/layout/section-not-built";

export const metadata: Metadata = { title: "Approvals" };

export default function ApprovalsPage() {
  return (
    <SectionNotBuilt
      title="Approvals"
      purpose="Sign-offs that sensitive experiments need before they can start."
      plan="Pricing approvers will review experiments that affect billing, and security reviewers will sign off experiments that touch personal data or security-adjacent code. Each approval covers one design version; the queue of pending requests will appear here."
    />
  );
}
