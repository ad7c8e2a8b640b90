/**
 * Checks the evaluation context an OFREP request carries (the body's `context`) before it reaches
 * the evaluator. Limits keep one request from costing more than a request should:
 *   - a plain JSON object (not an array, not null);
 *   - targetingKey: required (missing, null or "" → TARGETING_KEY_MISSING), a string of at most 512 characters;
 *   - at most 200 attributes besides targetingKey;
 *   - attribute values: string (at most 8 KiB as UTF-8), finite number, boolean, null, or arrays
 *     (at most 1,000 elements) and objects nested at most 5 levels deep, with the same rules inside.
 * Only own enumerable string keys are read (Object.keys), so "__proto__" or "constructor" keys are
 * ordinary attributes; the input is returned as is (not copied) when it passes. Never throws.
 */
import type { EvaluationContext } from "./result";

export const CONTEXT_LIMITS = Object.freeze({
  targetingKeyLength: 512,
  attributes: 200,
  depth: 5,
  arrayLength: 1_000,
  stringBytes: 8 * 1024,
});

export type ParsedEvaluationContext =
  | { ok: true; context: EvaluationContext }
  | { ok: false; errorCode: "TARGETING_KEY_MISSING" | "INVALID_CONTEXT"; errorDetails: string };

const invalid = (errorDetails: string): ParsedEvaluationContext => ({ ok: false, errorCode: "INVALID_CONTEXT", errorDetails });

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** UTF-8 length of a string, stopping early once it exceeds `limit`. */
function utf8LengthExceeds(s: string, limit: number): boolean {
  if (s.length > limit) return true; // every UTF-16 code unit is at least one byte
  if (s.length * 3 <= limit) return false; // every code unit is at most three bytes
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}

/** How an error names the attribute `key` (its label is built only when there is an error). */
function attributeLabel(key: string): string {
  return `Attribute “${key.length > 100 ? `${key.slice(0, 100)}…` : key}”`;
}

/** Why a value of attribute `key` is not acceptable (naming the attribute), or null. `depth` is the nesting level of `value`. */
function checkValue(value: unknown, key: string, depth: number): string | null {
  switch (typeof value) {
    case "string":
      return utf8LengthExceeds(value, CONTEXT_LIMITS.stringBytes)
        ? `${attributeLabel(key)} is longer than ${CONTEXT_LIMITS.stringBytes} bytes (8 KiB).`
        : null;
    case "number":
      return Number.isFinite(value) ? null : `${attributeLabel(key)} must be a finite number.`;
    case "boolean":
      return null;
    case "object": {
      if (value === null) return null;
      if (depth >= CONTEXT_LIMITS.depth) return `${attributeLabel(key)} is nested more than ${CONTEXT_LIMITS.depth} levels deep.`;
      if (Array.isArray(value)) {
        if (value.length > CONTEXT_LIMITS.arrayLength) return `${attributeLabel(key)} has more than ${CONTEXT_LIMITS.arrayLength} elements.`;
        for (let i = 0; i < value.length; i++) {
          const problem = checkValue(value[i], key, depth + 1);
          if (problem !== null) return problem;
        }
        return null;
      }
      if (!isPlainObject(value)) return `${attributeLabel(key)} must be a JSON value (string, number, boolean, null, array or object).`;
      for (const inner of Object.keys(value)) {
        const problem = checkValue(value[inner], key, depth + 1);
        if (problem !== null) return problem;
      }
      return null;
    }
    default:
      return `${attributeLabel(key)} must be a JSON value (string, number, boolean, null, array or object).`;
  }
}

/** Validates an OFREP evaluation context; see the module comment for the rules. */
export function parseEvaluationContext(raw: unknown): ParsedEvaluationContext {
  try {
    if (!isPlainObject(raw)) return invalid("The context must be a JSON object with a targetingKey.");
    const targetingKey = Object.hasOwn(raw, "targetingKey") ? raw.targetingKey : undefined;
    if (targetingKey === undefined || targetingKey === null || targetingKey === "") {
      return {
        ok: false,
        errorCode: "TARGETING_KEY_MISSING",
        errorDetails: "The context needs a targetingKey: the id of the unit being evaluated (usually the user id).",
      };
    }
    if (typeof targetingKey !== "string") return invalid("targetingKey must be a string.");
    if (targetingKey.length > CONTEXT_LIMITS.targetingKeyLength) {
      return invalid(`targetingKey is longer than ${CONTEXT_LIMITS.targetingKeyLength} characters.`);
    }
    const keys = Object.keys(raw);
    if (keys.length - 1 > CONTEXT_LIMITS.attributes) {
      return invalid(`The context has ${keys.length - 1} attributes; at most ${CONTEXT_LIMITS.attributes} are allowed.`);
    }
    for (const key of keys) {
      if (key === "targetingKey") continue;
      const problem = checkValue(raw[key], key, 0);
      if (problem !== null) return invalid(problem);
    }
    return { ok: true, context: raw as EvaluationContext };
  } catch {
    // getters or proxies that throw: not a JSON document
    return invalid("The context must be a JSON object with a targetingKey.");
  }
}
