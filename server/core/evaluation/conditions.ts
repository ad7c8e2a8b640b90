/**
 * Targeting conditions: validation (for services and the compiler) and compilation to closures.
 * Semantics, as the README documents them for SDK authors:
 *
 * - The attribute is the context's own top-level property of that name ("targetingKey" is the
 *   unit id); no dot paths. A missing (undefined) or null attribute makes every condition false
 *   except `not_exists`, which is true — negated operators do not match a missing attribute.
 * - equals / not_equals: strict equality with values[0] ("1" ≠ 1). An array attribute equals when
 *   any element does; not_equals is the negation of equals.
 * - in / not_in: the attribute (or any element of an array attribute) strictly equals one of the
 *   values; not_in is the negation of in.
 * - contains / starts_with / ends_with: the attribute is a string that contains / starts with /
 *   ends with any of the values; case-sensitive. Anything else → false.
 * - gt / gte / lt / lte: the attribute is a finite number compared with values[0].
 * - semver_*: the attribute is a string that is a valid semantic version (semver.valid: a leading
 *   "v" and surrounding spaces are accepted, build metadata is ignored when comparing, a
 *   pre-release sorts before its release) compared with values[0]. Invalid → false.
 * - exists / not_exists: the attribute is present and not null / is missing or null.
 * - in_segment / not_in_segment: the unit is in any / none of the segments named by the values.
 *   The attribute is not read (by convention it is "targetingKey").
 */
import parseSemver from "semver/functions/parse";
import type SemVer from "semver/classes/semver";
import type { EvaluationContext } from "./result";
import type { Condition, ConditionValue, JsonValue, Operator } from "./snapshot-format";
import { OPERATORS } from "./snapshot-format";

export type ContextPredicate = (context: EvaluationContext) => boolean;

const quote = (value: ConditionValue): string => (typeof value === "string" ? `“${value}”` : String(value));

/**
 * A human message naming what is wrong with a condition, or null when it can be evaluated.
 * Services show it at the field; compileSnapshot throws it (with the flag and rule) as a SnapshotCompileError.
 */
export function validateCondition(condition: Condition): string | null {
  const { attribute, operator, values } = condition;
  const on = `Condition on “${attribute}”`;
  if (typeof attribute !== "string" || attribute.length === 0) return "A condition needs an attribute (for example country).";
  if (!(OPERATORS as readonly string[]).includes(operator)) return `${on}: “${String(operator)}” is not a known operator.`;
  if (!Array.isArray(values)) return `${on}: values must be a list.`;
  for (const value of values) {
    if (typeof value !== "string" && typeof value !== "boolean" && !(typeof value === "number" && Number.isFinite(value))) {
      return `${on}: values must be text, numbers or true/false.`;
    }
  }
  switch (operator) {
    case "equals":
    case "not_equals":
      return values.length === 1 ? null : `${on}: “${operator}” takes exactly one value (got ${values.length}).`;
    case "in":
    case "not_in":
      return values.length > 0 ? null : `${on}: “${operator}” needs at least one value.`;
    case "contains":
    case "starts_with":
    case "ends_with": {
      if (values.length === 0) return `${on}: “${operator}” needs at least one value.`;
      const bad = values.find((v) => typeof v !== "string");
      return bad === undefined ? null : `${on}: “${operator}” compares text; ${quote(bad)} is not text.`;
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      if (values.length !== 1) return `${on}: “${operator}” takes exactly one number (got ${values.length} values).`;
      const v = values[0]!;
      return typeof v === "number" ? null : `${on}: ${quote(v)} is not a number; “${operator}” compares numbers.`;
    }
    case "semver_eq":
    case "semver_gt":
    case "semver_gte":
    case "semver_lt":
    case "semver_lte": {
      if (values.length !== 1) return `${on}: “${operator}” takes exactly one version (got ${values.length} values).`;
      const v = values[0]!;
      return typeof v === "string" && parseSemver(v) !== null ? null : `${on}: ${quote(v)} is not a semantic version (e.g. 1.4.0).`;
    }
    case "exists":
    case "not_exists":
      return values.length === 0 ? null : `${on}: “${operator}” takes no values (got ${values.length}).`;
    case "in_segment":
    case "not_in_segment": {
      if (values.length === 0) return `${on}: “${operator}” needs at least one segment.`;
      const bad = values.find((v) => typeof v !== "string" || v.length === 0);
      return bad === undefined ? null : `${on}: ${quote(bad)} is not a segment key.`;
    }
    default: {
      const exhaustive: never = operator;
      return `${on}: “${String(exhaustive)}” is not a known operator.`;
    }
  }
}

