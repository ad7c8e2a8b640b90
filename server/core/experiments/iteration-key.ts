import { KEY_PATTERN } from "../keys";

/**
 * The key of the next redesign of an experiment: `<base>-r2`, `-r3`, … (the base drops an earlier
 * `-rN`), shortened so it stays a valid key of at most 64 characters.
 */
export function nextIterationKey(key: string, taken: readonly string[]): string {
  const base = key.replace(/-r\d+$/, "");
  for (let n = 2; ; n++) {
    const suffix = `-r${n}`;
    const candidate = `${base.slice(0, 64 - suffix.length)}${suffix}`;
    if (!taken.includes(candidate) && KEY_PATTERN.test(candidate)) return candidate;
  }
}
