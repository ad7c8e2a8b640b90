import { describe, expect, it } from "vitest";
import { rejection } from "../../test/rejection";
import { compilePattern, compilePatterns, DEFAULT_PATTERNS } from "./reference-patterns";

const keysIn = (pattern: string, text: string) => [...text.matchAll(compilePattern(pattern))].map((m) => m.groups?.key);

/** The message of the refusal, which names --pattern. */
async function messageOf(work: () => unknown): Promise<string> {
  const error = await rejection((async () => work())());
  expect(Object.keys(error.fieldErrors)).toEqual(["pattern"]);
  return error.message;
}

describe("reference patterns", () => {
  it("reads {key} as a whole well-formed flag key, never part of a longer one", () => {
    expect(keysIn("isOn\\({key}\\)", "isOn(new-checkout) isOn(dark_mode2) isOn(Upper) isOn(x)")).toEqual(["new-checkout", "dark_mode2"]);
    expect(keysIn("flag: {key}", "flag: new-checkout-v2\nflag: new-checkout")).toEqual(["new-checkout-v2", "new-checkout"]);
    expect(keysIn("{key}", "Xnew-checkout NEW-checkout 9beta a")).toEqual([]);
  });

  it("takes a named group (?<key>…) as it is, and a second {key} as the same key again", () => {
    expect(keysIn("FLAG_(?<key>[a-z]+)", "FLAG_beta FLAG_")).toEqual(["beta"]);
    expect(keysIn("{key}={key}", "new-checkout=new-checkout dark-mode=new-checkout")).toEqual(["new-checkout"]);
  });

  it("compiles the defaults", () => {
    expect(compilePatterns(DEFAULT_PATTERNS)).toHaveLength(DEFAULT_PATTERNS.length);
  });

  it("refuses a pattern that captures no key, an invalid expression and an empty list, naming --pattern", async () => {
    expect(await messageOf(() => compilePattern("isOn\\(.*\\)"))).toBe('--pattern "isOn\\\\(.*\\\\)" does not capture a flag key: write {key} where the key stands, or a named group (?<key>…).');
    expect(await messageOf(() => compilePattern("isOn({key}"))).toMatch(/^--pattern "isOn\(\{key\}" is not a valid regular expression: .+/);
    expect(await messageOf(() => compilePatterns([]))).toMatch(/at least one pattern/);
  });
});
