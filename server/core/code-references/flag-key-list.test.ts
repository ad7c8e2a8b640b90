import { describe, expect, it } from "vitest";
import { parseFlagKeyList } from "./flag-key-list";

describe("flag key lists", () => {
  it("reads keys separated by commas, spaces or lines, without comments or duplicates, sorted", () => {
    expect(parseFlagKeyList("new-checkout,dark-mode, beta", "--keys")).toEqual(["beta", "dark-mode", "new-checkout"]);
    expect(parseFlagKeyList("# flags of the web app\nnew-checkout\n\ndark-mode  # until May\nnew-checkout\n", "--keys-file")).toEqual(["dark-mode", "new-checkout"]);
    expect(parseFlagKeyList(" ", "--keys")).toEqual([]);
  });

  it("refuses a malformed key by name", () => {
    expect(() => parseFlagKeyList("beta,New_Checkout", "--keys")).toThrow(/^--keys: "New_Checkout" is not a flag key \(flag keys use lowercase letters/);
  });
});