/**
 * The context's own attribute (undefined when absent). Names that exist on Object.prototype
 * ("constructor", "toString", "__proto__"…) must not read inherited values; `inherited` is
 * precomputed so the common case is a plain property load.
 */
function read(context: EvaluationContext, attribute: string, inherited: boolean): JsonValue | undefined {
  const value = context[attribute];
  return inherited && value !== undefined && !Object.hasOwn(context, attribute) ? undefined : value;
}

// One-entry cache: evaluating many flags for one context parses the same version string once.
let lastVersionInput: string | null = null;
let lastVersion: SemVer | null = null;
function parseVersion(input: string): SemVer | null {
  if (input !== lastVersionInput) {
    lastVersion = parseSemver(input);
    lastVersionInput = input;
  }
  return lastVersion;
}

function anyEquals(list: readonly JsonValue[], target: ConditionValue): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === target) return true;
  return false;
}

function anyIn(list: readonly JsonValue[], set: ReadonlySet<JsonValue>): boolean {
  for (let i = 0; i < list.length; i++) if (set.has(list[i]!)) return true;
  return false;
}

/** Compiles one condition (validateCondition must have passed); `segment` resolves a segment key to its membership test. */
export function compileCondition(condition: Condition, segment: (key: string) => ContextPredicate): ContextPredicate {
  const a = condition.attribute;
  const inherited = a in Object.prototype;
  const values = condition.values;
  const op: Operator = condition.operator;
  switch (op) {
    case "equals": {
      const x = values[0]!;
      return (ctx) => {
        const v = read(ctx, a, inherited);
        return v === x || (Array.isArray(v) && anyEquals(v, x));
      };
    }
    case "not_equals": {
      const x = values[0]!;
      return (ctx) => {
        const v = read(ctx, a, inherited);
        return v != null && (Array.isArray(v) ? !anyEquals(v, x) : v !== x);
      };
    }
    case "in":
    case "not_in": {
      const set: ReadonlySet<JsonValue> = new Set<JsonValue>(values);
      const negate = op === "not_in";
      return (ctx) => {
        const v = read(ctx, a, inherited);
        if (v == null) return false;
        return (Array.isArray(v) ? anyIn(v, set) : set.has(v)) !== negate;
      };
    }
    case "contains":
    case "starts_with":
    case "ends_with": {
      const needles = values as readonly string[];
      const test =
        op === "contains"
          ? (s: string, n: string) => s.includes(n)
          : op === "starts_with"
            ? (s: string, n: string) => s.startsWith(n)
            : (s: string, n: string) => s.endsWith(n);
      if (needles.length === 1) {
        const n = needles[0]!;
        return (ctx) => {
          const v = read(ctx, a, inherited);
          return typeof v === "string" && test(v, n);
        };
      }
      return (ctx) => {
        const v = read(ctx, a, inherited);
        if (typeof v !== "string") return false;
        for (let i = 0; i < needles.length; i++) if (test(v, needles[i]!)) return true;
        return false;
      };
    }
    case "gt": {
      const x = values[0] as number;
      return (ctx) => {
        const v = read(ctx, a, inherited);
        return typeof v === "number" && Number.isFinite(v) && v > x;
      };
    }
    case "gte": {
      const x = values[0] as number;
      return (ctx) => {
        const v = read(ctx, a, inherited);
        return typeof v === "number" && Number.isFinite(v) && v >= x;
      };
    }
    case "lt": {
      const x = values[0] as number;
      return (ctx) => {
        const v = read(ctx, a, inherited);
        return typeof v === "number" && Number.isFinite(v) && v < x;
      };
    }
    case "lte": {
      const x = values[0] as number;
      return (ctx) => {
        const v = read(ctx, a, inherited);
        return typeof v === "number" && Number.isFinite(v) && v <= x;
      };
    }
    case "semver_eq":
    case "semver_gt":
    case "semver_gte":
    case "semver_lt":
    case "semver_lte": {
      const target = parseSemver(values[0] as string)!;
      const accept =
        op === "semver_eq"
          ? (c: number) => c === 0
          : op === "semver_gt"
            ? (c: number) => c > 0
            : op === "semver_gte"
              ? (c: number) => c >= 0
              : op === "semver_lt"
                ? (c: number) => c < 0
                : (c: number) => c <= 0;
      return (ctx) => {
        const v = read(ctx, a, inherited);
        if (typeof v !== "string") return false;
        const version = parseVersion(v);
        return version !== null && accept(version.compare(target));
      };
    }
    case "exists":
      return (ctx) => read(ctx, a, inherited) != null;
    case "not_exists":
      return (ctx) => read(ctx, a, inherited) == null;
    case "in_segment":
    case "not_in_segment": {
      const tests = (values as readonly string[]).map(segment);
      const negate = op === "not_in_segment";
      if (tests.length === 1) {
        const test = tests[0]!;
        return negate ? (ctx) => !test(ctx) : test;
      }
      return (ctx) => {
        for (let i = 0; i < tests.length; i++) if (tests[i]!(ctx)) return !negate;
        return negate;
      };
    }
    default: {
      const exhaustive: never = op;
      throw new Error(`unknown operator ${String(exhaustive)}`);
    }
  }
}

