import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { uniqueKey } from "../../prisma/factories";

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
