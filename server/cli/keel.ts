/**
 * Keel's command line: `npm run keel -- <command>`.
 *   users add --email ada@example.com --name "Ada" --roles admin[,experimenter] [--password …]
 *       Adds a member (sign-up is disabled). Without --password the member signs in via SSO.
 *       The password may also come from KEEL_PASSWORD so it stays out of shell history.
 *   users list
 */
import { parseArgs } from "node:util";
import { getDb } from "../db/client";
import { loadEnv } from "../env";
import { AppError } from "../core/errors";
import { SYSTEM_ACTOR } from "../services/context";
import { createMember } from "../services/members/create-member";
import { listMembers } from "../services/members/list-members";

const USAGE = `Usage: npm run keel -- <command>
  users add --email <email> --name <name> --roles <role[,role]> [--password <password>]
  users list
Roles: viewer, experimenter, pricing_approver, security_reviewer, admin`;

async function main(argv: string[]) {
  const [group, command, ...rest] = argv;
  const env = loadEnv();
  const db = getDb();
  const ctx = { db, actor: { ...SYSTEM_ACTOR, label: "cli" }, now: () => new Date(), settings: { maxFlagLifetimeDays: env.KEEL_MAX_FLAG_LIFETIME_DAYS } };
  try {
    if (group === "users" && command === "add") {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: "string" }, name: { type: "string" }, roles: { type: "string" }, password: { type: "string" } },
      });
      const user = await createMember(ctx, {
        email: values.email ?? "",
        name: values.name ?? "",
        roles: (values.roles ?? "").split(",").map((r) => r.trim()).filter(Boolean) as never,
        password: values.password ?? process.env.KEEL_PASSWORD,
      });
      console.log(`Added ${user.email} (${user.roles.join(", ")}).`);
    } else if (group === "users" && command === "list") {
      for (const m of await listMembers(ctx)) console.log(`${m.email}\t${m.name}\t${m.roles.join(",")}\t${m.signsInWith}`);
    } else {
      console.log(USAGE);
      process.exitCode = group === undefined || group === "help" ? 0 : 2;
    }
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AppError) {
    const fields = Object.entries(error.fieldErrors).map(([f, m]) => `  --${f.split(".")[0]}: ${m[0]}`);
    console.error(fields.length ? ["Nothing was changed:", ...fields].join("\n") : error.message);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
