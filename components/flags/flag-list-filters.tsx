"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button, Field, Input, Select } from "@/components/ui";
import {
  hasFlagListFilters,
  SEARCH_MAX_LENGTH,
  type ExpiryFilter,
  type EnvironmentStateFilter,
  type FlagListQuery,
} from "@/server/core/flags/flag-list-query";

const SEARCH_DEBOUNCE_MS = 300;

/** The filters of a query, page reset (any change of filter starts again at page 1). */
export type FilterChange = Partial<Pick<FlagListQuery, "search" | "environmentKey" | "state" | "ownerId" | "expiring" | "hasExperiment" | "archived">>;

type Props = {
  query: FlagListQuery;
  environments: { key: string; name: string }[] | undefined;
  owners: { id: string; name: string; email: string }[] | undefined;
  onChange: (change: FilterChange) => void;
  onClear: () => void;
};

/**
 * Search (applies as you pause typing, or on Enter) and the selects (apply at once). The URL is
 * the state: every change goes through `onChange`, which rewrites it.
 */
export function FlagListFilters({ query, environments, owners, onChange, onClear }: Props) {
  const current = query.search ?? "";
  const [draft, setDraft] = useState(current);
  const [synced, setSynced] = useState(current);
  // The URL changed from elsewhere (back button, "Clear filters"): show its search.
  if (current !== synced) {
    setSynced(current);
    setDraft(current);
  }

  const pending = useRef<number | undefined>(undefined);
  useEffect(() => {
    const search = draft.trim();
    if (search === current) return;
    pending.current = window.setTimeout(() => onChange({ search: search || undefined }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(pending.current);
  }, [draft, current, onChange]);

  // Leaving the box (e.g. to click a link elsewhere) applies the search now: a late timer would
  // otherwise replace the URL after that link's navigation and bring the user back here.
  function onBlur() {
    window.clearTimeout(pending.current);
    const search = draft.trim();
    if (search !== current) onChange({ search: search || undefined });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange({ search: draft.trim() || undefined });
  }

  const environmentKnown = !query.environmentKey || environments?.some((e) => e.key === query.environmentKey);
  const ownerKnown = !query.ownerId || owners?.some((o) => o.id === query.ownerId);
  const experimentValue = query.hasExperiment === undefined ? "" : query.hasExperiment ? "yes" : "no";

  return (
    <form
      role="search"
      aria-label="Filter flags"
      onSubmit={onSubmit}
      className="mb-4 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="w-full sm:w-64">
        <Field label="Search flags" htmlFor="flag-search">
          <Input
            id="flag-search"
            type="search"
            placeholder="Key or name"
            autoComplete="off"
            spellCheck={false}
            maxLength={SEARCH_MAX_LENGTH}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={onBlur}
          />
        </Field>
      </div>
      <div className="w-full sm:w-44">
        <Field label="Environment" htmlFor="flag-filter-environment">
          <Select
            id="flag-filter-environment"
            value={query.environmentKey ?? ""}
            onChange={(e) => onChange({ environmentKey: e.target.value || undefined, state: e.target.value ? query.state : undefined })}
          >
            <option value="">Any environment</option>
            {environmentKnown ? null : (
              <option value={query.environmentKey}>{environments ? `Unknown (${query.environmentKey})` : "Loading…"}</option>
            )}
            {environments?.map((env) => (
              <option key={env.key} value={env.key}>
                {env.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="w-full sm:w-44">
        <Field label="State" htmlFor="flag-filter-state">
          <Select
            id="flag-filter-state"
            value={query.state ?? ""}
            disabled={!query.environmentKey}
            title={query.environmentKey ? undefined : "Choose an environment first"}
            onChange={(e) => onChange({ state: (e.target.value || undefined) as EnvironmentStateFilter | undefined })}
          >
            <option value="">Any state</option>
            <option value="on">On</option>
            <option value="off">Off</option>
          </Select>
        </Field>
      </div>
      <div className="w-full sm:w-44">
        <Field label="Owner" htmlFor="flag-filter-owner">
          <Select id="flag-filter-owner" value={query.ownerId ?? ""} onChange={(e) => onChange({ ownerId: e.target.value || undefined })}>
            <option value="">Anyone</option>
            {ownerKnown ? null : <option value={query.ownerId}>{owners ? "Unknown owner" : "Loading owners…"}</option>}
            {owners?.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="w-full sm:w-44">
        <Field label="Expiring" htmlFor="flag-filter-expiring">
          <Select
            id="flag-filter-expiring"
            value={query.expiring ?? ""}
            onChange={(e) => onChange({ expiring: (e.target.value || undefined) as ExpiryFilter | undefined })}
          >
            <option value="">Any expiry</option>
            <option value="soon">Within 14 days</option>
            <option value="expired">Expired</option>
          </Select>
        </Field>
      </div>
      <div className="w-full sm:w-44">
        <Field label="Experiment" htmlFor="flag-filter-experiment">
          <Select
            id="flag-filter-experiment"
            value={experimentValue}
            onChange={(e) => onChange({ hasExperiment: e.target.value === "" ? undefined : e.target.value === "yes" })}
          >
            <option value="">Any</option>
            <option value="yes">With an experiment</option>
            <option value="no">Without an experiment</option>
          </Select>
        </Field>
      </div>
      <div className="w-full sm:w-44">
        <Field label="Lifecycle" htmlFor="flag-filter-archived">
          <Select id="flag-filter-archived" value={query.archived ? "archived" : ""} onChange={(e) => onChange({ archived: e.target.value === "archived" || undefined })}>
            <option value="">Active flags</option>
            <option value="archived">Archived flags</option>
          </Select>
        </Field>
      </div>
      <Button
        variant="ghost"
        disabled={!hasFlagListFilters(query) && !query.environmentKey && !draft}
        onClick={() => {
          setDraft("");
          onClear();
        }}
      >
        Clear filters
      </Button>
    </form>
  );
}
