/**
 * A tiny browser app for the OFREP e2e test: the unmodified OpenFeature web SDK with the OFREP web
 * provider, bundled by esbuild and served from another origin than Keel (so CORS is exercised).
 */
import { OpenFeature } from "@openfeature/web-sdk";
import { OFREPWebProvider } from "@openfeature/ofrep-web-provider";

type Details = { value: unknown; variant?: string; reason?: string; errorCode?: string; flagMetadata: Record<string, unknown> };

declare global {
  interface Window {
    keel: {
      start(baseUrl: string, key: string, targetingKey: string): Promise<void>;
      booleanFlag(key: string, fallback: boolean): Details;
      refresh(): Promise<void>;
    };
  }
}

let targetingKey = "";
window.keel = {
  async start(baseUrl, key, unitId) {
    targetingKey = unitId;
    await OpenFeature.setContext({ targetingKey, plan: "pro" });
    // network-first: after a context change the answer comes from Keel, not from the local cache (reason CACHED)
    await OpenFeature.setProviderAndWait(new OFREPWebProvider({ baseUrl, headers: [["Authorization", `Bearer ${key}`]], cacheMode: "network-first" }));
  },
  booleanFlag(key, fallback) {
    const d = OpenFeature.getClient().getBooleanDetails(key, fallback);
    return { value: d.value, variant: d.variant, reason: d.reason, errorCode: d.errorCode, flagMetadata: { ...d.flagMetadata } };
  },
  /** a context change makes the provider fetch every flag again (OFREP's static-context model) */
  async refresh() {
    await OpenFeature.setContext({ targetingKey, plan: "pro", refreshedAt: Date.now() });
  },
};
