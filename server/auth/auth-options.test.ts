import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authCookies, authOptions, OIDC_PROVIDER_ID } from "./auth-options";
import { parseEnv } from "../env";

describe("sign-in providers", () => {
  it("offers email + password by default, with sign-in errors shown on Keel's own page", () => {
    const options = authOptions(parseEnv({}));
    expect(options.providers.map((p) => p.id)).toEqual(["credentials"]);
    expect(options.pages).toEqual({ signIn: "/sign-in", error: "/sign-in" });
    expect(options.session?.strategy).toBe("jwt");
  });

  it("adds the company's OpenID Connect provider when its three variables are set", () => {
    const options = authOptions(
      parseEnv({ OIDC_ISSUER: "https://login.example.com/", OIDC_CLIENT_ID: "keel", OIDC_CLIENT_SECRET: "s3cret", OIDC_NAME: "Okta" }),
    );
    const oidc = options.providers.find((p) => p.id === OIDC_PROVIDER_ID) as unknown as Record<string, unknown>;
    expect(oidc).toMatchObject({
      name: "Okta",
      type: "oauth",
      wellKnown: "https://login.example.com/.well-known/openid-configuration",
      clientId: "keel",
      clientSecret: "s3cret",
      idToken: true,
      checks: ["pkce", "state"],
    });
  });
});

describe("session cookies", () => {
  it("are HttpOnly and SameSite=Lax, not Secure, when Keel is served over plain http", () => {
    const options = authOptions(parseEnv({ NEXTAUTH_URL: "http://localhost:3000" }));
    expect(options.useSecureCookies).toBe(false);
    expect(options.cookies?.sessionToken).toEqual({
      name: "next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    });
    expect(options.cookies?.csrfToken?.name).toBe("next-auth.csrf-token");
    expect(options.cookies?.callbackUrl?.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });
  });

  it("are Secure, with next-auth's __Secure-/__Host- names, when NEXTAUTH_URL is https", () => {
    const options = authOptions(parseEnv({ NEXTAUTH_URL: "https://keel.example.com" }));
    expect(options.useSecureCookies).toBe(true);
    expect(options.cookies?.sessionToken).toEqual({
      name: "__Secure-next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
    expect(options.cookies?.csrfToken).toEqual({
      name: "__Host-next-auth.csrf-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
    expect(options.cookies?.callbackUrl?.name).toBe("__Secure-next-auth.callback-url");
  });

  it("are not Secure when NEXTAUTH_URL is unset (start-up defaults it to http://localhost)", () => {
    expect(authOptions(parseEnv({})).cookies?.sessionToken?.options.secure).toBe(false);
  });

  it("keep next-auth's own names and options, so existing sessions survive", () => {
    // next-auth's exports map hides its cookie defaults; load the file itself.
    const req = createRequire(import.meta.url);
    const file = path.join(path.dirname(req.resolve("next-auth")), "core/lib/cookie.js");
    const { defaultCookies } = req(file) as {
      defaultCookies(secure: boolean): Record<string, { name: string; options: Record<string, unknown> }>;
    };
    for (const secure of [false, true]) {
      const ours = authCookies(secure);
      const theirs = defaultCookies(secure);
      for (const key of ["sessionToken", "callbackUrl", "csrfToken"] as const) {
        expect(ours[key]).toEqual(theirs[key]);
      }
    }
  });
});
