import { describe, expect, it } from "vitest";
import { AppError } from "../../core/errors";
import { getDb } from "../../db/client";
import { findAuditEntries } from "../../db/audit-log";
import { createMember } from "./create-member";
import { updateMemberRoles } from "./update-member-roles";
import { signInWithPassword } from "../auth/sign-in-with-password";
import { signInWithSso } from "../auth/sign-in-with-sso";
import { FACTORY_PASSWORD, actorFor, makeMember, serviceContext, uniqueKey } from "../../../prisma/factories";
import { FREE_ATTEMPTS } from "../../core/auth/sign-in-throttle";

describe("members", () => {
  it("are added by an admin with roles and an audit entry; the password is stored hashed", async () => {
    const admin = await makeMember(["admin"]);
    const email = `${uniqueKey("new")}@test.keel`;
    const user = await createMember(serviceContext(actorFor(admin)), { email: email.toUpperCase(), name: "New", roles: ["experimenter", "viewer"], password: "a-long-password" });
    expect(user).toMatchObject({ email, roles: expect.arrayContaining(["experimenter", "viewer"]) });
    expect(user.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    const { entries } = await findAuditEntries(getDb(), { entityType: "user", entityKey: email, limit: 5 });
    expect(entries[0]).toMatchObject({ action: "member.created", actorId: admin.id });
    expect(JSON.stringify(entries[0]?.after)).not.toContain("password-");
  });

  it("refuses a duplicate email and an unknown role with field messages", async () => {
    const existing = await makeMember();
    await expect(createMember(serviceContext(), { email: existing.email, name: "Dup", roles: ["viewer"] })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { email: [expect.stringMatching(/already a member/)] },
    });
    await expect(createMember(serviceContext(), { email: "x@test.keel", name: "X", roles: ["owner" as never] })).rejects.toMatchObject({
      code: "BAD_INPUT",
      fieldErrors: { "roles.0": [expect.stringMatching(/Role must be one of/)] },
    });
  });

  it("always keeps one admin", async () => {
    const db = getDb();
    // make this member the only admin for the duration of the check
    const admin = await makeMember(["admin"]);
    const others = await db.userRole.findMany({ where: { role: "admin", userId: { not: admin.id } } });
    await db.userRole.deleteMany({ where: { role: "admin", userId: { not: admin.id } } });
    try {
      const error = await updateMemberRoles(serviceContext(actorFor(admin)), { userId: admin.id, roles: ["viewer"] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("PRECONDITION_FAILED");
      const second = await makeMember(["admin"]);
      const updated = await updateMemberRoles(serviceContext(actorFor(second)), { userId: admin.id, roles: ["viewer"] });
      expect(updated.roles).toEqual(["viewer"]);
    } finally {
      await db.userRole.createMany({ data: others });
    }
  });
});

describe("teams", () => {
  it("an admin sets a member's team with their roles; the change is audited and a too-long team names the field", async () => {
    const admin = await makeMember(["admin"]);
    const member = await makeMember(["experimenter"], "growth");
    expect(member.team).toBe("growth");
    const moved = await updateMemberRoles(serviceContext(actorFor(admin)), { userId: member.id, roles: ["experimenter"], team: "billing" });
    expect(moved.team).toBe("billing");
    const { entries } = await findAuditEntries(getDb(), { entityType: "user", entityKey: member.email, limit: 1 });
    expect(entries[0]).toMatchObject({ action: "member.roles_changed", before: { team: "growth" }, after: { team: "billing" } });
    const long = await updateMemberRoles(serviceContext(actorFor(admin)), { userId: member.id, roles: ["experimenter"], team: "x".repeat(61) }).catch((e: unknown) => e);
    expect((long as AppError).fieldErrors.team?.[0]).toMatch(/at most 60 characters/);
  });
});

describe("password sign-in", () => {
  it("signs in with the right password and refuses a wrong one without saying which part was wrong", async () => {
    const member = await makeMember(["viewer"]);
    const now = new Date();
    await expect(signInWithPassword(getDb(), { email: member.email, password: FACTORY_PASSWORD }, now)).resolves.toMatchObject({ id: member.id });
    await expect(signInWithPassword(getDb(), { email: member.email, password: "wrong-password" }, now)).rejects.toThrow("Email or password is incorrect.");
    await expect(signInWithPassword(getDb(), { email: "nobody@test.keel", password: "whatever" }, now)).rejects.toThrow("Email or password is incorrect.");
  });

  it("throttles repeated failures per account, even for the right password, and not for other accounts", async () => {
    const victim = await makeMember(["viewer"]);
    const bystander = await makeMember(["viewer"]);
    const now = new Date();
    for (let i = 1; i < FREE_ATTEMPTS; i++) {
      await expect(signInWithPassword(getDb(), { email: victim.email, password: "guess" }, now)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    await expect(signInWithPassword(getDb(), { email: victim.email, password: "guess" }, now)).rejects.toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/Try again in 30 seconds/) });
    await expect(signInWithPassword(getDb(), { email: victim.email, password: FACTORY_PASSWORD }, now)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(signInWithPassword(getDb(), { email: bystander.email, password: FACTORY_PASSWORD }, now)).resolves.toMatchObject({ id: bystander.id });
    const { entries } = await findAuditEntries(getDb(), { entityType: "user", entityKey: victim.email, limit: 5 });
    expect(entries[0]).toMatchObject({ action: "member.sign_in_locked", actorLabel: "system", after: { failedSignInCount: FREE_ATTEMPTS } });
    const later = new Date(now.getTime() + 31_000);
    await expect(signInWithPassword(getDb(), { email: victim.email, password: FACTORY_PASSWORD }, later)).resolves.toMatchObject({ id: victim.id });
  });
});

describe("SSO sign-in", () => {
  it("maps an existing member by email and adds a first-time user as a viewer, audited", async () => {
    const member = await makeMember(["experimenter"]);
    await expect(signInWithSso(getDb(), { email: member.email, name: "X" }, new Date())).resolves.toMatchObject({ id: member.id });
    const email = `${uniqueKey("sso")}@test.keel`;
    const joined = await signInWithSso(getDb(), { email, name: "Sso User", emailVerified: true }, new Date());
    const { entries } = await findAuditEntries(getDb(), { entityType: "user", entityKey: email, limit: 5 });
    expect(entries[0]).toMatchObject({ action: "member.joined_via_sso", entityId: joined.id, after: expect.objectContaining({ roles: ["viewer"] }) });
    await expect(signInWithSso(getDb(), { email: "unverified@test.keel", emailVerified: false }, new Date())).rejects.toThrow(/unverified/);
  });
});

describe("deactivating a member", () => {
  it("stops their sign-in at once, keeps their history, is audited and can be undone", async () => {
    const { setMemberActive } = await import("./set-member-active");
    const admin = await makeMember(["admin"]);
    const leaver = await makeMember(["experimenter"]);
    const ctx = serviceContext(actorFor(admin));
    await setMemberActive(ctx, { userId: leaver.id, active: false });
    await expect(signInWithPassword(getDb(), { email: leaver.email, password: FACTORY_PASSWORD }, new Date())).rejects.toThrow(
      "Email or password is incorrect.",
    );
    const { entries } = await findAuditEntries(getDb(), { entityType: "user", entityKey: leaver.email, limit: 5 });
    expect(entries[0]).toMatchObject({ action: "member.deactivated", actorId: admin.id, before: { active: true }, after: { active: false } });
    await setMemberActive(ctx, { userId: leaver.id, active: true });
    await expect(signInWithPassword(getDb(), { email: leaver.email, password: FACTORY_PASSWORD }, new Date())).resolves.toMatchObject({ id: leaver.id });
  });

  it("refuses to deactivate yourself", async () => {
    const { setMemberActive } = await import("./set-member-active");
    const admin = await makeMember(["admin"]);
    await expect(setMemberActive(serviceContext(actorFor(admin)), { userId: admin.id, active: false })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/cannot deactivate yourself/),
    });
  });
});
