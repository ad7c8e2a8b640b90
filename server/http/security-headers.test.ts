import { describe, expect, it } from "vitest";
import {
  API_SECURITY_HEADERS,
  BASE_SECURITY_HEADERS,
  forwardedOverHttps,
  HTTPS_FORWARDED_PROTO_PATTERN,
  newNonce,
  nextSecurityHeaderRules,
  pageContentSecurityPolicy,
  PERMISSIONS_POLICY,
  STRICT_TRANSPORT_SECURITY,
} from "./security-headers";
import { json, preflight, SERVICE_HEADERS } from "./service-http";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe("the page policy", () => {
  it("runs only scripts carrying the response's nonce, and nothing may frame the page", () => {
    const policy = directives(pageContentSecurityPolicy("abc123==", { development: false, https: false }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    // a nonce in style-src would make browsers ignore 'unsafe-inline' (style attributes)
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("allows eval only in development", () => {
    expect(pageContentSecurityPolicy("n", { development: false, https: false })).not.toContain("unsafe-eval");
    expect(directives(pageContentSecurityPolicy("n", { development: true, https: false })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("upgrades http:// subresources only when the page came over HTTPS", () => {
    expect(directives(pageContentSecurityPolicy("n", { development: false, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("is read the way Next reads it: the nonce from script-src", () => {
    const nonce = newNonce();
    const match = /'nonce-([A-Za-z0-9+/_-]+={0,2})'/.exec(pageContentSecurityPolicy(nonce, { development: false, https: false }));
    expect(match?.[1]).toBe(nonce);
  });
});

describe("nonces", () => {
  it("are 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => newNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("the API set", () => {
  it("forbids sniffing, framing and loading anything, and denies powerful features", () => {
    expect(API_SECURITY_HEADERS).toEqual({
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "permissions-policy": PERMISSIONS_POLICY,
      "x-frame-options": "DENY",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    });
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
      expect(PERMISSIONS_POLICY.split(", ")).toContain(`${feature}=()`);
    }
    expect(PERMISSIONS_POLICY).not.toContain("clipboard-write"); // the SDK key copy button
  });

  it("has lower-case names and no ':' in values (Next would read it as a path parameter)", () => {
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) {
      expect(name).toBe(name.toLowerCase());
      expect(value).not.toContain(":");
    }
    expect(STRICT_TRANSPORT_SECURITY).not.toContain(":");
  });

  it("is on every service response, next to the CORS headers", () => {
    for (const response of [json(401, {}), preflight()]) {
      expect(response.headers).toMatchObject(API_SECURITY_HEADERS);
      expect(response.headers["access-control-allow-origin"]).toBe("*");
    }
    expect(SERVICE_HEADERS).toMatchObject(BASE_SECURITY_HEADERS);
  });
});

describe("HTTPS detection (HSTS)", () => {
  it.each([
    ["https", true],
    ["HTTPS", true],
    ["https, http", true], // first proxy saw https
    [" https ", true],
    [["https"], true],
    ["http", false],
    ["http, https", false],
    ["httpsx", false],
    ["wss", false],
    ["", false],
    [undefined, false],
    [null, false],
  ] as const)("X-Forwarded-Proto %j → %s", (value, expected) => {
    expect(forwardedOverHttps(value)).toBe(expected);
  });

  it("uses the same rule as Next's `has` matcher in next.config.ts", () => {
    const nextMatcher = new RegExp(`^${HTTPS_FORWARDED_PROTO_PATTERN}$`); // as Next compiles `has` values
    for (const value of ["https", "HTTPS", "https, http", "http", "http, https", "httpsx"]) {
      expect(nextMatcher.test(value)).toBe(forwardedOverHttps(value));
    }
  });
});

describe("next.config.ts headers()", () => {
  it("puts the API set on every path, and HSTS only when X-Forwarded-Proto says https", () => {
    const [all, hsts] = nextSecurityHeaderRules();
    expect(all).toEqual({
      source: "/:path*",
      headers: Object.entries(API_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
    });
    expect(hsts).toEqual({
      source: "/:path*",
      has: [{ type: "header", key: "x-forwarded-proto", value: HTTPS_FORWARDED_PROTO_PATTERN }],
      headers: [{ key: "strict-transport-security", value: "max-age=63072000; includeSubDomains" }],
    });
  });
});
