/** Turns an audit entry's before/after records into a short list of readable changes. */

export type ChangeLine =
  | { kind: "changed"; path: string; before: string; after: string }
  | { kind: "set"; path: string; value: string }
  | { kind: "removed"; path: string; value: string };

export type ChangeSummary = { kind: "created" | "deleted" | "updated"; lines: ChangeLine[] };

const MAX_DEPTH = 3;
const MAX_VALUE_LENGTH = 80;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Flattens nested objects into dotted paths (`weights.on`); arrays and deep values stay whole. */
function flatten(value: unknown, prefix = "", depth = 0, out = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlainObject(value) && depth < MAX_DEPTH && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) {
      flatten(child, prefix ? `${prefix}.${key}` : key, depth + 1, out);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** A compact, human-readable rendering of one value. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "string") return value === "" ? "“”" : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")) {
    return value.length === 0 ? "[]" : value.map(formatValue).join(", ");
  }
  const json = JSON.stringify(value) ?? String(value);
  return json.length > MAX_VALUE_LENGTH ? `${json.slice(0, MAX_VALUE_LENGTH - 1)}…` : json;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function summarizeChange(before: unknown, after: unknown): ChangeSummary {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;

  if (!hasBefore && !hasAfter) return { kind: "updated", lines: [] };
  if (!hasBefore) {
    const lines = [...flatten(after)].map(([path, value]): ChangeLine => ({ kind: "set", path, value: formatValue(value) }));
    return { kind: "created", lines };
  }
  if (!hasAfter) {
    const lines = [...flatten(before)].map(([path, value]): ChangeLine => ({ kind: "removed", path, value: formatValue(value) }));
    return { kind: "deleted", lines };
  }

  const b = flatten(before);
  const a = flatten(after);
  const paths = [...new Set([...b.keys(), ...a.keys()])];
  const lines = paths.flatMap((path): ChangeLine[] => {
    const was = b.get(path);
    const now = a.get(path);
    return same(was, now) ? [] : [{ kind: "changed", path, before: formatValue(was), after: formatValue(now) }];
  });
  return { kind: "updated", lines };
}
