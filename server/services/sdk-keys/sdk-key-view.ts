import type { SdkKeyRecord } from "../../db/sdk-keys";

export type SdkKeyStatus = "active" | "revoked";

/** An SDK key as the settings page, the API and the CLI show it: no secret, no hash. */
export type SdkKeyView = SdkKeyRecord & { status: SdkKeyStatus };

export function toSdkKeyView(record: SdkKeyRecord): SdkKeyView {
  return { ...record, status: record.revokedAt ? "revoked" : "active" };
}

/** What the audit log keeps of a key: enough to recognise it, nothing that authenticates. */
export function sdkKeyAuditSnapshot(record: SdkKeyRecord) {
  return {
    name: record.name,
    kind: record.kind,
    environment: record.environmentKey,
    keyPrefix: record.keyPrefix,
    status: record.revokedAt ? ("revoked" as const) : ("active" as const),
    ...(record.revokedAt ? { revokedAt: record.revokedAt.toISOString() } : {}),
  };
}
