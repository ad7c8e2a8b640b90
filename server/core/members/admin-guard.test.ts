import { describe, expect, it } from "vitest";
import { assertAnAdminRemains } from "./admin-guard";

describe("at least one admin remains", () => {
  it("refuses to take the admin role from the last admin", () => {
    expect(() => assertAnAdminRemains(["a"], "a", ["viewer"])).toThrow(/at least one admin/);
  });
  it("allows it when another admin remains, or when the role is kept", () => {
    expect(() => assertAnAdminRemains(["a", "b"], "a", ["viewer"])).not.toThrow();
    expect(() => assertAnAdminRemains(["a"], "a", ["admin", "viewer"])).not.toThrow();
    expect(() => assertAnAdminRemains([], "c", ["admin"])).not.toThrow();
  });
});

describe("deactivating yourself", () => {
  it("is refused, deactivating someone else is not", async () => {
    const { assertNotSelf } = await import("./admin-guard");
    expect(() => assertNotSelf("a", "a")).toThrow(/cannot deactivate yourself/);
    expect(() => assertNotSelf("a", "b")).not.toThrow();
  });
});
