import Link from "next/link";
import type * as React from "react";
import { formatDate } from "@/components/flags/format";
import type { ExperimentView } from "@/server/services/experiments/experiment-view";
import { ExperimentStateBadge } from "./state-badge";

/** State, owner, team, flag, environment, exposure, design version and dates at a glance, plus linked redesigns. */
export function ExperimentOverview({ view }: { view: ExperimentView }) {
  const { experiment: e } = view;
  return (
    <section aria-label="Overview" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3">
      <Fact label="State">
        <ExperimentStateBadge state={e.state} testId="experiment-state" />
      </Fact>
      <Fact label="Owner">{`${e.owner.name} (${e.owner.email})`}</Fact>
      <Fact label="Team">{e.content.team || "—"}</Fact>
      <Fact label="Flag">
        <Link href={`/flags/${e.flag.key}`} className="text-brand-700 underline">
          {e.flag.key}
        </Link>
      </Fact>
      <Fact label="Environment">{e.environment.name}</Fact>
      <Fact label="Exposure now">{`${view.currentExposure} % (planned ${e.content.design.exposurePercentage} %)`}</Fact>
      <Fact label="Design version">{String(e.designVersion)}</Fact>
      <Fact label="Started">{e.startedAt ? formatDate(e.startedAt) : "—"}</Fact>
      <Fact label="Planned end">{e.plannedEndAt ? formatDate(e.plannedEndAt) : "—"}</Fact>
      {e.iteratedFrom ? (
        <Fact label="Redesign of">
          <Link href={`/experiments/${e.iteratedFrom.key}`} className="text-brand-700 underline">
            {e.iteratedFrom.name} ({e.iteratedFrom.key})
          </Link>
        </Fact>
      ) : null}
      {e.iterations.length > 0 ? (
        <Fact label="Redesigned as">
          {e.iterations.map((i) => (
            <Link key={i.key} href={`/experiments/${i.key}`} className="mr-2 text-brand-700 underline">
              {i.key}
            </Link>
          ))}
        </Fact>
      ) : null}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <p className="text-slate-600">{label}</p>
      <div className="font-medium text-slate-900">{children}</div>
    </div>
  );
}
