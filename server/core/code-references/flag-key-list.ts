import { fieldError } from "../errors";
import { KEY_PATTERN, KEY_RULE } from "../keys";

/**
 * Flag keys from `--keys a,b` or a keys file: separated by commas, spaces or new lines; `#` starts
 * a comment. Returns them sorted and without duplicates; a malformed key is refused by name.
 */
export function parseFlagKeyList(text: string, option: string): string[] {
  const keys = text
    .replace(/#[^\n]*/g, "")
    .split(/[\s,]+/)
    .filter(Boolean);
  const malformed = keys.find((key) => !KEY_PATTERN.test(key));
  if (malformed !== undefined) throw fieldError(option, `${option}: ${JSON.stringify(malformed)} is not a flag key (flag keys use ${KEY_RULE}).`);
  return [...new Set(keys)].sort();
}
