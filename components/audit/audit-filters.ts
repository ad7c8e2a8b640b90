import { AUDIT_ENTITY_TYPES, type AuditEntityType } from "@/server/core/audit/audit-query";

/** The audit-log filters as they live in the URL (?entityType=&entityKey=&actorId=). */
export type AuditFilters = {
  entityType: AuditEntityType | "";
  entityKey: string;
  actorId: string;
};

export const NO_FILTERS: AuditFilters = { entityType: "", entityKey: "", actorId: "" };

function isEntityType(value: string): value is AuditEntityType {
  return (AUDIT_ENTITY_TYPES as readonly string[]).includes(value);
}

/** Reads filters from the query string; unknown entity types are ignored. */
export function filtersFromParams(params: Pick<URLSearchParams, "get">): AuditFilters {
  const entityType = params.get("entityType") ?? "";
  return {
    entityType: isEntityType(entityType) ? entityType : "",
    entityKey: (params.get("entityKey") ?? "").trim(),
    actorId: (params.get("actorId") ?? "").trim(),
  };
}

/** The query string for a set of filters (empty filters are left out). */
export function filtersToQuery(filters: AuditFilters): string {
  const params = new URLSearchParams();
  if (filters.entityType) params.set("entityType", filters.entityType);
  if (filters.entityKey) params.set("entityKey", filters.entityKey);
  if (filters.actorId) params.set("actorId", filters.actorId);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function hasFilters(filters: AuditFilters): boolean {
  return Boolean(filters.entityType || filters.entityKey || filters.actorId);
}

/** The tRPC input for a set of filters (cursor and limit are added by the caller). */
export function filtersToInput(filters: AuditFilters) {
  return {
    entityType: filters.entityType || undefined,
    entityKey: filters.entityKey || undefined,
    actorId: filters.actorId || undefined,
  };
}
