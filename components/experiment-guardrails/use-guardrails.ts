"use client";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

export const GUARDRAILS_REFRESH_MS = 5_000;

/** The experiment's guardrails view, refreshed every few seconds like the results. */
export function useGuardrails(experimentKey: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.experiments.guardrails.queryOptions({ key: experimentKey }),
    refetchInterval: GUARDRAILS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** Refetches the guardrails view (after a save or a watch toggle). */
export function useInvalidateGuardrails(experimentKey: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.experiments.guardrails.queryFilter({ key: experimentKey }));
}
