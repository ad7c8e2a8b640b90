import { z } from "zod";

/**
 * Keys are what services and code reference (flag keys in SDK calls, environment keys in URLs):
 * lowercase letters, digits, "-" and "_", starting with a letter, 2–64 characters.
 */
export const KEY_PATTERN = /^[a-z][a-z0-9_-]{1,63}$/;
export const KEY_RULE =
  "lowercase letters, digits, “-” and “_”, starting with a letter, 2–64 characters (e.g. new-checkout)";

export function keySchema(what: string) {
  return z
    .string({ error: `${what} is required.` })
    .trim()
    .min(1, `${what} is required.`)
    .regex(KEY_PATTERN, `${what} must use ${KEY_RULE}.`);
}
