import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import path from "node:path";

/**
 * server/core stays pure (ARCHITECTURE.md): the lint rules must refuse Prisma, Next, Node
 * built-ins, the clock and randomness there. This test proves the rules bite.
 */
const root = path.resolve(__dirname, "..");
const eslint = new ESLint({ cwd: root });

async function problemsIn(relativeFile: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, relativeFile) });
  return (result?.messages ?? []).map((m) => m.message);
}

describe("architecture boundary of server/core", () => {
  it.each([
    ['import { PrismaClient } from "@prisma/client";', /data access lives in server\/db/],
    ['import { getDb } from "../db/client";', /data access lives in server\/db/],
    ['import { readFileSync } from "node:fs";', /no Node built-ins/],
    ['import crypto from "crypto";', /no Node built-ins/],
    ['import { redirect } from "next/navigation";', /no framework imports/],
    ["export const t = Date.now();", /no Date.now/],
    ["export const r = Math.random();", /deterministic/],
    ["export const e = process.env.X;", /does not read the environment/],
  ])("refuses %s", async (code, message) => {
    const problems = await problemsIn("server/core/flags/example.ts", code);
    expect(problems.some((p) => message.test(p))).toBe(true);
  }, 60_000);

  it("allows pure code and zod", async () => {
    expect(await problemsIn("server/core/flags/example.ts", 'import { z } from "zod";\nexport const s = z.string();\n')).toEqual([]);
  }, 60_000);

  it("keeps Prisma out of services", async () => {
    const problems = await problemsIn("server/services/example.ts", 'import { PrismaClient } from "@prisma/client";\nexport const c = PrismaClient;\n');
    expect(problems.some((p) => /Only server\/db touches Prisma/.test(p))).toBe(true);
  }, 60_000);
});
