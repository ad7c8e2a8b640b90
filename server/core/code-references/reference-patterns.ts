import { fieldError } from "../errors";
import { KEY_PATTERN } from "../keys";

/**
 * How a flag key shows up in code. A pattern is a regular expression that captures the key in a
 * named group `(?<key>…)`, or that writes `{key}` where the key stands: `{key}` becomes any
 * well-formed flag key (server/core/keys.ts) not glued to further key characters, so
 * `"new-checkout-v2"` never counts as `new-checkout`. Only captured keys that are flags count.
 */
export const KEY_PLACEHOLDER = "{key}";

const KEY_CHARACTERS = "[A-Za-z0-9_-]";
const KEY_GROUP = `(?<!${KEY_CHARACTERS})(?<key>${KEY_PATTERN.source.replace(/^\^|\$$/g, "")})(?!${KEY_CHARACTERS})`;

/**
 * The default patterns:
 * - the key as a whole string literal in double, single or back quotes, as OpenFeature and Keel
 *   calls pass it in any language: `client.getBooleanValue("new-checkout", false)`,
 *   `flag_key = 'new-checkout'`, `` useFlag(`new-checkout`) ``;
 * - the key in an OFREP evaluation URL: `/ofrep/v1/evaluate/flags/new-checkout`.
 */
export const DEFAULT_PATTERNS: readonly string[] = [`(?<quote>["'\`])${KEY_PLACEHOLDER}\\k<quote>`, `ofrep/v1/evaluate/flags/${KEY_PLACEHOLDER}`];

/** Compiles a pattern, or says what is wrong with it (the message names `--pattern`). */
export function compilePattern(pattern: string): RegExp {
  const [first, ...rest] = pattern.split(KEY_PLACEHOLDER);
  // a second {key} must be the same key as the first
  const source = rest.length === 0 ? pattern : `${first}${KEY_GROUP}${rest.join("\\k<key>")}`;
  if (!source.includes("(?<key>")) {
    throw fieldError("pattern", `--pattern ${JSON.stringify(pattern)} does not capture a flag key: write ${KEY_PLACEHOLDER} where the key stands, or a named group (?<key>…).`);
  }
  try {
    return new RegExp(source, "g");
  } catch (error) {
    throw fieldError("pattern", `--pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

export function compilePatterns(patterns: readonly string[]): RegExp[] {
  if (patterns.length === 0) throw fieldError("pattern", "Give at least one pattern, or leave --pattern and the config's \"patterns\" out to use the defaults.");
  return patterns.map(compilePattern);
}
