/**
 * Keel's command line: `npm run keel -- <command>`.
 *   users add --email ada@example.com --name "Ada" --roles admin[,experimenter] [--password …] [--team growth]
 *       Adds a member (sign-up is disabled). Without --password the member signs in via SSO.
 *       The password may also come from KEEL_PASSWORD so it stays out of shell history.
 *   users list
 *   keys create --env <environment> --kind server|client [--name <name>]
 *       Creates an SDK key. Prints only the secret on stdout (one line, for automation:
 *       KEY=$(npm run -s keel -- keys create --env production --kind server)) and a human line on
 *       stderr. Keel stores only a hash: the secret cannot be shown again. The key is recorded as
 *       created by the longest-standing active admin; the audit log names "cli" as the actor.
 *   keys list [--env <environment>]
 *       Tab-separated: prefix, environment, kind, name, created, last used, status.
 *   keys revoke <id-or-prefix>
 *       Revokes a key (by its id or its shown prefix, e.g. keel_srv_AbCd).
 *   docs pull --out <dir> [--experiment <key>]
 *       Writes one Markdown document per experiment (<key>.md) into <dir>, e.g. a folder of a code
 *       repository; rewrites only changed files and deletes nothing.
 *   analyze --input <summary.json | ->
 *       The stateless analysis of POST /api/v1/analysis on a file (or stdin): JSON in, JSON out on
 *       stdout. The input format is in README.md (Analysis API).
 *   simulate --env <environment> --experiment <key> --users <n> --lift <x> [--url <Keel URL>] [--key <server SDK key>]
 *            [--imbalance <share>] [--error-factor <x>] [--concurrency <n>] [--seed <n>]
 *       Simulated traffic for a running experiment through the real HTTP APIs of a running Keel
 *       (--url, else KEEL_URL, else http://localhost:3000): evaluates users sim-<seed>-<i> through
 *       OFREP and sends exposures and metric events (true effect --lift in the variants, e.g. 0.05)
 *       to POST /api/v1/events. Without --key (or KEEL_SDK_KEY) it creates a server key "traffic
 *       simulator" for the run and revokes it afterwards. --imbalance drops that share of the
 *       variants' users to demo a sample ratio mismatch; --error-factor 3 gives the variants three
 *       times control's error rate (a guardrail demo). The same --seed sends the same event ids,
 *       so a rerun counts nothing twice. Progress on stderr, a summary on stdout.
 *   scan <dir> [--keys <a,b>] [--keys-file <file>] [--pattern <regex>]… [--include <glob>]… [--exclude <glob>]…
 *        [--config <file>] [--max-file-size <size>] [--follow-external-symlinks] [--json]
 *        [--upload [--url <Keel URL>] [--key <server SDK key>] [--repository <name>]]
 *       Finds the flag keys (by default every active flag's) in the code under <dir>, honouring
 *       .gitignore: lines grouped per flag on stdout (the JSON result with --json), skipped files
 *       and a summary on stderr. Patterns and globs may come from <dir>/.keel/scan.json. Exit code
 *       2 for bad input (e.g. a folder that does not exist). --upload sends the result to Keel
 *       (--url, else KEEL_URL; --key, else KEEL_SDK_KEY) as the latest scan of --repository (default:
 *       the folder's name); exit code 1 when Keel refuses it. See server/cli/scan.ts.
 */
import { parseArgs } from "node:util";
import { getDb } from "../db/client";
import { loadEnv } from "../env";
import { AppError } from "../core/errors";
import { SYSTEM_ACTOR } from "../services/context";
import { createMember } from "../services/members/create-member";
import { listMembers } from "../services/members/list-members";
import { createSdkKey } from "../services/sdk-keys/create-sdk-key";
import { revokeSdkKey } from "../services/sdk-keys/revoke-sdk-key";
import { findSdkKeyByReference, listAllSdkKeys } from "../services/sdk-keys/list-sdk-keys";
import { SDK_KEY_NAME_MAX } from "../core/sdk-keys/sdk-key";
import { analyzeFile } from "./analyze-file";
import { pullDocs } from "./docs-pull";
import { runScan } from "./scan";
import { parseSimulateArgs, simulateTraffic } from "./simulate";

