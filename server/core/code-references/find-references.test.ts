import { describe, expect, it } from "vitest";
import { findReferences, MAX_EXCERPT_LENGTH } from "./find-references";
import { compilePatterns, DEFAULT_PATTERNS } from "./reference-patterns";

const keys = new Set(["new-checkout", "dark-mode", "beta"]);
const defaults = compilePatterns(DEFAULT_PATTERNS);
const find = (text: string, patterns = defaults) => findReferences({ path: "src/a.ts", text }, keys, patterns);
const places = (text: string, patterns = defaults) => find(text, patterns).map((r) => `${r.line}:${r.column} ${r.flagKey}`);

describe("finding flag keys in a file", () => {
  it("finds keys as whole string literals in OpenFeature and Keel calls, in any quotes and language", () => {
    const ts = ['const on = await client.getBooleanValue("new-checkout", false);', "const theme = useFlag('dark-mode');", "const b = flags[`beta`];"].join("\n");
    expect(find(ts)).toEqual([
      { flagKey: "new-checkout", path: "src/a.ts", line: 1, column: 42, text: 'const on = await client.getBooleanValue("new-checkout", false);' },
      { flagKey: "dark-mode", path: "src/a.ts", line: 2, column: 24, text: "const theme = useFlag('dark-mode');" },
      { flagKey: "beta", path: "src/a.ts", line: 3, column: 18, text: "const b = flags[`beta`];" },
    ]);
    expect(places('    if client.get_boolean_value(flag_key="new-checkout", default_value=False):')).toEqual(["1:43 new-checkout"]);
  });

  it("finds the key in an OFREP evaluation URL", () => {
    expect(places("curl -X POST $KEEL/ofrep/v1/evaluate/flags/dark-mode -d '{}'")).toEqual(["1:44 dark-mode"]);
  });

  it("ignores unknown keys, longer keys, keys inside longer strings and mismatched quotes", () => {
    expect(places(`"other-flag" "new-checkout-v2" "the new-checkout page" "new-checkout' \`beta" 'beta'`)).toEqual(["1:79 beta"]);
  });

  it("counts a place once when several patterns find it, and several places on one line", () => {
    const patterns = compilePatterns([...DEFAULT_PATTERNS, '"{key}"']);
    expect(places('check("beta") || check("dark-mode") || check("beta")', patterns)).toEqual(["1:8 beta", "1:25 dark-mode", "1:47 beta"]);
  });

  it("numbers lines and columns from 1, with Windows line ends, and trims the source line", () => {
    const text = '// first\r\n\r\n\t  if (await isOn("beta")) {\r\n';
    expect(find(text)).toEqual([{ flagKey: "beta", path: "src/a.ts", line: 3, column: 20, text: 'if (await isOn("beta")) {' }]);
  });

  it("uses custom patterns", () => {
    const patterns = compilePatterns(["Flags\\.{key}", "(?<key>[a-z-]+): enabled"]);
    expect(places("Flags.beta\nnew-checkout: enabled\nFlags.gamma", patterns)).toEqual(["1:7 beta", "2:1 new-checkout"]);
  });

  it("cuts a very long (minified) line to a window around the key", () => {
    const line = `${"a=1;".repeat(500)}isOn("new-checkout");${"b=2;".repeat(500)}`;
    const [reference] = find(line);
    expect(reference!.column).toBe(2007);
    expect(reference!.text).toMatch(/^….*isOn\("new-checkout"\).*…$/);
    expect(reference!.text.length).toBeLessThanOrEqual(MAX_EXCERPT_LENGTH + 2);
  });

  it("finds nothing in a file without keys", () => {
    expect(find("")).toEqual([]);
    expect(find("const x = 'hello-world';")).toEqual([]);
  });
});
