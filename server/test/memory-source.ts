/**
 * Test helper: an evaluation source held in memory (no database, no sync), for tests of the
 * framework-free routes and the node:http fast path. Keys in `secrets` resolve to a server key
 * of production; anything else is an unknown key (401).
 */
import { compileSnapshot } from "../core/evaluation";
import type { Snapshot } from "../core/evaluation/snapshot-format";
import type { LiveSnapshot, Resolution } from "../http/service-http";

export const TEST_SECRET = "keel_srv_test-secret";

/** A snapshot document as an instance holds it in memory (ETag from its revision). */
export function liveSnapshot(document: Snapshot): LiveSnapshot {
  return { environmentKey: document.environment.key, revision: document.revision, payload: JSON.stringify(document), etag: `"r${document.revision}"`, compiled: compileSnapshot(document) };
}

/** What a source answers from memory for `secret`. */
export function resolveKey(live: LiveSnapshot, secret: string | undefined, secrets: readonly string[] = [TEST_SECRET]): Resolution {
  return secret !== undefined && secrets.includes(secret)
    ? { ok: true, key: { id: "k1", kind: "server", environmentKey: live.environmentKey }, snapshot: live }
    : { ok: false, status: 401, details: "Unknown SDK key." };
}

/** Resolves after `ms` milliseconds, as a source that has to wait would (a first sync, a fetch). */
export function later<T>(ms: number, value: () => T): Promise<T> {
  return new Promise((done) => setTimeout(() => done(value()), ms));
}
