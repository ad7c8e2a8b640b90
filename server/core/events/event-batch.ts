import { AppError, fieldError } from "../errors";

/**
 * The body of POST /api/v1/events: a batch of exposure and metric events from a service (server
 * SDK key). Every event carries an id chosen by the sender: a retried batch (same ids) is stored
 * and counted once. The whole batch is checked before anything is stored; one bad event rejects
 * the batch with the event's field named (e.g. "events.3.value").
 *
 *   { "events": [
 *       { "type": "exposure", "id": "exposure:checkout-test:treatment:user-1", "unitId": "user-1",
 *         "experimentKey": "checkout-test", "variation": "treatment", "timestamp": "2026-11-25T10:00:00Z" },
 *       { "type": "metric", "id": "order-8812", "unitId": "user-1", "eventName": "checkout_completed",
 *         "value": 42.5, "timestamp": "2026-11-25T10:03:00Z" } ] }
 *
 * A metric event with "securitySignal": true is a security signal (any event name, no metric
 * definition needed): attributed to an exposed unit's variation, it trips the guardrail.
 *
 * Exposures may also carry flagKey and environment (the shape of server/core/events/exposure.ts);
 * when present they must match the experiment's flag and the key's environment.
 */

/** events per request; larger batches get 413 with this number in the message */
export const MAX_EVENTS_PER_BATCH = 1000;
/** request body bytes for the events route (the evaluation routes keep their smaller bound) */
export const MAX_EVENTS_BODY_BYTES = 1024 * 1024;
/** a timestamp may run this far ahead of the server's clock (clock skew), no more */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
const MAX_ID_LENGTH = 300;
const MAX_UNIT_ID_LENGTH = 512;
const MAX_NAME_LENGTH = 200;

export type ExposureInput = {
  type: "exposure";
  id: string;
  unitId: string;
  experimentKey: string;
  variation: string;
  flagKey: string | null;
  environment: string | null;
  at: Date;
};

export type MetricEventInput = {
  type: "metric";
  id: string;
  unitId: string;
  eventName: string;
  /** 1 when the sender gave no value (a plain occurrence) */
  value: number;
  /**
   * the service marks the event as a security signal (e.g. a token replay or a blocked injection):
   * one from a unit in an experiment's variant aborts the experiment at once. Any event name.
   */
  securitySignal: boolean;
  at: Date;
};

export type EventInput = ExposureInput | MetricEventInput;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** "events.3": where an event is, for error messages (built only when one is needed) */
const pathOf = (index: number) => `events.${index}`;

function text(raw: Record<string, unknown>, field: string, index: number, max: number, what: string): string {
  const value = raw[field];
  if (typeof value !== "string" || value.length > max || value.trim() === "") {
    const path = pathOf(index);
    throw fieldError(`${path}.${field}`, `${path}.${field} must be a non-empty string of at most ${max} characters: ${what}.`);
  }
  return value;
}

function optionalText(raw: Record<string, unknown>, field: string, index: number): string | null {
  if (raw[field] === undefined || raw[field] === null) return null;
  return text(raw, field, index, MAX_NAME_LENGTH, `the ${field}`);
}

function timestamp(raw: Record<string, unknown>, index: number, now: Date): Date {
  const value = raw.timestamp;
  const at = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  if (at === null || Number.isNaN(at.getTime())) {
    const path = pathOf(index);
    throw fieldError(`${path}.timestamp`, `${path}.timestamp must be an ISO 8601 date-time such as 2026-11-25T10:00:00Z.`);
  }
  if (at.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS) {
    const path = pathOf(index);
    throw fieldError(
      `${path}.timestamp`,
      `${path}.timestamp ${value} is in the future (server time ${now.toISOString()}); send the time the event happened (at most 5 minutes of clock skew).`,
    );
  }
  return at;
}

function parseEvent(raw: unknown, index: number, now: Date): EventInput {
  if (!isObject(raw)) throw fieldError(pathOf(index), `${pathOf(index)} must be an object with type, id, unitId and timestamp.`);
  const id = text(raw, "id", index, MAX_ID_LENGTH, "an id you choose, the same when you retry");
  const unitId = text(raw, "unitId", index, MAX_UNIT_ID_LENGTH, "the randomisation unit (the evaluation context's targetingKey)");
  const at = timestamp(raw, index, now);
  if (raw.type === "exposure") {
    return {
      type: "exposure",
      id,
      unitId,
      experimentKey: text(raw, "experimentKey", index, MAX_NAME_LENGTH, "the experiment's key (evaluation metadata experimentKey)"),
      variation: text(raw, "variation", index, MAX_NAME_LENGTH, "the variation the unit was served"),
      flagKey: optionalText(raw, "flagKey", index),
      environment: optionalText(raw, "environment", index),
      at,
    };
  }
  if (raw.type === "metric") {
    const eventName = text(raw, "eventName", index, MAX_NAME_LENGTH, "the event name of a metric definition (Metrics page)");
    const value = raw.value ?? 1;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      const path = pathOf(index);
      throw fieldError(`${path}.value`, `${path}.value must be a finite number ≥ 0 (e.g. an amount or a duration in ms), or left out for a plain occurrence.`);
    }
    const securitySignal = raw.securitySignal ?? false;
    if (typeof securitySignal !== "boolean") {
      const path = pathOf(index);
      throw fieldError(`${path}.securitySignal`, `${path}.securitySignal must be true (a security signal) or false, or left out.`);
    }
    return { type: "metric", id, unitId, eventName, value, securitySignal, at };
  }
  throw fieldError(`${pathOf(index)}.type`, `${pathOf(index)}.type must be "exposure" or "metric".`);
}

/**
 * Checks a parsed JSON body. Throws AppError: BAD_INPUT naming the field, or a batch-size error
 * (`tooLarge`) that the route answers with 413.
 */
export function parseEventBatch(body: unknown, now: Date): EventInput[] {
  if (!isObject(body) || !Array.isArray(body.events)) {
    throw fieldError("events", 'The body must be a JSON object { "events": [ … ] } listing exposure and metric events.');
  }
  const { events } = body;
  if (events.length === 0) throw fieldError("events", "events must list at least one event.");
  if (events.length > MAX_EVENTS_PER_BATCH) {
    throw new BatchTooLargeError(`A batch holds at most ${MAX_EVENTS_PER_BATCH} events; this one has ${events.length}. Split it into smaller batches.`);
  }
  const parsed = events.map((raw, i) => parseEvent(raw, i, now));
  const seen = new Map<string, number>();
  parsed.forEach((event, i) => {
    const first = seen.get(event.id);
    if (first !== undefined) {
      throw fieldError(`events.${i}.id`, `events.${i}.id “${event.id}” repeats events.${first}.id; every event in a batch needs its own id.`);
    }
    seen.set(event.id, i);
  });
  return parsed;
}

/** More events than a batch may hold: HTTP 413. */
export class BatchTooLargeError extends AppError {
  constructor(message: string) {
    super("BAD_INPUT", message, { events: [message] });
    this.name = "BatchTooLargeError";
  }
}
