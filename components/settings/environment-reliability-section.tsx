"use client";
import { useQuery } from "@tanstack/react-query";
import { useCan } from "@/components/layout/current-user";
import { useTRPC } from "@/components/trpc/client";
import { Badge, Card, CardBody } from "@/components/ui";
import type { EnvironmentView } from "@/server/services/environments/list-environments";
import { EnvironmentReliabilityForm } from "./environment-reliability-form";
import { EnvironmentReliabilityValues } from "./environment-reliability-values";
import { PauseExperimentsSwitch } from "./pause-experiments-switch";

/** Settings → Environments: every environment's reliability budget, and the admins' incident switch. */
export function EnvironmentReliabilitySection() {
  const trpc = useTRPC();
  // the same query as the environments table above (one request): it shows the loading state and errors
  const list = useQuery(trpc.environments.list.queryOptions());
  const canManage = useCan("environments:manage");
  if (!list.data || list.data.length === 0) return null;
  const environments: EnvironmentView[] = list.data;
  return (
    <section aria-labelledby="reliability-budgets-heading" className="space-y-4">
      <div>
        <h2 id="reliability-budgets-heading" className="text-lg font-semibold text-slate-900">
          Reliability budgets
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          PHASE-42: experiments must respect reliability budgets. Each environment has an SLA target; what it leaves (100 % − SLA) is the error budget. An experiment whose variant
          burns that budget faster than the threshold, over both the short and the long window, is aborted and its flag turned off. The guardrail defaults pre-fill new
          experiments&apos; rules.{canManage ? null : " Only admins can change the budgets."}
        </p>
      </div>
      {environments.map((environment) => (
        <Card key={environment.id} role="region" aria-labelledby={`reliability-${environment.key}-heading`}>
          <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-5 py-4">
            <h3 id={`reliability-${environment.key}-heading`} className="text-base font-semibold text-slate-900">{environment.name}</h3>
            <code className="font-mono text-xs text-slate-700">{environment.key}</code>
            {environment.isProduction ? <Badge tone="warning">Production</Badge> : null}
          </div>
          <CardBody className="space-y-6">
            {canManage ? <EnvironmentReliabilityForm environment={environment} /> : <EnvironmentReliabilityValues environment={environment} />}
            {canManage ? (
              <div className="border-t border-slate-200 pt-4">
                <PauseExperimentsSwitch environment={environment} />
              </div>
            ) : null}
          </CardBody>
        </Card>
      ))}
    </section>
  );
}
