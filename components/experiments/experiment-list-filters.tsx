"use client";
import { SelectField } from "@/components/ui";
import type { ExperimentListQuery } from "@/server/core/experiments/experiment-list-query";
import { EXPERIMENT_STATES, EXPERIMENT_STATE_LABELS, EXPERIMENT_TYPES, EXPERIMENT_TYPE_LABELS } from "@/server/core/experiments/experiment-types";

type Props = {
  query: ExperimentListQuery;
  owners: { id: string; name: string }[];
  environments: { key: string; name: string }[];
  onChange: (query: ExperimentListQuery) => void;
};

/** State, type, owner and environment filters; each applies at once and lives in the URL. */
export function ExperimentListFilters({ query, owners, environments, onChange }: Props) {
  const set = (patch: Partial<ExperimentListQuery>) => onChange({ ...query, ...patch });
  return (
    <form role="search" aria-label="Filter experiments" className="mb-4 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4" onSubmit={(e) => e.preventDefault()}>
      <SelectField id="filter-state" label="State" value={query.state ?? ""} onChange={(e) => set({ state: (e.target.value || undefined) as ExperimentListQuery["state"] })}>
        <option value="">Any state</option>
        {EXPERIMENT_STATES.map((s) => (
          <option key={s} value={s}>
            {EXPERIMENT_STATE_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <SelectField id="filter-type" label="Type" value={query.type ?? ""} onChange={(e) => set({ type: (e.target.value || undefined) as ExperimentListQuery["type"] })}>
        <option value="">Any type</option>
        {EXPERIMENT_TYPES.filter((t) => t !== "security_auth").map((t) => (
          <option key={t} value={t}>
            {EXPERIMENT_TYPE_LABELS[t]}
          </option>
        ))}
      </SelectField>
      <SelectField id="filter-owner" label="Owner" value={query.owner ?? ""} onChange={(e) => set({ owner: e.target.value || undefined })}>
        <option value="">Anyone</option>
        {owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <SelectField id="filter-environment" label="Environment" value={query.environment ?? ""} onChange={(e) => set({ environment: e.target.value || undefined })}>
        <option value="">Any environment</option>
        {environments.map((env) => (
          <option key={env.key} value={env.key}>
            {env.name}
          </option>
        ))}
      </SelectField>
    </form>
  );
}
