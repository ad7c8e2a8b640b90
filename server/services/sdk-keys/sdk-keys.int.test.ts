import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { findAuditEntries } from "../../db/audit-log";
import { listActiveSdkKeys, recordSdkKeysUsed } from "../../db/sdk-keys";
import { createSdkKey } from "./create-sdk-key";
import { revokeSdkKey } from "./revoke-sdk-key";
import { findSdkKeyByReference, listAllSdkKeys } from "./list-sdk-keys";
import { hashSdkKey } from "./key-secret";
import { actorFor, ensureDefaultEnvironments, makeMember, serviceContext, uniqueKey } from "../../../prisma/factories";
import { SYSTEM_ACTOR } from "../context";
import { rejection } from "../../test/rejection";


async function adminContext() {
  const admin = await makeMember(["admin"]);
  return { admin, ctx: serviceContext(actorFor(admin)) };
}

describe("creating an SDK key", () => {
  beforeAll(ensureDefaultEnvironments);

  it("returns the secret once and stores only its hash and prefix, with an audit entry free of both", async () => {
    const { admin, ctx } = await adminContext();
    const name = uniqueKey("checkout-service");
    const { key, secret } = await createSdkKey(ctx, { environmentKey: "staging", kind: "server", name });

    expect(secret).toMatch(/^keel_srv_[A-Za-z0-9_-]{32}$/);
    expect(key).toMatchObject({
      name,
      kind: "server",
      keyPrefix: secret.slice(0, 13),
      environmentKey: "staging",
      environmentName: "Staging",
      createdById: admin.id,
      createdByEmail: admin.email,
      lastUsedAt: null,
      revokedAt: null,
      status: "active",
    });
    expect(JSON.stringify(key)).not.toContain(secret);
    expect(key).not.toHaveProperty("keyHash");

    const row = await getDb().sdkKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.keyHash).toBe(hashSdkKey(secret));
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);

    const { entries } = await findAuditEntries(getDb(), { entityType: "sdk_key", entityKey: key.keyPrefix, limit: 10 });
    const created = entries.find((e) => e.entityId === key.id);
    expect(created).toMatchObject({
      action: "sdk_key.created",
      actorId: admin.id,
      actorLabel: admin.email,
      before: null,
      after: { name, kind: "server", environment: "staging", keyPrefix: key.keyPrefix, status: "active" },
    });
    const logged = JSON.stringify(created);
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain(row.keyHash);
  });

  it("makes client keys with their own marker, and a different secret every time", async () => {
    const { ctx } = await adminContext();
    const a = await createSdkKey(ctx, { environmentKey: "production", kind: "client", name: "web" });
    const b = await createSdkKey(ctx, { environmentKey: "production", kind: "client", name: "web" });
    expect(a.secret).toMatch(/^keel_cli_/);
    expect(a.secret).not.toBe(b.secret);
    expect(a.key.keyPrefix).toMatch(/^keel_cli_.{4}$/);
  });

  it("refuses an unknown environment at the environmentKey field, and writes nothing", async () => {
    const { ctx } = await adminContext();
    const name = uniqueKey("nowhere");
    const error = await rejection(createSdkKey(ctx, { environmentKey: "qa-nowhere", kind: "server", name }));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.fieldErrors.environmentKey?.[0]).toMatch(/“qa-nowhere” does not exist/);
    expect(await getDb().sdkKey.count({ where: { name } })).toBe(0);
  });

  it("refuses a bad kind and a missing name with messages naming the fields", async () => {
    const { ctx } = await adminContext();
    const error = await rejection(createSdkKey(ctx, { environmentKey: "staging", kind: "admin" as never, name: "" }));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.fieldErrors.kind?.[0]).toMatch(/^Kind must be one of: server, client/);
    expect(error.fieldErrors.name?.[0]).toMatch(/^Name is required/);
  });

  it("records a key created by Keel itself (the command line) as created by an active admin, audited as that actor", async () => {
    const { admin } = await adminContext();
    const { key } = await createSdkKey(serviceContext({ ...SYSTEM_ACTOR, label: "cli" }), { environmentKey: "development", kind: "server", name: "cli" });
    expect(key.createdById).toBeTruthy();
    const creator = await getDb().user.findUniqueOrThrow({ where: { id: key.createdById }, include: { roles: true } });
    expect(creator.roles.map((r) => r.role)).toContain("admin");
    expect(creator.deactivatedAt).toBeNull();
    expect(admin.id).toBeTruthy();
    const { entries } = await findAuditEntries(getDb(), { entityType: "sdk_key", entityKey: key.keyPrefix, limit: 10 });
    expect(entries.find((e) => e.entityId === key.id)).toMatchObject({ actorId: null, actorLabel: "cli" });
  });

  it("writes nothing when the change cannot be completed", async () => {
    const name = uniqueKey("ghost");
    const ctx = serviceContext({ id: "no-such-user", label: "ghost", roles: ["admin"] });
    await expect(createSdkKey(ctx, { environmentKey: "staging", kind: "server", name })).rejects.toThrow();
    expect(await getDb().sdkKey.count({ where: { name } })).toBe(0);
    expect(await getDb().auditLogEntry.count({ where: { entityType: "sdk_key", actorLabel: "ghost" } })).toBe(0);
  });
});

