import { Badge } from "@/components/ui";
import { describeEnvironmentState, type FlagEnvironmentState } from "@/server/core/flags/rollout";

/** Green with the plain-language state when the flag is on, neutral "Off" otherwise. */
export function EnvironmentStateBadge({ state }: { state: FlagEnvironmentState }) {
  return state.enabled ? (
    <Badge tone="success">{describeEnvironmentState(state)}</Badge>
  ) : (
    <Badge tone="neutral">Off</Badge>
  );
}
