import { Badge, type BadgeTone } from "@/components/ui";
import type { GuardrailStatus } from "@/server/core/guardrails/check-guardrails";

export const STATUS_LABELS: Record<GuardrailStatus, string> = {
  healthy: "Healthy",
  breached: "Breached",
  insufficient_data: "Not enough data",
};

const STATUS_TONES: Record<GuardrailStatus, BadgeTone> = { healthy: "success", breached: "danger", insufficient_data: "neutral" };

/** A rule's verdict as a badge: "Healthy", "Breached" or "Not enough data". */
export function StatusBadge({ status }: { status: GuardrailStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
