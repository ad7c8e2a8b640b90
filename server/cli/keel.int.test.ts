import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { actorFor, ensureDefaultEnvironments, experimentContent, makeExperiment, makeMember, serviceContext, uniqueKey } from "../../prisma/factories";
import { getDb } from "../db/client";
import { updateExperiment } from "../services/experiments/update-experiment";
import { hashSdkKey } from "../services/sdk-keys/key-secret";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

/** `npm run keel -- …` as an operator runs it, against the test database. */
async function keel(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "server/cli/keel.ts", ...args], {
      cwd: root,
      env: { ...process.env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("keel users (command line)", () => {
  it("adds a member with roles and lists them; bad input names the flag to fix and adds nobody", async () => {
    const email = `${uniqueKey("cli")}@test.keel`;
    const bad = await keel("users", "add", "--email", email, "--name", "Cli", "--roles", "owner", "--password", "short");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--roles: Role must be one of");
    expect(bad.stderr).toContain("--password: Password must be at least 10 characters.");

    const added = await keel("users", "add", "--email", email, "--name", "Cli Admin", "--roles", "admin,experimenter", "--password", "a-long-password");
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`Added ${email} (admin, experimenter).`);

    const list = await keel("users", "list");
    expect(list.stdout).toMatch(new RegExp(`${email}\\tCli Admin\\tadmin,experimenter\\tpassword`));
    expect(list.stdout.match(new RegExp(email, "g"))).toHaveLength(1);
  }, 60_000);
});

describe("keel keys (command line)", () => {
  beforeAll(async () => {
    await ensureDefaultEnvironments();
    await makeMember(["admin"]);
  });

  it("creates a key, printing only the secret on stdout and storing only its hash; lists it; revokes it", async () => {
    const name = uniqueKey("cli-service");
    const created = await keel("keys", "create", "--env", "production", "--kind", "server", "--name", name);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^keel_srv_[A-Za-z0-9_-]{32}\n$/);
    const secret = created.stdout.trim();
    const prefix = secret.slice(0, 13);
    expect(created.stderr).toContain(`Created server key ${prefix} for production. Keel stores only a hash: keep this secret.`);
    expect(created.stderr).not.toContain(secret);

    const row = await getDb().sdkKey.findFirstOrThrow({ where: { name } });
    expect(row).toMatchObject({ keyHash: hashSdkKey(secret), keyPrefix: prefix, kind: "server", revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(secret);
    const audit = await getDb().auditLogEntry.findFirstOrThrow({ where: { entityId: row.id, action: "sdk_key.created" } });
    expect(audit).toMatchObject({ actorLabel: "cli", actorId: null, entityKey: prefix });
    expect(JSON.stringify(audit)).not.toContain(secret);

    const list = await keel("keys", "list", "--env", "production");
    expect(list.code).toBe(0);
    const line = list.stdout.split("\n").find((l) => l.includes(name));
    expect(line?.split("\t")).toEqual([prefix, "production", "server", name, row.createdAt.toISOString(), "never", "active"]);
    expect(list.stdout).not.toContain(secret);

    const revoked = await keel("keys", "revoke", row.id);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked server key ${prefix} (${name}) for production.`);
    const after = await keel("keys", "list");
    expect(after.stdout.split("\n").find((l) => l.includes(name))).toMatch(/\trevoked$/);

    const again = await keel("keys", "revoke", row.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already revoked/);
  }, 90_000);

  it("revokes by the shown prefix", async () => {
    const created = await keel("keys", "create", "--env", "staging", "--kind", "client");
    expect(created.code).toBe(0);
    const prefix = created.stdout.trim().slice(0, 13);
    expect(prefix).toMatch(/^keel_cli_/);
    const revoked = await keel("keys", "revoke", prefix);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked client key ${prefix} (cli-staging-client) for staging.`);
  }, 60_000);

  it("refuses a bad --kind or --env, naming the flag, and creates nothing", async () => {
    const before = await getDb().sdkKey.count();
    const badKind = await keel("keys", "create", "--env", "production", "--kind", "admin");
    expect(badKind.code).toBe(1);
    expect(badKind.stdout).toBe("");
    expect(badKind.stderr).toContain("--kind: Kind must be one of: server, client");
    const badEnv = await keel("keys", "create", "--env", "nowhere", "--kind", "server");
    expect(badEnv.code).toBe(1);
    expect(badEnv.stdout).toBe("");
    expect(badEnv.stderr).toContain("--env: Environment “nowhere” does not exist");
    const noEnv = await keel("keys", "create", "--kind", "server");
    expect(noEnv.stderr).toContain("--env: Environment key is required.");
    expect(await getDb().sdkKey.count()).toBe(before);
  }, 60_000);
});

describe("keel docs pull (command line)", () => {
  it("writes one Markdown document per experiment, rewrites only what changed, deletes nothing, and names --out when it is missing", async () => {
    const owner = await makeMember(["experimenter"], "growth");
    const { experiment, flag } = await makeExperiment(owner);
    const dir = path.join(await mkdtemp(path.join(tmpdir(), "keel-docs-")), "docs", "experiments");

    const missing = await keel("docs", "pull");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--out: Give the folder to write into");

    const first = await keel("docs", "pull", "--out", dir);
    expect(first.code).toBe(0);
    const file = path.join(dir, `${experiment.key}.md`);
    expect(first.stdout).toContain(`written ${file}`);
    const markdown = await readFile(file, "utf8");
    expect(markdown).toContain(`key: ${experiment.key}`);
    expect(markdown).toContain("### Problem statement\n\nUsers abandon checkout at the payment step.");
    expect(markdown).toContain(`<${owner.email}>, team growth`);
    expect(markdown).toContain("- Start date: —");
    expect(markdown).toContain("## Decision\n\nNot decided yet.");

    const again = await keel("docs", "pull", "--out", dir, "--experiment", experiment.key);
    expect(again.stdout.trim()).toBe(`unchanged ${file}`);

    await writeFile(path.join(dir, "README.md"), "kept\n");
    const base = experimentContent(flag.key, { team: "growth" });
    await updateExperiment(serviceContext(actorFor(owner)), {
      key: experiment.key,
      designVersion: experiment.designVersion,
      content: { ...base, hypothesis: { ...base.hypothesis!, rollbackPlan: "Turn the flag off." } },
    });
    const changed = await keel("docs", "pull", "--out", dir, "--experiment", experiment.key);
    expect(changed.stdout.trim()).toBe(`updated ${file}`);
    expect(await readFile(file, "utf8")).toContain("### Rollback plan\n\nTurn the flag off.");
    expect(await readFile(path.join(dir, "README.md"), "utf8")).toBe("kept\n");
  }, 90_000);

  it("refuses an --out that is a file and an unknown --experiment, writing nothing", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "keel-docs-"));
    const aFile = path.join(parent, "notes.txt");
    await writeFile(aFile, "");
    const onFile = await keel("docs", "pull", "--out", aFile);
    expect(onFile.code).toBe(1);
    expect(onFile.stdout).toBe("");
    expect(onFile.stderr).toContain(`--out: Cannot write into ${aFile}: a file is in the way.`);

    const unknown = await keel("docs", "pull", "--out", path.join(parent, "out"), "--experiment", "no-such-experiment");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Experiment “no-such-experiment” does not exist.");
    expect(await readdir(parent)).toEqual(["notes.txt"]);
  }, 60_000);
});

