import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fieldError } from "../core/errors";
import type { ServiceContext } from "../services/context";
import { allExperimentDocuments, experimentDocument } from "../services/experiments/experiment-document";

/**
 * `keel docs pull --out <dir> [--experiment <key>]`: writes one Markdown file per experiment into a
 * code repository ("documentation lives alongside code"). Only changed files are rewritten; nothing
 * is deleted. Returns one line per file: written, updated or unchanged.
 */
export async function pullDocs(ctx: Pick<ServiceContext, "db">, options: { out?: string; experiment?: string }): Promise<string[]> {
  if (!options.out?.trim()) throw fieldError("out", "Give the folder to write into, e.g. --out docs/experiments.");
  if (options.experiment !== undefined && !options.experiment.trim()) throw fieldError("experiment", "Give the experiment's key, or leave --experiment out to pull every experiment.");
  const dir = path.resolve(options.out);
  // Read first: an unknown --experiment leaves the file system untouched.
  const files = options.experiment !== undefined ? [await experimentDocument(ctx, options.experiment.trim())] : await allExperimentDocuments(ctx);
  await ensureFolder(dir);
  const report: string[] = [];
  for (const file of files) {
    const target = path.join(dir, file.fileName);
    const existing = await readFile(target, "utf8").catch(() => null);
    if (existing === file.markdown) {
      report.push(`unchanged ${target}`);
      continue;
    }
    await writeFile(target, file.markdown);
    report.push(`${existing === null ? "written" : "updated"} ${target}`);
  }
  if (report.length === 0) report.push(`No experiments yet: nothing written to ${dir}.`);
  return report;
}

const FOLDER_PROBLEMS: Record<string, string> = { EEXIST: "a file is in the way", ENOTDIR: "a file is in the way", EACCES: "permission denied", EROFS: "read-only file system" };

/** Creates the output folder, or says in terms of --out why it cannot. */
async function ensureFolder(dir: string): Promise<void> {
  let problem: string | null = null;
  try {
    await mkdir(dir, { recursive: true });
    if (!(await stat(dir)).isDirectory()) problem = FOLDER_PROBLEMS.EEXIST!;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    problem = FOLDER_PROBLEMS[code] ?? (error instanceof Error ? error.message : String(error));
  }
  if (problem) throw fieldError("out", `Cannot write into ${dir}: ${problem}.`);
}
