import { Badge, type BadgeTone } from "@/components/ui";
import { EXPERIMENT_STATE_LABELS, type ExperimentState } from "@/server/core/experiments/experiment-types";

const TONES: Record<ExperimentState, BadgeTone> = {
  draft: "neutral",
  in_review: "warning",
  approved: "info",
  running: "success",
  paused: "warning",
  aborted: "danger",
  stopped: "neutral",
  cleaned_up: "neutral",
};

export function ExperimentStateBadge({ state, testId }: { state: ExperimentState; testId?: string }) {
  return (
    <Badge tone={TONES[state]} data-testid={testId}>
      {EXPERIMENT_STATE_LABELS[state]}
    </Badge>
  );
}