describe("keel analyze (command line)", () => {
  it("analyses a summary file (JSON in, JSON out) with the same numbers as the API, and names the bad field", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "keel-analyze-"));
    const file = path.join(dir, "summary.json");
    const variants = [
      { key: "A", units: 2000, conversions: 200 },
      { key: "B", units: 2000, conversions: 250 },
    ];
    await writeFile(file, JSON.stringify({ metrics: [{ key: "checkout", kind: "proportion", direction: "increase", variants }] }));
    const ok = await keel("analyze", "--input", file);
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout) as { metrics: { test: string; variants: { pValue: number }[] }[] };
    expect(result.metrics[0]!.test).toBe("two-proportion-z");
    // R: prop.test(c(250, 200), c(2000, 2000), correct = FALSE)$p.value
    expect(result.metrics[0]!.variants[0]!.pValue).toBeCloseTo(0.012350947711191402, 14);

    await writeFile(file, JSON.stringify({ metrics: [{ key: "checkout", kind: "proportion", direction: "increase", variants: [variants[0], { key: "B", units: 10, conversions: 11 }] }] }));
    const bad = await keel("analyze", "--input", file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("metrics.0.variants.1.conversions must be a whole number from 0 to units (10).");
    expect((await keel("analyze")).stderr).toContain("--input: Give the summary file");
  });
});
