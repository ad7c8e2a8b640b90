import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { MAX_UPLOADED_REFERENCES, parseCodeReferenceUpload, ScanTooLargeError } from "./upload-input";

const upload = {
  repository: "web",
  scannedAt: "2026-12-05T10:00:00.000Z",
  root: "/ci/web",
  flagKeys: ["new-checkout", "old-banner"],
  filesScanned: 12,
  filesSkipped: [{ path: "logo.png", reason: "binary file" }],
  references: [{ flagKey: "new-checkout", path: "src/checkout.ts", line: 3, column: 53, text: 'client.getBooleanValue("new-checkout", false)' }],
};

function fieldsOf(body: unknown): string[] {
  try {
    parseCodeReferenceUpload(body);
  } catch (error) {
    if (error instanceof AppError) return Object.keys(error.fieldErrors);
    throw error;
  }
  return [];
}

describe("parseCodeReferenceUpload", () => {
  it("accepts a keel scan result with a repository", () => {
    expect(parseCodeReferenceUpload(upload)).toMatchObject({ repository: "web", filesScanned: 12, references: [{ line: 3 }] });
  });

  it("names the wrong field by its path", () => {
    expect(fieldsOf({ ...upload, repository: "" })).toEqual(["repository"]);
    expect(fieldsOf({ ...upload, scannedAt: "yesterday" })).toEqual(["scannedAt"]);
    expect(fieldsOf({ ...upload, references: [{ ...upload.references[0], line: 0 }] })).toEqual(["references.0.line"]);
    expect(fieldsOf({ ...upload, references: [{ ...upload.references[0], flagKey: "dark-mode" }] })).toEqual(["references.0.flagKey"]);
    expect(fieldsOf({ ...upload, flagKeys: ["Not A Key", "new-checkout"] })).toEqual(["flagKeys.0"]);
    expect(fieldsOf([])).toEqual(["body"]);
  });

  it("starts the message with the field", () => {
    expect(() => parseCodeReferenceUpload({ ...upload, filesScanned: -1 })).toThrow(/^filesScanned: filesScanned must be a whole number/);
  });

  it("refuses more references than an upload holds as too large", () => {
    const references = Array.from({ length: MAX_UPLOADED_REFERENCES + 1 }, () => upload.references[0]);
    expect(() => parseCodeReferenceUpload({ ...upload, references })).toThrow(ScanTooLargeError);
  });
});
