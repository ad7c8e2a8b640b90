import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEvaluationContext } from "./context";

const errorOf = (raw: unknown) => {
  const parsed = parseEvaluationContext(raw);
  return parsed.ok ? null : parsed;
};
const nest = (levels: number): unknown => (levels === 0 ? "leaf" : { inner: nest(levels - 1) });

describe("parseEvaluationContext", () => {
  it("accepts a context and returns it unchanged", () => {
    const raw = { targetingKey: "user-1", plan: "pro", age: 31, beta: true, team: null, tags: ["a", 1], org: { id: "o1", seats: [1, 2] } };
    const parsed = parseEvaluationContext(raw);
    expect(parsed).toEqual({ ok: true, context: raw });
    expect(parsed.ok && parsed.context).toBe(raw);
  });

  it("needs a plain object", () => {
    for (const raw of [null, undefined, "user-1", 42, true, [], [{ targetingKey: "u" }], new Date(), new Map()]) {
      expect(errorOf(raw)).toEqual({ ok: false, errorCode: "INVALID_CONTEXT", errorDetails: "The context must be a JSON object with a targetingKey." });
    }
    expect(parseEvaluationContext(Object.assign(Object.create(null) as object, { targetingKey: "u" })).ok).toBe(true);
  });

  it("needs a targetingKey (missing, undefined, null or empty → TARGETING_KEY_MISSING)", () => {
    for (const raw of [{}, { targetingKey: undefined }, { targetingKey: null }, { targetingKey: "" }, { userId: "u" }]) {
      expect(errorOf(raw)?.errorCode).toBe("TARGETING_KEY_MISSING");
    }
    // an inherited targetingKey does not count
    expect(errorOf(Object.create({ targetingKey: "u" }) as object)?.errorCode).toBe("INVALID_CONTEXT");
    expect(errorOf(JSON.parse('{"__proto__": {"targetingKey": "u"}}'))?.errorCode).toBe("TARGETING_KEY_MISSING");
  });

  it("needs a string targetingKey of at most 512 characters", () => {
    for (const targetingKey of [42, true, ["u"], { id: "u" }]) {
      expect(errorOf({ targetingKey })).toEqual({ ok: false, errorCode: "INVALID_CONTEXT", errorDetails: "targetingKey must be a string." });
    }
    expect(parseEvaluationContext({ targetingKey: "x".repeat(512) }).ok).toBe(true);
    expect(errorOf({ targetingKey: "x".repeat(513) })?.errorDetails).toBe("targetingKey is longer than 512 characters.");
  });

  it("allows at most 200 attributes besides targetingKey", () => {
    const attrs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, i]));
    expect(parseEvaluationContext({ targetingKey: "u", ...attrs(200) }).ok).toBe(true);
    expect(errorOf({ targetingKey: "u", ...attrs(201) })?.errorDetails).toBe("The context has 201 attributes; at most 200 are allowed.");
  });

  it("limits nesting to 5 levels", () => {
    expect(parseEvaluationContext({ targetingKey: "u", deep: nest(5) }).ok).toBe(true);
    expect(errorOf({ targetingKey: "u", deep: nest(6) })).toEqual({
      ok: false,
      errorCode: "INVALID_CONTEXT",
      errorDetails: "Attribute “deep” is nested more than 5 levels deep.",
    });
    expect(errorOf({ targetingKey: "u", deep: [[[[[[1]]]]]] })?.errorDetails).toMatch(/nested more than 5 levels/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(errorOf({ targetingKey: "u", cyclic })?.errorDetails).toMatch(/“cyclic” is nested more than 5 levels/);
  });

  it("limits arrays to 1,000 elements and strings to 8 KiB of UTF-8", () => {
    expect(parseEvaluationContext({ targetingKey: "u", list: new Array(1000).fill(1) }).ok).toBe(true);
    expect(errorOf({ targetingKey: "u", list: new Array(1001).fill(1) })?.errorDetails).toBe("Attribute “list” has more than 1000 elements.");
    expect(parseEvaluationContext({ targetingKey: "u", s: "x".repeat(8192) }).ok).toBe(true);
    expect(errorOf({ targetingKey: "u", s: "x".repeat(8193) })?.errorDetails).toBe("Attribute “s” is longer than 8192 bytes (8 KiB).");
    expect(parseEvaluationContext({ targetingKey: "u", s: "é".repeat(4096) }).ok).toBe(true); // 8192 bytes
    expect(errorOf({ targetingKey: "u", s: "é".repeat(4097) })?.errorCode).toBe("INVALID_CONTEXT");
    expect(errorOf({ targetingKey: "u", s: "😀".repeat(2049) })?.errorCode).toBe("INVALID_CONTEXT"); // 8196 bytes
    expect(errorOf({ targetingKey: "u", nested: { deeper: ["x".repeat(9000)] } })?.errorDetails).toMatch(/Attribute “nested” is longer/);
  });

  it("refuses values that are not JSON", () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, undefined, () => 1, Symbol("s"), 10n, new Date(0), { when: new Date(0) }, [Number.NaN]]) {
      expect(errorOf({ targetingKey: "u", value })?.errorCode).toBe("INVALID_CONTEXT");
    }
  });

  it("treats __proto__ and constructor as ordinary attributes", () => {
    const raw = JSON.parse('{"targetingKey":"u","__proto__":{"polluted":true},"constructor":"x"}') as unknown;
    expect(parseEvaluationContext(raw).ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("never throws on hostile input", () => {
    const throwing = {
      targetingKey: "u",
      get boom(): never {
        throw new Error("boom");
      },
    };
    expect(errorOf(throwing)?.errorCode).toBe("INVALID_CONTEXT");
    const proxy = new Proxy(
      { targetingKey: "u" },
      {
        ownKeys() {
          throw new Error("nope");
        },
      },
    );
    expect(errorOf(proxy)?.errorCode).toBe("INVALID_CONTEXT");
    fc.assert(fc.property(fc.anything(), (raw) => typeof parseEvaluationContext(raw).ok === "boolean"), { numRuns: 2_000 });
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 512 }), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), (targetingKey, attrs) => {
        const parsed = parseEvaluationContext({ ...attrs, targetingKey });
        return !parsed.ok || parsed.context.targetingKey === targetingKey;
      }),
    );
  });
});
