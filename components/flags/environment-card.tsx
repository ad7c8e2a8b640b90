"use client";
import { Badge, Card, CardBody, CardHeader, Switch } from "@/components/ui";
import type { FlagEnvironmentRecord } from "@/server/db/flags";
import { EnvironmentStateBadge } from "./environment-state-badge";
import { RolloutForm } from "./rollout-form";
import { useUpdateEnvironment } from "./use-update-environment";
import { WeightsForm } from "./weights-form";
import type { Variation } from "@/server/core/flags/variations";

type EnvironmentCardProps = {
  flagKey: string;
  /** variations the rollout can split between (none for boolean flags: the rollout % is their split) */
  splitVariations: Variation[];
  environment: FlagEnvironmentRecord;
  readOnly: boolean;
};

/** A flag in one environment: the on/off switch (applies immediately), its state and the rollout. */
export function EnvironmentCard({ flagKey, splitVariations, environment, readOnly }: EnvironmentCardProps) {
  const toggle = useUpdateEnvironment(flagKey, environment);
  const { environmentName } = environment;
  const switchId = `enabled-${environment.environmentKey}`;
  // While a switch change is on its way, show where it is going.
  const enabled = toggle.isPending && toggle.variables.enabled !== undefined ? toggle.variables.enabled : environment.enabled;

  function onCheckedChange(next: boolean) {
    if (readOnly || toggle.isPending) return;
    toggle.mutate({ flagKey, environmentKey: environment.environmentKey, enabled: next });
  }

  return (
    <Card>
      <CardHeader
        title={environmentName}
        actions={environment.isProduction ? <Badge tone="warning">Production</Badge> : undefined}
      />
      <CardBody className="space-y-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-3">
            <Switch
              id={switchId}
              checked={enabled}
              onCheckedChange={onCheckedChange}
              label={`Enabled in ${environmentName}`}
              disabled={readOnly}
            />
            {/* Clicking the visible word toggles too; the switch's own name is the full label. */}
            <label htmlFor={switchId} aria-hidden="true" className={readOnly ? "text-sm font-medium text-slate-600" : "cursor-pointer text-sm font-medium text-slate-900"}>
              Enabled
            </label>
          </div>
          <div className="flex items-center gap-2">
            <EnvironmentStateBadge state={environment} />
            <span className="text-xs text-slate-600">version {environment.version}</span>
          </div>
        </div>
        <RolloutForm flagKey={flagKey} environment={environment} readOnly={readOnly} />
        {splitVariations.length > 1 ? (
          <WeightsForm key={environment.version} flagKey={flagKey} environment={environment} variations={splitVariations} readOnly={readOnly} />
        ) : null}
      </CardBody>
    </Card>
  );
}
