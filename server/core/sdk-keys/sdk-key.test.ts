import { describe, expect, it } from "vitest";
import {
  createSdkKeyInput,
  formatSdkKey,
  isSdkKeyKind,
  keyPrefix,
  listSdkKeysInput,
  revokeSdkKeyInput,
  SDK_KEY_KINDS,
  sdkKeyKindOf,
} from "./sdk-key";

const RANDOM = "AbCdEfGhIjKlMnOpQrStUvWxYz012-_9";

describe("SDK key format", () => {
  it("has exactly two kinds", () => {
    expect(SDK_KEY_KINDS).toEqual(["server", "client"]);
    expect(isSdkKeyKind("server")).toBe(true);
    expect(isSdkKeyKind("admin")).toBe(false);
  });

  it("formats server and client keys with their markers", () => {
    expect(formatSdkKey("server", RANDOM)).toBe(`keel_srv_${RANDOM}`);
    expect(formatSdkKey("client", RANDOM)).toBe(`keel_cli_${RANDOM}`);
    expect(formatSdkKey("server", RANDOM)).toHaveLength(41);
  });

  it("refuses a random part that is not 32 base64url characters", () => {
    expect(() => formatSdkKey("server", "short")).toThrow(/32 base64url/);
    expect(() => formatSdkKey("server", `${RANDOM.slice(1)}+`)).toThrow(/32 base64url/);
  });

  it("shows the first 13 characters as the prefix", () => {
    expect(keyPrefix(formatSdkKey("server", RANDOM))).toBe("keel_srv_AbCd");
    expect(keyPrefix(formatSdkKey("client", RANDOM))).toBe("keel_cli_AbCd");
  });

  it("tells the kind from a well-formed key, and nothing from anything else", () => {
    expect(sdkKeyKindOf(`keel_srv_${RANDOM}`)).toBe("server");
    expect(sdkKeyKindOf(`keel_cli_${RANDOM}`)).toBe("client");
    expect(sdkKeyKindOf(`keel_srv_${RANDOM}x`)).toBeNull();
    expect(sdkKeyKindOf("keel_srv_AbCd")).toBeNull();
    expect(sdkKeyKindOf(`Bearer keel_srv_${RANDOM}`)).toBeNull();
    expect(sdkKeyKindOf("")).toBeNull();
  });
});

describe("create SDK key input", () => {
  const valid = { environmentKey: "production", kind: "server", name: "checkout-service" };

  it("accepts a complete input and trims the name", () => {
    expect(createSdkKeyInput.parse({ ...valid, name: "  checkout-service " })).toEqual(valid);
  });

  it("names the kind field and the allowed kinds", () => {
    const result = createSdkKeyInput.safeParse({ ...valid, kind: "admin" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["kind"], message: expect.stringMatching(/^Kind must be one of: server, client/) });
  });

  it("names the environment key field and its rule", () => {
    const result = createSdkKeyInput.safeParse({ ...valid, environmentKey: "Prod!" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["environmentKey"], message: expect.stringMatching(/^Environment key must use lowercase/) });
    const missing = createSdkKeyInput.safeParse({ ...valid, environmentKey: undefined });
    expect(missing.error?.issues[0]).toMatchObject({ path: ["environmentKey"], message: "Environment key is required." });
  });

  it("requires a name of 1–80 characters", () => {
    expect(createSdkKeyInput.safeParse({ ...valid, name: "   " }).error?.issues[0]).toMatchObject({
      path: ["name"],
      message: expect.stringMatching(/^Name is required: say which service/),
    });
    expect(createSdkKeyInput.safeParse({ ...valid, name: "x".repeat(81) }).error?.issues[0]?.message).toBe("Name must be at most 80 characters.");
    expect(createSdkKeyInput.safeParse({ ...valid, name: "x".repeat(80) }).success).toBe(true);
  });
});

describe("revoke and list SDK key input", () => {
  it("requires a key id", () => {
    expect(revokeSdkKeyInput.safeParse({ id: "" }).error?.issues[0]).toMatchObject({ path: ["id"], message: expect.stringMatching(/^Key id is required/) });
    expect(revokeSdkKeyInput.parse({ id: " abc " })).toEqual({ id: "abc" });
  });

  it("filters the list by an optional environment", () => {
    expect(listSdkKeysInput.parse(undefined)).toEqual({});
    expect(listSdkKeysInput.parse({ environmentKey: "staging" })).toEqual({ environmentKey: "staging" });
  });
});
