"use client";
import { useEffect, useState, type FormEvent } from "react";
import { Button, Field, Input, Select } from "@/components/ui";
import { AUDIT_ENTITY_LABELS, AUDIT_ENTITY_TYPES, type AuditEntityType } from "@/server/core/audit/audit-query";
import { hasFilters, NO_FILTERS, type AuditFilters } from "./audit-filters";

const KEY_DEBOUNCE_MS = 400;

type Props = {
  filters: AuditFilters;
  actors: { id: string; label: string }[] | undefined;
  onChange: (next: AuditFilters) => void;
};

/** Entity, entity key and actor filters. Selects apply at once; the key applies as you pause typing or press Enter. */
export function AuditFiltersForm({ filters, actors, onChange }: Props) {
  const [keyDraft, setKeyDraft] = useState(filters.entityKey);
  const [syncedKey, setSyncedKey] = useState(filters.entityKey);
  // The URL changed from elsewhere (back button, "Clear filters"): show its key.
  if (filters.entityKey !== syncedKey) {
    setSyncedKey(filters.entityKey);
    setKeyDraft(filters.entityKey);
  }

  useEffect(() => {
    const key = keyDraft.trim();
    if (key === filters.entityKey) return;
    const timer = window.setTimeout(() => onChange({ ...filters, entityKey: key }), KEY_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [keyDraft, filters, onChange]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange({ ...filters, entityKey: keyDraft.trim() });
  }

  function clear() {
    setKeyDraft("");
    onChange(NO_FILTERS);
  }

  const actorKnown = !filters.actorId || actors?.some((a) => a.id === filters.actorId);

  return (
    <form
      role="search"
      aria-label="Filter audit log"
      onSubmit={onSubmit}
      className="mb-4 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end"
    >
      <Field label="Entity" htmlFor="audit-entity">
        <Select
          id="audit-entity"
          value={filters.entityType}
          onChange={(e) => onChange({ ...filters, entityType: e.target.value as AuditEntityType | "" })}
        >
          <option value="">All entities</option>
          {AUDIT_ENTITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {AUDIT_ENTITY_LABELS[type]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Entity key" htmlFor="audit-entity-key">
        <Input
          id="audit-entity-key"
          type="search"
          placeholder="e.g. new-checkout"
          autoComplete="off"
          spellCheck={false}
          value={keyDraft}
          onChange={(e) => setKeyDraft(e.target.value)}
        />
      </Field>
      <Field label="Actor" htmlFor="audit-actor">
        <Select id="audit-actor" value={filters.actorId} onChange={(e) => onChange({ ...filters, actorId: e.target.value })}>
          <option value="">Everyone</option>
          {actorKnown ? null : <option value={filters.actorId}>{actors ? "Unknown actor" : "Loading actors…"}</option>}
          {actors?.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.label}
            </option>
          ))}
        </Select>
      </Field>
      <Button variant="ghost" disabled={!hasFilters(filters) && !keyDraft} onClick={clear}>
        Clear filters
      </Button>
    </form>
  );
}
