import { z } from "zod";
import { fieldError } from "../errors";

// `.keel/scan.json` in the scanned folder (or the file given with --config), e.g.
//   { "include": ["src/**/*.ts"], "exclude": ["**/*.test.ts"], "patterns": ["isOn\\({key}\\)"] }
// Every field is optional; globs are relative to the scanned folder.
export type ScanConfig = { include?: string[]; exclude?: string[]; patterns?: string[] };

const entries = (what: string) => z.array(z.string(`each entry must be a ${what}`).trim().min(1, `an entry is empty: give a ${what}`), `must be a list of ${what}s`);

const scanConfigSchema = z.strictObject(
  { include: entries("glob").optional(), exclude: entries("glob").optional(), patterns: entries("pattern").optional() },
  { error: (issue) => (issue.code === "invalid_type" ? `must be an object such as { "include": ["**/*.ts"], "exclude": [], "patterns": [] }` : undefined) },
);

/** Reads a config file's text; errors name the file and the field, e.g. "scan.json: include.1: …". */
export function parseScanConfig(text: string, file: string): ScanConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fieldError("config", `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const parsed = scanConfigSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw fieldError("config", `${file}: ${where}${issue.message}.`);
}
