/**
 * The body of POST /api/v1/code-references: a `keel scan` result (scan-result.ts) plus the name of
 * the repository it describes. Keel keeps the latest scan per repository.
 */
import { z } from "zod";
import { AppError, type FieldErrors } from "../errors";
import { keySchema } from "../keys";

/** More references than one upload may hold (a 10,000-file repository rarely has a tenth of that). */
export const MAX_UPLOADED_REFERENCES = 50_000;
/** The request body bound of the route (50,000 references of ~160 bytes fit comfortably). */
export const MAX_CODE_REFERENCES_BODY_BYTES = 8 * 1024 * 1024;
export const MAX_SCANNED_FLAG_KEYS = 50_000;
export const MAX_REPOSITORY_LENGTH = 200;
const MAX_PATH_LENGTH = 1_000;
const MAX_TEXT_LENGTH = 1_000;

/** A repository name: what people call the code base, e.g. "checkout-service" or "acme/web". */
export const repositorySchema = z
  .string({ error: "repository is required: the name of the scanned code base (keel scan --repository <name>)." })
  .trim()
  .min(1, "repository is required: the name of the scanned code base (keel scan --repository <name>).")
  .max(MAX_REPOSITORY_LENGTH, `repository must be at most ${MAX_REPOSITORY_LENGTH} characters.`)
  .regex(/^[^\p{Cc}]+$/u, "repository must not contain control characters.");

const count = (what: string) => z.number({ error: `${what} must be a whole number ≥ 0.` }).int(`${what} must be a whole number ≥ 0.`).min(0, `${what} must be a whole number ≥ 0.`);
const position = (what: string) => z.number({ error: `${what} must be a whole number ≥ 1.` }).int(`${what} must be a whole number ≥ 1.`).min(1, `${what} must be a whole number ≥ 1.`);

const referenceSchema = z.object({
  flagKey: keySchema("flagKey"),
  path: z
    .string({ error: "path is required: the file, relative to the scanned folder." })
    .min(1, "path is required: the file, relative to the scanned folder.")
    .max(MAX_PATH_LENGTH, `path must be at most ${MAX_PATH_LENGTH} characters.`),
  line: position("line"),
  column: position("column"),
  text: z.string({ error: "text must be the source line (a string)." }).max(MAX_TEXT_LENGTH, `text must be at most ${MAX_TEXT_LENGTH} characters.`),
});

export const codeReferenceUploadSchema = z
  .object({
    repository: repositorySchema,
    scannedAt: z.iso.datetime({ offset: true, error: "scannedAt must be an ISO 8601 date-time, e.g. 2026-12-05T10:00:00Z." }),
    root: z.string().optional(),
    flagKeys: z.array(keySchema("flagKey"), { error: "flagKeys must list the flag keys the scan looked for." }).max(MAX_SCANNED_FLAG_KEYS),
    filesScanned: count("filesScanned"),
    filesSkipped: z.array(z.unknown()).optional(),
    references: z.array(referenceSchema, { error: "references must be a list of { flagKey, path, line, column, text }." }),
  }, { error: "The body must be a JSON object: the result of keel scan --json plus repository." })
  .superRefine((upload, context) => {
    const looked = new Set(upload.flagKeys);
    upload.references.forEach((reference, i) => {
      if (!looked.has(reference.flagKey)) {
        context.addIssue({ code: "custom", path: ["references", i, "flagKey"], message: `“${reference.flagKey}” is not among flagKeys (the keys the scan looked for).` });
      }
    });
  });

export type CodeReferenceUpload = z.infer<typeof codeReferenceUploadSchema>;

/** More references than an upload may hold: HTTP 413. */
export class ScanTooLargeError extends AppError {
  constructor(message: string) {
    super("BAD_INPUT", message, { references: [message] });
    this.name = "ScanTooLargeError";
  }
}

/**
 * Checks an upload. Throws AppError BAD_INPUT whose fieldErrors name each wrong field by its path
 * (e.g. `references.3.line`) and whose message starts with the first one; ScanTooLargeError (413)
 * above MAX_UPLOADED_REFERENCES.
 */
export function parseCodeReferenceUpload(body: unknown): CodeReferenceUpload {
  if (typeof body === "object" && body !== null && Array.isArray((body as { references?: unknown }).references)) {
    const n = (body as { references: unknown[] }).references.length;
    if (n > MAX_UPLOADED_REFERENCES) {
      throw new ScanTooLargeError(`An upload holds at most ${MAX_UPLOADED_REFERENCES.toLocaleString("en")} references; this one has ${n.toLocaleString("en")}. Narrow the scan with --include/--exclude.`);
    }
  }
  const result = codeReferenceUploadSchema.safeParse(body);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".") || "body";
    (fieldErrors[path] ??= []).push(`${path}: ${issue.message}`);
  }
  const [first] = Object.values(fieldErrors);
  return badUpload(first![0]!, fieldErrors);
}

function badUpload(message: string, fieldErrors: FieldErrors): never {
  throw new AppError("BAD_INPUT", message, fieldErrors);
}
