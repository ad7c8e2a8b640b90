import type { ValueType } from "@/server/core/flags/variations";

/** Short names of the value types, as tables show them. */
export const VALUE_TYPE_LABELS: Record<ValueType, string> = {
  boolean: "Boolean",
  string: "String",
  number: "Number",
  json: "JSON",
};

/** Expiry dates mean the end of a day in UTC, so they are shown (and entered) as UTC dates. */
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** The UTC calendar date of `date` as YYYY-MM-DD (the format of `<input type="date">`). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