/** "all": every predicate holds; "any": at least one does. */
export function combine(match: "all" | "any", predicates: readonly ContextPredicate[]): ContextPredicate {
  if (predicates.length === 1) return predicates[0]!;
  if (match === "all") {
    if (predicates.length === 2) {
      const [p, q] = predicates as [ContextPredicate, ContextPredicate];
      return (ctx) => p(ctx) && q(ctx);
    }
    return (ctx) => {
      for (let i = 0; i < predicates.length; i++) if (!predicates[i]!(ctx)) return false;
      return true;
    };
  }
  return (ctx) => {
    for (let i = 0; i < predicates.length; i++) if (predicates[i]!(ctx)) return true;
    return false;
  };
}

/**
 * A rule's conditions as the evaluator reads them: a chain of flat objects of one shape, walked
 * by conditionsHold. Evaluating a random flag is bound by memory latency (see evaluate.ts), and a
 * closure costs two objects to reach (the function and its captured variables) before it even
 * looks at its own data; here the most common conditions — equals, not_equals, in and not_in
 * over up to eight values — are plain data: the attribute and the values, compared with `===`
 * (what the operators specify), with no function call and no Set to probe. Every other condition
 * keeps its compiled predicate (compileCondition) in `test`.
 */
export type CompiledCondition = {
  /** any other condition: its predicate; null for a value list */
  readonly test: ContextPredicate | null;
  readonly next: CompiledCondition | null;
  /** value lists: the attribute read (its own property; `inherited` as in read()) */
  readonly attribute: string;
  readonly inherited: boolean;
  /** value lists: not_equals / not_in */
  readonly negate: boolean;
  /** value lists: how many values (1..8) are in x0 … x7 (the unused fields repeat x0); 0 for a predicate */
  readonly count: number;
  readonly x0: ConditionValue;
  readonly x1: ConditionValue;
  readonly x2: ConditionValue;
  readonly x3: ConditionValue;
  readonly x4: ConditionValue;
  readonly x5: ConditionValue;
  readonly x6: ConditionValue;
  readonly x7: ConditionValue;
};

