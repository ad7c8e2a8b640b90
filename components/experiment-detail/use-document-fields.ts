"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import type { ExperimentContent } from "@/server/core/experiments/experiment-content";
import { reviewedFields, type ReviewedField } from "@/server/core/experiments/reviewed-document";

const METRIC_FIELDS = new Set(["hypothesis.successMetrics", "hypothesis.failureMetrics", "design.guardrailMetrics"]);

/**
 * The experiment's reviewed document as labelled fields, with metric keys read as names
 * ("Checkout conversion") once the definitions are loaded, and a way to take one part of it.
 */
export function useDocumentFields(content: ExperimentContent) {
  const trpc = useTRPC();
  const options = useQuery(trpc.experiments.formOptions.queryOptions());
  const metricName = new Map((options.data?.metrics ?? []).map((m) => [m.key, m.name]));
  const fields = reviewedFields(content).map((f) =>
    METRIC_FIELDS.has(f.field) && f.value !== "—" ? { ...f, value: f.value.split(", ").map((k) => metricName.get(k) ?? k).join(", ") } : f,
  );
  const part = (prefix: string): ReviewedField[] => fields.filter((f) => f.field.startsWith(prefix));
  /** name, type, flag, environment, team: the fields outside hypothesis, design and sensitivity */
  const general = fields.filter((f) => !/^(hypothesis|design|sensitivity)\./.test(f.field));
  return { part, general };
}