const USAGE = `Usage: npm run keel -- <command>
  users add --email <email> --name <name> --roles <role[,role]> [--password <password>] [--team <team>]
  users list
  keys create --env <environment> --kind server|client [--name <name>]   (prints only the secret)
  keys list [--env <environment>]
  keys revoke <id-or-prefix>
  docs pull --out <dir> [--experiment <key>]   (one Markdown file per experiment)
  analyze --input <summary.json | ->   (JSON in, JSON out; format in README.md)
  simulate --env <environment> --experiment <key> --users <n> --lift <x> [--url <url>] [--key <server key>]
           [--imbalance <share>] [--error-factor <x>] [--concurrency <n>] [--seed <n>]   (traffic for a running experiment)
  scan <dir> [--keys <a,b>] [--keys-file <file>] [--pattern <regex with {key} or (?<key>…)>]… [--include <glob>]…
       [--exclude <glob>]… [--config <file>] [--max-file-size <size, e.g. 2MiB>] [--follow-external-symlinks] [--json]
       [--upload [--url <url>] [--key <server key>] [--repository <name>]]
       (where the code in <dir> uses the flags; config in <dir>/.keel/scan.json; --upload sends it to Keel and, without --keys, asks Keel for the keys)
Roles: viewer, experimenter, pricing_approver, security_reviewer, admin
Key kinds: server (backends: any flag, private snapshots), client (public: bulk evaluation, public snapshot)`;

/** Service input fields whose command-line spelling differs ("--env", not "--environmentKey"). */
const FLAG_FOR_FIELD: Record<string, string> = { environmentKey: "--env", id: "<id-or-prefix>", errorFactor: "--error-factor" };

async function main(argv: string[]) {
  const [group, command, ...rest] = argv;
  const env = loadEnv();
  const db = getDb();
  const ctx = { db, actor: { ...SYSTEM_ACTOR, label: "cli" }, now: () => new Date(), settings: { maxFlagLifetimeDays: env.KEEL_MAX_FLAG_LIFETIME_DAYS } };
  try {
    if (group === "users" && command === "add") {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: "string" }, name: { type: "string" }, roles: { type: "string" }, password: { type: "string" }, team: { type: "string" } },
      });
      const user = await createMember(ctx, {
        email: values.email ?? "",
        name: values.name ?? "",
        roles: (values.roles ?? "").split(",").map((r) => r.trim()).filter(Boolean) as never,
        password: values.password ?? process.env.KEEL_PASSWORD,
        team: values.team,
      });
      console.log(`Added ${user.email} (${user.roles.join(", ")}).`);
    } else if (group === "users" && command === "list") {
      for (const m of await listMembers(ctx)) console.log(`${m.email}\t${m.name}\t${m.roles.join(",")}\t${m.signsInWith}`);
    } else if (group === "keys" && command === "create") {
      const { values } = parseArgs({ args: rest, options: { env: { type: "string" }, kind: { type: "string" }, name: { type: "string" } } });
      const { key, secret } = await createSdkKey(ctx, {
        environmentKey: values.env ?? "",
        kind: (values.kind ?? "") as never,
        name: values.name ?? `cli-${values.env ?? ""}-${values.kind ?? ""}`.slice(0, SDK_KEY_NAME_MAX),
      });
      console.error(`Created ${key.kind} key ${key.keyPrefix} for ${key.environmentKey}. Keel stores only a hash: keep this secret.`);
      console.log(secret);
    } else if (group === "keys" && command === "list") {
      const { values } = parseArgs({ args: rest, options: { env: { type: "string" } } });
      for (const k of await listAllSdkKeys(ctx, values.env === undefined ? {} : { environmentKey: values.env })) {
        const lastUsed = k.lastUsedAt ? k.lastUsedAt.toISOString() : "never";
        console.log([k.keyPrefix, k.environmentKey, k.kind, k.name.replace(/\s+/g, " "), k.createdAt.toISOString(), lastUsed, k.status].join("\t"));
      }
    } else if (group === "keys" && command === "revoke") {
      const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true });
      const key = await findSdkKeyByReference(ctx, positionals[0] ?? "");
      const revoked = await revokeSdkKey(ctx, { id: key.id });
      console.log(`Revoked ${revoked.kind} key ${revoked.keyPrefix} (${revoked.name}) for ${revoked.environmentKey}.`);
    } else if (group === "docs" && command === "pull") {
      const { values } = parseArgs({ args: rest, options: { out: { type: "string" }, experiment: { type: "string" } } });
      for (const line of await pullDocs(ctx, values)) console.log(line);
    } else if (group === "analyze") {
      const { values } = parseArgs({ args: argv.slice(1), options: { input: { type: "string" } } });
      console.log(JSON.stringify(await analyzeFile(values), null, 2));
    } else if (group === "scan") {
      process.exitCode = await runScan(db, argv.slice(1));
    } else if (group === "simulate") {
      for (const line of (await simulateTraffic(ctx, parseSimulateArgs(argv.slice(1)))).lines) console.log(line);
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
    const fields = Object.entries(error.fieldErrors).map(([f, m]) => {
      const field = f.split(".")[0]!;
      return `  ${FLAG_FOR_FIELD[field] ?? `--${field}`}: ${m[0]}`;
    });
    console.error(fields.length ? ["Nothing was changed:", ...fields].join("\n") : error.message);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
