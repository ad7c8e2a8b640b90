/**
 * Code references and archiving as services and people use them: `keel scan --upload` and
 * POST /api/v1/code-references on a real HTTP port and database, the flag page's view, the
 * archive rules (running experiment, references, never scanned, the admin override) and an
 * archived flag answering FLAG_NOT_FOUND.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, ensureDefaultEnvironments, makeFlag, makeMember, makeRunningExperiment, serviceContext, uniqueKey } from "../../prisma/factories";
import { MAX_UPLOADED_REFERENCES } from "../core/code-references/upload-input";
import { getDb } from "../db/client";
import { findSnapshot } from "../db/snapshots";
import { flagCodeReferences } from "../services/code-references/flag-code-references";
import { createExperiment } from "../services/experiments/create-experiment";
import { archiveFlag } from "../services/flags/archive-flag";
import { updateFlagEnvironment } from "../services/flags/update-flag-environment";
import { createSdkKey } from "../services/sdk-keys/create-sdk-key";
import { keelCli } from "../test/keel-cli";
import { rejection } from "../test/rejection";
import { startServiceServer, type ServiceServer } from "../test/service-server";

let server: ServiceServer;
let admin: Awaited<ReturnType<typeof makeMember>>;
let experimenter: Awaited<ReturnType<typeof makeMember>>;
let serverKey: string;
let clientKey: string;

type Json = Record<string, unknown>;

async function post(pathname: string, body: unknown, key: string | null = serverKey) {
  const response = await fetch(`${server.url}${pathname}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

function scan(repository: string, flagKeys: string[], references: { flagKey: string; path: string; line: number }[]) {
  return {
    repository,
    scannedAt: new Date().toISOString(),
    root: `/ci/${repository}`,
    flagKeys,
    filesScanned: 10,
    filesSkipped: [],
    references: references.map((r) => ({ ...r, column: 5, text: `isOn("${r.flagKey}")` })),
  };
}

async function auditOf(entityType: string, entityKey: string) {
  return getDb().auditLogEntry.findMany({ where: { entityType, entityKey }, orderBy: { at: "asc" } });
}

beforeAll(async () => {
  await ensureDefaultEnvironments();
  admin = await makeMember(["admin"]);
  experimenter = await makeMember(["experimenter"]);
  server = await startServiceServer();
  const ctx = serviceContext(actorFor(admin));
  serverKey = (await createSdkKey(ctx, { environmentKey: "staging", kind: "server", name: "ci scan" })).secret;
  clientKey = (await createSdkKey(ctx, { environmentKey: "staging", kind: "client", name: "web" })).secret;
  await server.runtime.syncOnce();
});

afterAll(async () => {
  await server.close();
});

describe("POST /api/v1/code-references", () => {
  it("stores the scan as the repository's latest and the flag page lists it; a new upload replaces it whole", async () => {
    const flag = await makeFlag(experimenter);
    const repository = uniqueKey("repo");
    const first = await post("/api/v1/code-references", scan(repository, [flag.key, "other-flag"], [
      { flagKey: flag.key, path: "src/a.ts", line: 3 },
      { flagKey: flag.key, path: "src/b.ts", line: 9 },
      { flagKey: "other-flag", path: "src/c.ts", line: 1 },
    ]));
    expect(first).toMatchObject({ status: 200, body: { repository, references: 3, flagsLookedFor: 2, flagsReferenced: 2, replacedReferences: null } });

    const view = await flagCodeReferences({ db: getDb() }, flag.key);
    const mine = view.scans.find((s) => s.repository === repository)!;
    expect(mine).toMatchObject({ lookedFor: true, referenceCount: 2, references: [{ path: "src/a.ts", line: 3, column: 5, text: `isOn("${flag.key}")` }, { path: "src/b.ts", line: 9 }] });
    expect(view.archive).toMatchObject({ allowed: false, needsOverride: true, references: [`${repository}: src/a.ts:3`, `${repository}: src/b.ts:9`] });

    const second = await post("/api/v1/code-references", scan(repository, [flag.key], [{ flagKey: flag.key, path: "src/a.ts", line: 4 }]));
    expect(second).toMatchObject({ status: 200, body: { references: 1, replacedReferences: 3 } });
    const stored = await getDb().codeReferenceScan.findMany({ where: { repository }, include: { references: true } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.references.map((r) => `${r.path}:${r.line}`)).toEqual(["src/a.ts:4"]);
    expect(stored[0]!.keyPrefix).toMatch(/^keel_srv_/);

    const audit = await auditOf("code_references", repository);
    expect(audit.map((a) => a.action)).toEqual(["code_references.uploaded", "code_references.uploaded"]);
    expect(audit[0]!.actorLabel).toBe(`SDK key ${stored[0]!.keyPrefix}`);
    expect(JSON.parse(audit[1]!.before!)).toMatchObject({ references: 3 });
    expect(JSON.parse(audit[1]!.after!)).toMatchObject({ references: 1, flagsReferenced: 1 });
  });

  it("answers 400 naming the field, and stores nothing", async () => {
    const repository = uniqueKey("repo");
    const bad = scan(repository, ["some-flag"], [{ flagKey: "some-flag", path: "src/a.ts", line: 0 }]);
    expect(await post("/api/v1/code-references", bad)).toMatchObject({ status: 400, body: { errorCode: "INVALID_INPUT", field: "references.0.line" } });
    expect(await post("/api/v1/code-references", { ...scan(repository, [], []), repository: "" })).toMatchObject({ status: 400, body: { field: "repository" } });
    expect(await post("/api/v1/code-references", "{not json")).toMatchObject({ status: 400, body: { errorCode: "PARSE_ERROR" } });
    expect(await getDb().codeReferenceScan.count({ where: { repository } })).toBe(0);
  });

  it("answers 413 above 50,000 references, 401 without a key and 403 for a client key", async () => {
    const many = Array.from({ length: MAX_UPLOADED_REFERENCES + 1 }, (_, i) => ({ flagKey: "some-flag", path: "a.ts", line: i + 1 }));
    expect((await post("/api/v1/code-references", scan(uniqueKey("repo"), ["some-flag"], many))).status).toBe(413);
    expect((await post("/api/v1/code-references", scan(uniqueKey("repo"), [], []), null)).status).toBe(401);
    expect((await post("/api/v1/code-references", scan(uniqueKey("repo"), [], []), "keel_srv_unknown")).status).toBe(401);
    const client = await post("/api/v1/code-references", scan(uniqueKey("repo"), [], []), clientKey);
    expect(client.status).toBe(403);
    expect(client.body.errorDetails).toContain("server SDK key");
  });
});

describe("keel scan --upload", () => {
  it("scans a folder and uploads it as the latest scan of --repository", async () => {
    const flag = await makeFlag(experimenter);
    const folder = await mkdtemp(path.join(tmpdir(), "keel-upload-"));
    await mkdir(path.join(folder, "src"));
    await writeFile(path.join(folder, "src/app.ts"), `const on = client.getBooleanValue("${flag.key}", false);\n`);
    const repository = uniqueKey("repo");
    const run = await keelCli(["scan", folder, "--keys", flag.key, "--upload", "--url", server.url, "--key", serverKey, "--repository", repository]);
    expect(run.stderr).toContain(`Uploaded 1 reference to ${server.url} as the latest scan of “${repository}” (its first).`);
    expect(run.code).toBe(0);
    const view = await flagCodeReferences({ db: getDb() }, flag.key);
    expect(view.scans.find((s) => s.repository === repository)?.references).toEqual([{ path: "src/app.ts", line: 1, column: 36, text: `const on = client.getBooleanValue("${flag.key}", false);` }]);

    const refused = await keelCli(["scan", folder, "--keys", flag.key, "--upload", "--url", server.url, "--key", clientKey]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Keel refused the upload (HTTP 403)");
    const noKey = await keelCli(["scan", folder, "--keys", flag.key, "--upload", "--url", server.url], { KEEL_SDK_KEY: "" });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("--upload needs a server SDK key");
  });

  it("without --keys asks Keel for its flag keys with the server key (a CI pipeline has no database)", async () => {
    const flag = await makeFlag(experimenter);
    const archived = await makeFlag(experimenter);
    await archiveFlag(serviceContext(actorFor(admin)), { flagKey: archived.key, overrideReason: "Retired before this test's scan." });
    const listed = await fetch(`${server.url}/api/v1/code-references`, { headers: { authorization: `Bearer ${serverKey}` } });
    const { flagKeys } = (await listed.json()) as { flagKeys: string[] };
    expect(listed.status).toBe(200);
    expect(flagKeys).toContain(flag.key);
    expect(flagKeys).not.toContain(archived.key);
    expect((await fetch(`${server.url}/api/v1/code-references`, { headers: { authorization: `Bearer ${clientKey}` } })).status).toBe(403);
    expect((await fetch(`${server.url}/api/v1/code-references`)).status).toBe(401);

    const folder = await mkdtemp(path.join(tmpdir(), "keel-upload-"));
    await writeFile(path.join(folder, "app.ts"), `if (client.getBooleanValue("${flag.key}", false)) render();
`);
    const repository = uniqueKey("repo");
    // an unreachable database proves the keys came over HTTP
    const run = await keelCli(["scan", folder, "--upload", "--url", server.url, "--key", serverKey, "--repository", repository], { DATABASE_URL: "file:/nonexistent/keel.db" });
    expect(run.stderr).toContain(`Uploaded 1 reference to ${server.url}`);
    expect(run.code).toBe(0);
    expect((await flagCodeReferences({ db: getDb() }, flag.key)).scans.find((s) => s.repository === repository)?.references).toHaveLength(1);

    const refused = await keelCli(["scan", folder, "--upload", "--url", server.url, "--key", clientKey], { DATABASE_URL: "file:/nonexistent/keel.db" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Keel refused the request for the flag keys (HTTP 403)");
  });
});

describe("archiving a flag", () => {
  it("is refused while the latest scan shows references, lists them, and an admin may override with a reason (audited)", async () => {
    const flag = await makeFlag(experimenter);
    const repository = uniqueKey("repo");
    await post("/api/v1/code-references", scan(repository, [flag.key], [{ flagKey: flag.key, path: "src/checkout.ts", line: 12 }]));
    const refused = await rejection(archiveFlag(serviceContext(actorFor(experimenter)), { flagKey: flag.key }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toContain(`${repository}: src/checkout.ts:12`);
    const notAdmin = await rejection(archiveFlag(serviceContext(actorFor(experimenter)), { flagKey: flag.key, overrideReason: "dead code path" }));
    expect(notAdmin.code).toBe("FORBIDDEN");

    const archived = await archiveFlag(serviceContext(actorFor(admin)), { flagKey: flag.key, overrideReason: "the file is deleted in the next release" });
    expect(archived.archivedAt).not.toBeNull();
    const [entry] = await auditOf("flag", flag.key).then((all) => all.filter((a) => a.action.startsWith("flag.archived")));
    expect(entry!.action).toBe("flag.archived.override");
    expect(JSON.parse(entry!.after!)).toMatchObject({ override: { reason: "the file is deleted in the next release", references: [`${repository}: src/checkout.ts:12`] } });
  });

  it("needs the override when no scan ever looked for the flag", async () => {
    const flag = await makeFlag(experimenter);
    const refused = await rejection(archiveFlag(serviceContext(actorFor(admin)), { flagKey: flag.key }));
    expect(refused.message).toContain("No uploaded scan has looked for");
  });

  it("is refused while an experiment on the flag runs, even for an admin with a reason", async () => {
    const { experiment, flag } = await makeRunningExperiment(experimenter);
    const refused = await rejection(archiveFlag(serviceContext(actorFor(admin)), { flagKey: flag.key, overrideReason: "the experiment is about to end anyway" }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toContain(`“${experiment.key}” (running)`);
  });

  it("after a clean scan: archives, republishes every snapshot without the flag, OFREP answers FLAG_NOT_FOUND and the flag is read-only", async () => {
    const flag = await makeFlag(experimenter);
    const ctx = serviceContext(actorFor(experimenter));
    await updateFlagEnvironment(ctx, { flagKey: flag.key, environmentKey: "staging", enabled: true, rolloutPercentage: 100 });
    await server.runtime.syncOnce();
    const context = { context: { targetingKey: "user-1" } };
    expect(await post(`/ofrep/v1/evaluate/flags/${flag.key}`, context)).toMatchObject({ status: 200, body: { value: true } });

    await post("/api/v1/code-references", scan(uniqueKey("repo"), [flag.key], []));
    const archived = await archiveFlag(ctx, { flagKey: flag.key });
    expect(archived.archivedAt).not.toBeNull();
    expect((await auditOf("flag", flag.key)).map((a) => a.action)).toContain("flag.archived");
    for (const environment of await getDb().environment.findMany()) {
      const snapshot = await findSnapshot(getDb(), environment.id);
      expect(JSON.parse(snapshot!.payload).flags.map((f: { key: string }) => f.key)).not.toContain(flag.key);
    }
    await server.runtime.syncOnce();
    expect(await post(`/ofrep/v1/evaluate/flags/${flag.key}`, context)).toMatchObject({ status: 404, body: { key: flag.key, errorCode: "FLAG_NOT_FOUND" } });

    const edit = await rejection(updateFlagEnvironment(ctx, { flagKey: flag.key, environmentKey: "staging", enabled: false }));
    expect(edit.message).toContain("was archived on");
    const experiment = await rejection(createExperiment(ctx, { key: uniqueKey("exp"), name: "Reuse", type: "ab_test", flagKey: flag.key, environmentKey: "staging" }));
    expect(experiment.fieldErrors.flagKey?.[0]).toContain("was archived on");
    const again = await rejection(archiveFlag(ctx, { flagKey: flag.key }));
    expect(again.message).toContain("already archived");
    const view = await flagCodeReferences({ db: getDb() }, flag.key);
    expect(view.archive).toMatchObject({ allowed: false, needsOverride: false });
  });
});
