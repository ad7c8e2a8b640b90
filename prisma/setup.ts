/**
 * `npm run setup`: creates (or updates) the database DATABASE_URL names — by default the
 * embedded SQLite file prisma/keel.db — applies every migration and loads the demo data.
 * Safe to run again: migrations already applied and demo rows already present are skipped.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const tsx = (...args: string[]) =>
  execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), ...args], { cwd: root, stdio: "inherit" });

tsx("prisma/tools/db.ts", "deploy");
tsx("prisma/seed.ts");