describe("revoking an SDK key", () => {
  beforeAll(ensureDefaultEnvironments);

  it("sets revokedAt, audits before/after without secrets, and drops the key from the active keys", async () => {
    const { admin, ctx } = await adminContext();
    const { key, secret } = await createSdkKey(ctx, { environmentKey: "staging", kind: "server", name: uniqueKey("to-revoke") });
    expect((await listActiveSdkKeys(getDb())).find((k) => k.id === key.id)).toEqual({
      id: key.id,
      keyHash: hashSdkKey(secret),
      kind: "server",
      environmentId: key.environmentId,
      environmentKey: "staging",
    });

    const revoked = await revokeSdkKey(ctx, { id: key.id });
    expect(revoked).toMatchObject({ id: key.id, status: "revoked", revokedAt: expect.any(Date) });
    expect((await getDb().sdkKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toEqual(revoked.revokedAt);
    expect((await listActiveSdkKeys(getDb())).some((k) => k.id === key.id)).toBe(false);

    const { entries } = await findAuditEntries(getDb(), { entityType: "sdk_key", entityKey: key.keyPrefix, limit: 10 });
    const entry = entries.find((e) => e.entityId === key.id && e.action === "sdk_key.revoked");
    expect(entry).toMatchObject({
      actorId: admin.id,
      before: { status: "active", keyPrefix: key.keyPrefix },
      after: { status: "revoked", keyPrefix: key.keyPrefix, revokedAt: revoked.revokedAt!.toISOString() },
    });
    expect(JSON.stringify(entry)).not.toContain(secret);
    expect(JSON.stringify(entry)).not.toContain(hashSdkKey(secret));

    const listed = await listAllSdkKeys(ctx, { environmentKey: "staging" });
    expect(listed.find((k) => k.id === key.id)).toMatchObject({ status: "revoked" });
  });

  it("refuses to revoke twice, clearly, and audits only the first", async () => {
    const { ctx } = await adminContext();
    const { key } = await createSdkKey(ctx, { environmentKey: "staging", kind: "client", name: uniqueKey("twice") });
    await revokeSdkKey(ctx, { id: key.id });
    const error = await rejection(revokeSdkKey(ctx, { id: key.id }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(new RegExp(`${key.keyPrefix} .* was already revoked`));
    const revocations = await getDb().auditLogEntry.count({ where: { entityId: key.id, action: "sdk_key.revoked" } });
    expect(revocations).toBe(1);
  });

  it("refuses an unknown key and an empty id", async () => {
    const { ctx } = await adminContext();
    expect((await rejection(revokeSdkKey(ctx, { id: "no-such-key" }))).code).toBe("NOT_FOUND");
    expect((await rejection(revokeSdkKey(ctx, { id: "" }))).fieldErrors.id?.[0]).toMatch(/^Key id is required/);
  });

  it("leaves the key active when the audit entry cannot be written", async () => {
    const { ctx } = await adminContext();
    const { key } = await createSdkKey(ctx, { environmentKey: "staging", kind: "server", name: uniqueKey("rollback") });
    const ghost = serviceContext({ id: "no-such-user", label: "ghost", roles: ["admin"] });
    await expect(revokeSdkKey(ghost, { id: key.id })).rejects.toThrow();
    expect((await getDb().sdkKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
    expect((await listActiveSdkKeys(getDb())).some((k) => k.id === key.id)).toBe(true);
  });
});

describe("SDK key use and lookup", () => {
  beforeAll(ensureDefaultEnvironments);

  it("records the last use of several keys at once, never moving it backwards", async () => {
    const { ctx } = await adminContext();
    const a = await createSdkKey(ctx, { environmentKey: "production", kind: "server", name: uniqueKey("used-a") });
    const b = await createSdkKey(ctx, { environmentKey: "production", kind: "client", name: uniqueKey("used-b") });
    const untouched = await createSdkKey(ctx, { environmentKey: "production", kind: "client", name: uniqueKey("unused") });
    const at = new Date("2031-01-02T03:04:05.000Z");
    await recordSdkKeysUsed(getDb(), [a.key.id, b.key.id, a.key.id], at);
    await recordSdkKeysUsed(getDb(), [a.key.id], new Date("2030-12-31T00:00:00.000Z"));
    await recordSdkKeysUsed(getDb(), [], at);
    const listed = await listAllSdkKeys(ctx, { environmentKey: "production" });
    expect(listed.find((k) => k.id === a.key.id)?.lastUsedAt).toEqual(at);
    expect(listed.find((k) => k.id === b.key.id)?.lastUsedAt).toEqual(at);
    expect(listed.find((k) => k.id === untouched.key.id)?.lastUsedAt).toBeNull();
  });

  it("lists newest first with environment, creator and status, and refuses an unknown environment filter", async () => {
    const { admin, ctx } = await adminContext();
    const first = await createSdkKey(ctx, { environmentKey: "development", kind: "server", name: uniqueKey("first") });
    const second = await createSdkKey(ctx, { environmentKey: "development", kind: "client", name: uniqueKey("second") });
    const all = await listAllSdkKeys(ctx);
    const ids = all.map((k) => k.id);
    expect(ids.indexOf(second.key.id)).toBeLessThan(ids.indexOf(first.key.id));
    expect(all.find((k) => k.id === first.key.id)).toMatchObject({ environmentName: "Development", createdByEmail: admin.email, status: "active" });
    expect((await listAllSdkKeys(ctx, { environmentKey: "staging" })).some((k) => k.id === first.key.id)).toBe(false);
    expect((await rejection(listAllSdkKeys(ctx, { environmentKey: "qa-nowhere" }))).fieldErrors.environmentKey?.[0]).toMatch(/does not exist/);
  });

  it("finds a key by id or by its shown prefix", async () => {
    const { ctx } = await adminContext();
    const { key } = await createSdkKey(ctx, { environmentKey: "staging", kind: "server", name: uniqueKey("lookup") });
    expect((await findSdkKeyByReference(ctx, key.id)).id).toBe(key.id);
    const sharing = await getDb().sdkKey.count({ where: { keyPrefix: key.keyPrefix } });
    if (sharing === 1) expect((await findSdkKeyByReference(ctx, key.keyPrefix)).id).toBe(key.id);
    expect((await rejection(findSdkKeyByReference(ctx, "keel_srv_zzzz-nope"))).code).toBe("NOT_FOUND");
  });
});
