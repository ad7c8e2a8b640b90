import { describe, expect, it } from "vitest";
import { allows, can, PERMISSIONS } from "./permissions";
import { ROLES } from "./roles";

describe("permissions", () => {
  it("lets every role read the workspace and the audit log", () => {
    for (const role of ROLES) {
      expect(can([role], "workspace:read")).toBe(true);
      expect(can([role], "audit:read")).toBe(true);
    }
  });

  it("lets only experimenters and admins change flags", () => {
    expect(ROLES.filter((r) => can([r], "flags:write"))).toEqual(["experimenter", "admin"]);
  });

  it("keeps member and environment management to admins", () => {
    expect(ROLES.filter((r) => can([r], "members:manage"))).toEqual(["admin"]);
    expect(ROLES.filter((r) => can([r], "environments:manage"))).toEqual(["admin"]);
  });

  it("combines roles a user holds", () => {
    expect(can(["viewer", "experimenter"], "flags:write")).toBe(true);
    expect(can([], "workspace:read")).toBe(false);
  });

  it("walks the ladder: public → signed in → permission", () => {
    expect(allows({ kind: "public" }, null)).toBe("ok");
    expect(allows({ kind: "signedIn" }, null)).toBe("unauthenticated");
    expect(allows({ kind: "signedIn" }, { roles: [] })).toBe("ok");
    expect(allows({ kind: "permission", permission: "flags:write" }, null)).toBe("unauthenticated");
    expect(allows({ kind: "permission", permission: "flags:write" }, { roles: ["viewer"] })).toBe("forbidden");
    expect(allows({ kind: "permission", permission: "flags:write" }, { roles: ["experimenter"] })).toBe("ok");
  });

  it("names only known roles", () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(ROLES).toContain(r);
  });
});
