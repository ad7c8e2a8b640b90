import { z } from "zod";
import { keySchema } from "../keys";

/**
 * SDK keys authenticate services to Keel's evaluation APIs (OFREP, snapshots, events).
 * Each key belongs to one environment and is of one kind.
 *
 * Key format: `keel_srv_<32 characters base64url>` (server) or `keel_cli_<32 characters base64url>`
 * (client); the 32 characters are 24 random bytes. Keel stores only the SHA-256 of the whole key
 * and its first {@link KEY_PREFIX_LENGTH} characters (e.g. "keel_srv_AbCd"), shown so people can
 * tell keys apart. The secret itself is shown once, when the key is created.
 */
export const SDK_KEY_KINDS = ["server", "client"] as const;
export type SdkKeyKind = (typeof SDK_KEY_KINDS)[number];

export const SDK_KEY_MARKERS: Record<SdkKeyKind, string> = {
  server: "keel_srv_",
  client: "keel_cli_",
};

export const SDK_KEY_KIND_LABELS: Record<SdkKeyKind, string> = {
  server: "Server",
  client: "Client",
};

export const SDK_KEY_KIND_DESCRIPTIONS: Record<SdkKeyKind, string> = {
  server: "For backends: evaluates any flag and reads private snapshots. Keep it secret.",
  client: "Public, for browsers and mobile apps: bulk evaluation and the public snapshot only.",
};

/** Characters of the random part: 24 bytes in base64url. */
export const SDK_KEY_RANDOM_LENGTH = 32;
/** The marker ("keel_srv_") plus four random characters. */
export const KEY_PREFIX_LENGTH = 13;

const RANDOM_PART = /^[A-Za-z0-9_-]{32}$/;

export function isSdkKeyKind(value: string): value is SdkKeyKind {
  return (SDK_KEY_KINDS as readonly string[]).includes(value);
}

/** The full secret for a kind and a random part (generated outside core: core has no randomness). */
export function formatSdkKey(kind: SdkKeyKind, randomPart: string): string {
  if (!RANDOM_PART.test(randomPart)) {
    throw new Error(`An SDK key's random part must be ${SDK_KEY_RANDOM_LENGTH} base64url characters.`);
  }
  return `${SDK_KEY_MARKERS[kind]}${randomPart}`;
}

/** The kind a well-formed key announces, or null for anything that is not a Keel SDK key. */
export function sdkKeyKindOf(secret: string): SdkKeyKind | null {
  for (const kind of SDK_KEY_KINDS) {
    const marker = SDK_KEY_MARKERS[kind];
    if (secret.startsWith(marker) && RANDOM_PART.test(secret.slice(marker.length))) return kind;
  }
  return null;
}

/** What Keel stores and shows to tell keys apart: the first 13 characters, e.g. "keel_srv_AbCd". */
export function keyPrefix(secret: string): string {
  return secret.slice(0, KEY_PREFIX_LENGTH);
}

export const sdkKeyKindSchema = z.enum(SDK_KEY_KINDS, {
  error: () => `Kind must be one of: ${SDK_KEY_KINDS.join(", ")} (server for backends, client for browsers and mobile apps).`,
});

export const SDK_KEY_NAME_MAX = 80;

/** An admin creates a key for one environment. */
export const createSdkKeyInput = z.object({
  environmentKey: keySchema("Environment key"),
  kind: sdkKeyKindSchema,
  name: z
    .string({ error: "Name is required: say which service uses this key (e.g. checkout-service)." })
    .trim()
    .min(1, "Name is required: say which service uses this key (e.g. checkout-service).")
    .max(SDK_KEY_NAME_MAX, `Name must be at most ${SDK_KEY_NAME_MAX} characters.`),
});
export type CreateSdkKeyInput = z.input<typeof createSdkKeyInput>;

/** An admin revokes a key: services using it are refused from then on. */
export const revokeSdkKeyInput = z.object({
  id: z.string({ error: "Key id is required: choose the key to revoke." }).trim().min(1, "Key id is required: choose the key to revoke."),
});
export type RevokeSdkKeyInput = z.input<typeof revokeSdkKeyInput>;

/** Optional filter of the key list. */
export const listSdkKeysInput = z
  .object({ environmentKey: keySchema("Environment key").optional() })
  .default({});
export type ListSdkKeysInput = z.input<typeof listSdkKeysInput>;
