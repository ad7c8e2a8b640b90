import { describe, expect, it } from "vitest";
import { createTurnWriter } from "./turn-writer";

/** A scheduler the test turns by hand: `endTurn()` runs what was scheduled. */
function manualTurns() {
  const scheduled: (() => void)[] = [];
  return {
    schedule: (flush: () => void) => void scheduled.push(flush),
    scheduledCount: () => scheduled.length,
    endTurn() {
      const due = scheduled.splice(0);
      for (const flush of due) flush();
    },
  };
}

describe("createTurnWriter", () => {
  it("writes nothing during the turn, then everything the turn queued, in order, with one flush", () => {
    const turns = manualTurns();
    const written: string[] = [];
    const writer = createTurnWriter<string>((item) => written.push(item), { schedule: turns.schedule });
    writer.write("a");
    writer.write("b");
    writer.write("c");
    expect(written).toEqual([]);
    expect(turns.scheduledCount()).toBe(1);
    turns.endTurn();
    expect(written).toEqual(["a", "b", "c"]);
  });

  it("writes an item queued while the queue is being written at the end of the next turn", () => {
    const turns = manualTurns();
    const written: string[] = [];
    const writer = createTurnWriter<string>(
      (item) => {
        written.push(item);
        if (item === "first") writer.write("queued while writing");
      },
      { schedule: turns.schedule },
    );
    writer.write("first");
    turns.endTurn();
    expect(written).toEqual(["first"]);
    turns.endTurn();
    expect(written).toEqual(["first", "queued while writing"]);
  });

  it("reports a write that throws and still writes the rest", () => {
    const turns = manualTurns();
    const written: string[] = [];
    const errors: unknown[] = [];
    const writer = createTurnWriter<string>(
      (item) => {
        if (item === "broken") throw new Error("socket gone");
        written.push(item);
      },
      { schedule: turns.schedule, onError: (error) => errors.push(error) },
    );
    for (const item of ["a", "broken", "b"]) writer.write(item);
    turns.endTurn();
    expect(written).toEqual(["a", "b"]);
    expect(errors).toEqual([new Error("socket gone")]);
  });

  it("by default writes once the turn's code and microtasks have run (setImmediate)", async () => {
    const order: string[] = [];
    const writer = createTurnWriter<string>((item) => order.push(item));
    writer.write("answer");
    order.push("rest of the turn");
    await Promise.resolve();
    order.push("microtask");
    await new Promise((done) => setImmediate(done));
    expect(order).toEqual(["rest of the turn", "microtask", "answer"]);
  });
});
