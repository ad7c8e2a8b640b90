import type { ScanResult } from "../core/code-references/scan-result";
import type { UploadTarget } from "./scan-options";

/**
 * Sends a scan to Keel (POST /api/v1/code-references) as the latest scan of `target.repository`.
 * Returns the line to print, or throws an Error whose message says what Keel (or the network) answered.
 */
export async function uploadScan(result: ScanResult, target: UploadTarget, fetchImpl: typeof fetch = fetch): Promise<string> {
  const body = await callKeel(target, "upload", { method: "POST", body: JSON.stringify({ ...result, repository: target.repository }) }, fetchImpl);
  const references = Number(body.references ?? result.references.length);
  const replaced = typeof body.replacedReferences === "number" ? `, replacing the previous scan's ${body.replacedReferences}` : " (its first)";
  return `Uploaded ${references} reference${references === 1 ? "" : "s"} to ${target.url} as the latest scan of “${target.repository}”${replaced}.`;
}

/**
 * The keys of Keel's flags (not archived) from GET /api/v1/code-references with the upload's
 * server key: what a scan in a CI pipeline, without Keel's database, looks for.
 */
export async function fetchFlagKeys(target: UploadTarget, fetchImpl: typeof fetch = fetch): Promise<string[]> {
  const body = await callKeel(target, "request for the flag keys", { method: "GET" }, fetchImpl);
  if (!Array.isArray(body.flagKeys) || !body.flagKeys.every((key) => typeof key === "string")) {
    throw new Error(`Keel at ${target.url} did not answer with flag keys; is it a Keel server? Give the keys with --keys or --keys-file.`);
  }
  return body.flagKeys as string[];
}

async function callKeel(target: UploadTarget, what: string, init: { method: "GET" | "POST"; body?: string }, fetchImpl: typeof fetch): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetchImpl(`${target.url}/api/v1/code-references`, {
      ...init,
      headers: { ...(init.body === undefined ? {} : { "content-type": "application/json" }), authorization: `Bearer ${target.key}` },
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`Cannot reach Keel at ${target.url} (${cause?.code ?? cause?.message ?? (error as Error).message}); check --url or KEEL_URL.`);
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON (e.g. a proxy's error page): reported by status below
  }
  if (!response.ok) {
    const details = typeof body.errorDetails === "string" ? body.errorDetails : text.slice(0, 200);
    throw new Error(`Keel refused the ${what} (HTTP ${response.status}): ${details}`);
  }
  return body;
}
