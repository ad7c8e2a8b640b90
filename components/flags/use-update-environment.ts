"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { useToast } from "@/components/ui";
import { describeEnvironmentState } from "@/server/core/flags/rollout";
import type { FlagEnvironmentRecord } from "@/server/db/flags";

/**
 * Changes a flag in one environment. On success: refreshes the flag and the flag list and
 * toasts the new state ("Staging: On for 5 %"); on failure: toasts the server's message.
 */
export function useUpdateEnvironment(flagKey: string, environment: Pick<FlagEnvironmentRecord, "environmentKey" | "environmentName">) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation(
    trpc.flags.updateEnvironment.mutationOptions({
      onSuccess: async (flag) => {
        queryClient.setQueryData(trpc.flags.byKey.queryKey({ key: flagKey }), flag);
        const updated = flag.environments.find((e) => e.environmentKey === environment.environmentKey);
        if (updated) toast.notify(`${environment.environmentName}: ${describeEnvironmentState(updated)}`);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.flags.byKey.queryKey({ key: flagKey }) }),
          queryClient.invalidateQueries({ queryKey: trpc.flags.list.queryKey() }),
        ]);
      },
      onError: (error) => {
        toast.notify(formErrorsOf(error).message ?? `${environment.environmentName}: the change was not saved.`, "danger");
      },
    }),
  );
}
