import type { ScanResult } from "../core/code-references/scan-result";
import type { UploadTarget } from "./scan-options";

/**
 * Sends a scan to Keel (POST /api/v1/code-references) as the latest scan of `target.repository`.
 * Returns the line to print, or throws an Error whose message says what Keel (or the network) answered.
 */
export async function uploadScan(result: ScanResult, target: UploadTarget, fetchImpl: typeof fetch = fetch): Promise<string> {
  const endpoint = `${target.url}/api/v1/code-references`;
  let response: Response;
  try {
    response = await fetchImpl(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${target.key}` },
      body: JSON.stringify({ ...result, repository: target.repository }),
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
    throw new Error(`Keel refused the upload (HTTP ${response.status}): ${details}`);
  }
  const references = Number(body.references ?? result.references.length);
  const replaced = typeof body.replacedReferences === "number" ? `, replacing the previous scan's ${body.replacedReferences}` : " (its first)";
  return `Uploaded ${references} reference${references === 1 ? "" : "s"} to ${target.url} as the latest scan of “${target.repository}”${replaced}.`;
}
