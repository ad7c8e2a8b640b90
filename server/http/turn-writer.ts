/**
 * Writes the fast path's answers at the end of the event-loop turn that produced them, back to
 * back, instead of one by one while the turn's other requests are still being handled (the way
 * uWebSockets corks a turn's writes).
 *
 * Why: a service that calls Keel from the same host (a sidecar, the bench's load generator) sleeps
 * in epoll between answers. Written ~20 µs apart, nearly every answer wakes it again, and on a VM
 * each wake-up is an inter-processor interrupt that the server pays for inside its writev. Written
 * back to back, the first answer wakes the client and the others reach it while it runs. On the
 * 2-core bench VM this took the standalone evaluator's kernel time per request from about 17 to
 * 10 µs and its throughput up by about half.
 *
 * No answer waits longer than the rest of its turn, so an idle server answers at once. A failing
 * write is reported and does not hold up the others; an answer queued while the queue is being
 * written goes out at the end of the next turn.
 */
export type TurnWriter<T> = {
  /** queues `item`; it is written when the current turn ends */
  write(item: T): void;
};

export type TurnWriterOptions = {
  /** runs `flush` when the current turn ends; default setImmediate (after the turn's I/O callbacks) */
  schedule?: (flush: () => void) => void;
  /** a write that threw (the other queued items are still written) */
  onError?: (error: unknown) => void;
};

export function createTurnWriter<T>(writeNow: (item: T) => void, options: TurnWriterOptions = {}): TurnWriter<T> {
  const schedule = options.schedule ?? ((flush: () => void) => void setImmediate(flush));
  const onError = options.onError ?? ((error: unknown) => console.error("Writing an answer failed:", error));
  let queue: T[] = [];

  function flush() {
    const items = queue;
    queue = [];
    for (const item of items) {
      try {
        writeNow(item);
      } catch (error) {
        onError(error);
      }
    }
  }

  return {
    write(item) {
      queue.push(item);
      if (queue.length === 1) schedule(flush);
    },
  };
}
