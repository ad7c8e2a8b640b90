/**
 * Snapshot documents for tests: one flag "new-checkout" (boolean, on, 100 % "on", version 3) and
 * a snapshot of production at revision 7. Override what a test is about.
 */
import type { Snapshot, SnapshotFlag, SnapshotSegment } from "./snapshot-format";

export const snapshotFlag = (overrides: Partial<SnapshotFlag> = {}): SnapshotFlag => ({
  key: "new-checkout",
  valueType: "boolean",
  version: 3,
  enabled: true,
  salt: "salt-1",
  variations: { on: true, off: false },
  offVariation: "off",
  targets: [],
  rules: [],
  rollout: { percentage: 100, weights: [{ variation: "on", weight: 1 }] },
  experiment: null,
  ...overrides,
});

export const snapshotOf = (flags: SnapshotFlag[], segments: SnapshotSegment[] = []): Snapshot => ({
  format: "keel-snapshot/1",
  environment: { key: "production", name: "Production" },
  revision: 7,
  publishedAt: "2026-01-01T00:00:00.000Z",
  flags,
  segments,
});
