/** Playwright's web server: a fresh e2e database (migrated + demo data), then Keel's production build. */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const url = process.env.DATABASE_URL ?? "";
if (!url.startsWith("file:./e2e/")) throw new Error(`e2e refuses to touch ${url}: it only uses its own database under e2e/.data`);
// the database file and its write-ahead log: a stale log beside a new file would be replayed into it
for (const suffix of ["", "-wal", "-shm"]) rmSync(path.resolve(root, url.slice("file:".length)) + suffix, { force: true });

const tsx = (...args: string[]) =>
  execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), ...args], { cwd: root, stdio: "inherit" });
tsx("prisma/setup.ts");
tsx("server/start.ts");
