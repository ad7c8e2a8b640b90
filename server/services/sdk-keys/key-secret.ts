import { createHash, randomBytes } from "node:crypto";
import { formatSdkKey, type SdkKeyKind } from "../../core/sdk-keys/sdk-key";

/** A new SDK key: the kind's marker and 24 random bytes in base64url (32 characters). */
export function generateSdkKeySecret(kind: SdkKeyKind): string {
  return formatSdkKey(kind, randomBytes(24).toString("base64url"));
}

/**
 * What Keel stores and looks keys up by: the SHA-256 of the whole key, in hex. The keys are
 * 192 random bits, so a fast hash is enough (no password stretching needed). Used on the
 * evaluation hot path: keep it cheap and keep the name.
 */
export function hashSdkKey(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
