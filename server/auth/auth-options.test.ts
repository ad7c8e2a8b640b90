import { describe, expect, it } from "vitest";
import { authOptions, OIDC_PROVIDER_ID } from "./auth-options";
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
