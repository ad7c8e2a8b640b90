import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { findAuditEntries } from "../../db/audit-log";
import { actorFor, makeMember, serviceContext, uniqueKey } from "../../../prisma/factories";
import { rejection } from "../../test/rejection";
import { createMetric, listMetrics, updateMetric } from "./save-metric";

describe("metric definitions", () => {
  it("an experimenter adds and edits a metric, audited; bad input names the field and writes nothing", async () => {
    const ctx = serviceContext(actorFor(await makeMember(["experimenter"])));
    const key = uniqueKey("errors");
    const missing = await rejection(createMetric(ctx, { key, name: "API errors", kind: "error_rate", direction: "decrease", eventName: "request_failed" }));
    expect(missing.fieldErrors.denominatorEventName?.[0]).toMatch(/Denominator event/);
    expect((await listMetrics(ctx)).some((m) => m.key === key)).toBe(false);

    await createMetric(ctx, { key, name: "API errors", kind: "error_rate", direction: "decrease", eventName: "request_failed", denominatorEventName: "request_served", guardrailThreshold: 0.1 });
    const duplicate = await rejection(createMetric(ctx, { key, name: "Again", kind: "count", direction: "increase", eventName: "x" }));
    expect(duplicate.fieldErrors.key?.[0]).toMatch(/already exists/);

    await updateMetric(ctx, { key, name: "API error rate", kind: "error_rate", direction: "decrease", eventName: "request_failed", denominatorEventName: "request_served", guardrailThreshold: 0.05 });
    const listed = (await listMetrics(ctx)).find((m) => m.key === key);
    expect(listed).toMatchObject({ name: "API error rate", guardrailThreshold: 0.05, usedBy: 0 });
    const { entries } = await findAuditEntries(getDb(), { entityType: "metric", entityKey: key, limit: 5 });
    expect(entries.map((e) => e.action)).toEqual(["metric.updated", "metric.created"]);
    expect(entries[0]).toMatchObject({ before: { name: "API errors", guardrailThreshold: 0.1 }, after: { name: "API error rate", guardrailThreshold: 0.05 } });
  });
});
