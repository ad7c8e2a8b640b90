import { describe, expect, it } from "vitest";
import { formatByteSize, parseByteSize } from "./byte-size";

describe("byte sizes", () => {
  it.each([
    ["1048576", 1_048_576],
    ["512k", 524_288],
    ["512KiB", 524_288],
    ["2MB", 2_097_152],
    ["1.5 MiB", 1_572_864],
    ["1g", 1_073_741_824],
    ["100 B", 100],
  ])("reads %s", (text, bytes) => {
    expect(parseByteSize(text, "--max-file-size")).toBe(bytes);
  });

  it.each(["", "0", "-1", "ten", "5 parsecs", "1..5m"])("refuses %j, naming the option", (text) => {
    expect(() => parseByteSize(text, "--max-file-size")).toThrow(`--max-file-size must be a size such as 1048576, 512KiB or 2MiB (got ${JSON.stringify(text)}).`);
  });

  it("writes sizes for people", () => {
    expect([512, 1536, 1_048_576, 3.25 * 1_048_576, 2 * 1024 ** 3].map(formatByteSize)).toEqual(["512 B", "1.5 KiB", "1 MiB", "3.3 MiB", "2 GiB"]);
  });
});
