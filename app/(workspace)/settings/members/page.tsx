import type { Metadata } from "next";
import { MembersView } from "@/components/settings/members-view";

export const metadata: Metadata = { title: "Members and roles" };

export default function MembersPage() {
  return <MembersView />;
}
