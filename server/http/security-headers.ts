/**
 * Keel's security response headers, defined once and sent from every mount:
 *   - next.config.ts `headers()` puts the API set (and HSTS over HTTPS) on everything Next serves;
 *   - proxy.ts replaces the CSP of pages with a strict per-request nonce policy;
 *   - the service handlers (service-http.ts → fast path, Next route handlers, edge route,
 *     standalone evaluator) merge the API set into their own responses.
 * Header names are lower-case. No Node built-ins: next.config.ts, proxy.ts and the edge route import this.
 */

/** Powerful browser features Keel never uses, denied to its pages and anything they embed. */
const DENIED_FEATURES = [
  "accelerometer",
  "autoplay",
  "browsing-topics",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
] as const;
// Not denied: clipboard-write (Settings → SDK keys copies a new key to the clipboard). Only names
// Chromium knows: an unknown one is an error in the console (e2e/security-headers.spec.ts checks).

export const PERMISSIONS_POLICY = DENIED_FEATURES.map((feature) => `${feature}=()`).join(", ");
export const REFERRER_POLICY = "strict-origin-when-cross-origin";
/** JSON, static files, redirects: nothing in them may load anything or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
/** Two years, subdomains included: sent only on responses to requests that came over HTTPS. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** On every response Keel sends. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "x-content-type-options": "nosniff",
  "referrer-policy": REFERRER_POLICY,
  "permissions-policy": PERMISSIONS_POLICY,
  "x-frame-options": "DENY",
});

/** On every response that is not a page (tRPC, auth, health, service APIs, static files). */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...BASE_SECURITY_HEADERS,
  "content-security-policy": API_CONTENT_SECURITY_POLICY,
});

/**
 * The policy of a page. Scripts run only with this response's nonce (Next puts it on its own
 * scripts, reading it from the request's CSP header); 'strict-dynamic' lets those load the
 * chunks they need. Styles keep 'unsafe-inline': React and Next render `style="…"` attributes
 * (e.g. Next's built-in 404 and error pages), which a nonce cannot cover, and inline CSS cannot
 * run script. 'unsafe-eval' only for `next dev` (React's dev tooling evaluates code); over HTTPS
 * the page also upgrades any http:// subresource.
 */
export function pageContentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** 128 random bits, base64: unguessable, and only characters a CSP nonce source allows. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Whether the browser reached Keel over HTTPS. Keel itself speaks plain HTTP, so TLS ends at a
 * proxy or load balancer in front of it, which says so in `X-Forwarded-Proto`; with several
 * proxies the first value is the client's. Next's `has` matcher wraps this in ^…$; the same
 * pattern decides in the fast path and proxy.ts, so every mount agrees.
 */
export const HTTPS_FORWARDED_PROTO_PATTERN = "\\s*[Hh][Tt][Tt][Pp][Ss]\\s*(?:,.*)?";
const HTTPS_FORWARDED_PROTO = new RegExp(`^${HTTPS_FORWARDED_PROTO_PATTERN}$`);

export function forwardedOverHttps(xForwardedProto: string | readonly string[] | null | undefined): boolean {
  const value = Array.isArray(xForwardedProto) ? xForwardedProto.join(", ") : (xForwardedProto as string | null | undefined);
  return typeof value === "string" && HTTPS_FORWARDED_PROTO.test(value);
}

type HeaderRule = {
  source: string;
  has?: { type: "header"; key: string; value?: string }[];
  headers: { key: string; value: string }[];
};

/**
 * next.config.ts `headers()`: the API set on every path Next serves (proxy.ts overrides the CSP
 * of pages; later headers win), HSTS when X-Forwarded-Proto says https.
 * Values must not contain ":" — Next would read it as a path parameter.
 */
export function nextSecurityHeaderRules(): HeaderRule[] {
  return [
    { source: "/:path*", headers: Object.entries(API_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) },
    {
      source: "/:path*",
      has: [{ type: "header", key: "x-forwarded-proto", value: HTTPS_FORWARDED_PROTO_PATTERN }],
      headers: [{ key: "strict-transport-security", value: STRICT_TRANSPORT_SECURITY }],
    },
  ];
}
