"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useToast } from "@/components/ui";
import { EXPERIMENT_STATE_LABELS } from "@/server/core/experiments/experiment-types";

/** Runs one lifecycle action; on success says the new state and refreshes every experiment view. */
export function useExperimentAction() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation(
    trpc.experiments.act.mutationOptions({
      onSuccess: async (experiment) => {
        toast.notify(`${experiment.content.name}: ${EXPERIMENT_STATE_LABELS[experiment.state]}.`);
        await queryClient.invalidateQueries(trpc.experiments.pathFilter());
      },
    }),
  );
}