/** Value lists up to this length are compared inline; longer ones are probed in a Set (compileCondition). */
const INLINE_VALUES = 8;

function isInlineList(condition: Condition): boolean {
  const op = condition.operator;
  return (op === "equals" || op === "not_equals" || op === "in" || op === "not_in") && condition.values.length <= INLINE_VALUES;
}

/**
 * What a condition needs in a CompiledCondition chain besides its data: null when the chain
 * compares its values inline, otherwise its predicate, compileCondition(condition, segment).
 * The condition must have passed validateCondition.
 */
export function chainTest(condition: Condition, segment: (key: string) => ContextPredicate): ContextPredicate | null {
  return isInlineList(condition) ? null : compileCondition(condition, segment);
}

/** Links a rule's conditions, each with its chainTest, into a CompiledCondition chain (null when there are none). */
export function chainConditions(conditions: readonly Condition[], tests: readonly (ContextPredicate | null)[]): CompiledCondition | null {
  let next: CompiledCondition | null = null;
  for (let i = conditions.length - 1; i >= 0; i--) next = link(conditions[i]!, tests[i]!, next);
  return next;
}

function link(condition: Condition, test: ContextPredicate | null, next: CompiledCondition | null): CompiledCondition {
  const { attribute, operator, values } = condition;
  const count = test === null ? values.length : 0;
  const x = (i: number): ConditionValue => (i < count ? values[i]! : (values[0] ?? ""));
  // One object literal for every link, so that all of them share one shape. The fields every
  // evaluation reads come first, so that a short list is read from as few cache lines as possible.
  return Object.freeze({
    test,
    next,
    attribute,
    inherited: attribute in Object.prototype,
    negate: operator === "not_equals" || operator === "not_in",
    count,
    x0: x(0),
    x1: x(1),
    x2: x(2),
    x3: x(3),
    x4: x(4),
    x5: x(5),
    x6: x(6),
    x7: x(7),
  });
}

/**
 * Whether the chain holds for the context: every link when `all`, at least one otherwise
 * (an empty chain holds when `all`).
 */
export function conditionsHold(first: CompiledCondition | null, all: boolean, context: EvaluationContext): boolean {
  for (let c = first; c !== null; c = c.next) {
    if (linkHolds(c, context) !== all) return !all;
  }
  return all;
}

/** One link: a value list (the semantics of equals / in and their negations), or its predicate. */
function linkHolds(c: CompiledCondition, context: EvaluationContext): boolean {
  if (c.test !== null) return c.test(context);
  const v = read(context, c.attribute, c.inherited);
  if (v == null) return false;
  return (listed(c, v) || (Array.isArray(v) && anyListed(c, v))) !== c.negate;
}

/** Whether `v` strictly equals one of the link's values; only as many comparisons as there are values. */
function listed(c: CompiledCondition, v: JsonValue): boolean {
  switch (c.count) {
    case 8:
      if (v === c.x7) return true;
    // falls through
    case 7:
      if (v === c.x6) return true;
    // falls through
    case 6:
      if (v === c.x5) return true;
    // falls through
    case 5:
      if (v === c.x4) return true;
    // falls through
    case 4:
      if (v === c.x3) return true;
    // falls through
    case 3:
      if (v === c.x2) return true;
    // falls through
    case 2:
      if (v === c.x1) return true;
    // falls through
    default:
      return v === c.x0;
  }
}

function anyListed(c: CompiledCondition, list: readonly JsonValue[]): boolean {
  for (let i = 0; i < list.length; i++) if (listed(c, list[i]!)) return true;
  return false;
}
