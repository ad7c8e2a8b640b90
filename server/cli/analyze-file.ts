import { readFile } from "node:fs/promises";
import { AppError, fieldError } from "../core/errors";
import { analyze, type AnalyzeResult } from "../core/stats/analyze";

/**
 * `keel analyze --input summary.json` (or `--input -` for stdin): the stateless analysis of POST
 * /api/v1/analysis on a local file, JSON in → JSON out. Input errors name the JSON field, e.g.
 * "metrics.0.variants.1.units".
 */
export async function analyzeFile(options: { input?: string }, stdin: NodeJS.ReadableStream = process.stdin): Promise<AnalyzeResult> {
  const input = options.input?.trim();
  if (!input) throw fieldError("input", "Give the summary file, e.g. --input summary.json (or --input - to read standard input). Its format is in README.md (Analysis API).");
  const text = input === "-" ? await readAll(stdin) : await readFile(input, "utf8").catch(() => null);
  if (text === null) throw fieldError("input", `Cannot read ${input}: check the path.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw fieldError("input", `${input} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  try {
    return analyze(parsed);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // the file's field, not a command-line option
    throw new AppError("BAD_INPUT", `${input}: ${error.message}`, { input: [`${input}: ${error.message}`] });
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString("utf8");
}
