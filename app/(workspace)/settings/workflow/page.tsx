import type { Metadata } from "next";
import { WorkflowSettings } from "@/components/settings/workflow-settings-form";

export const metadata: Metadata = { title: "Experiment policy and notifications · Settings" };

export default function WorkflowSettingsPage() {
  return <WorkflowSettings />;
}
