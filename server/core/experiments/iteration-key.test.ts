import { describe, expect, it } from "vitest";
import { nextIterationKey } from "./iteration-key";

describe("nextIterationKey", () => {
  it("numbers redesigns from 2 and skips taken keys", () => {
    expect(nextIterationKey("checkout-copy", [])).toBe("checkout-copy-r2");
    expect(nextIterationKey("checkout-copy-r2", ["checkout-copy-r2"])).toBe("checkout-copy-r3");
    expect(nextIterationKey("checkout-copy", ["checkout-copy-r2", "checkout-copy-r3"])).toBe("checkout-copy-r4");
  });
  it("stays within 64 characters", () => {
    const key = `a${"b".repeat(63)}`;
    expect(nextIterationKey(key, [])).toHaveLength(64);
    expect(nextIterationKey(key, []).endsWith("-r2")).toBe(true);
  });
});
