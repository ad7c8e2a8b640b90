import { describe, expect, it } from "vitest";
import { rejection } from "../../test/rejection";
import { parseScanConfig } from "./scan-config";

/** The message of the refusal, which names the config file. */
async function messageOf(text: string): Promise<string> {
  const error = await rejection((async () => parseScanConfig(text, ".keel/scan.json"))());
  expect(Object.keys(error.fieldErrors)).toEqual(["config"]);
  return error.message;
}

describe("the scan config file", () => {
  it("reads include, exclude and patterns, all optional", () => {
    const text = JSON.stringify({ include: ["src/**/*.ts", " app/** "], exclude: ["**/*.test.ts"], patterns: ["isOn\\({key}\\)"] });
    expect(parseScanConfig(text, "scan.json")).toEqual({ include: ["src/**/*.ts", "app/**"], exclude: ["**/*.test.ts"], patterns: ["isOn\\({key}\\)"] });
    expect(parseScanConfig("{}", "scan.json")).toEqual({});
  });

  it("names the file and the field of a mistake", async () => {
    expect(await messageOf("{ include: [] }")).toMatch(/^\.keel\/scan\.json is not valid JSON \(.+\)\.$/);
    expect(await messageOf('["**/*.ts"]')).toBe('.keel/scan.json: must be an object such as { "include": ["**/*.ts"], "exclude": [], "patterns": [] }.');
    expect(await messageOf('{ "include": "**/*.ts" }')).toBe(".keel/scan.json: include: must be a list of globs.");
    expect(await messageOf('{ "exclude": ["dist/**", 3] }')).toBe(".keel/scan.json: exclude.1: each entry must be a glob.");
    expect(await messageOf('{ "patterns": [" "] }')).toBe(".keel/scan.json: patterns.0: an entry is empty: give a pattern.");
    expect(await messageOf('{ "includes": [] }')).toMatch(/^\.keel\/scan\.json: Unrecognized key: "includes"\.$/);
  });
});
