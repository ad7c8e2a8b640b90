import { mkdir, readFile, writeFile } from "node:fs/promises";
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
  const dir = path.resolve(options.out);
  await mkdir(dir, { recursive: true });
  const files = options.experiment ? [await experimentDocument(ctx, options.experiment)] : await allExperimentDocuments(ctx);
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
  return report;
}
