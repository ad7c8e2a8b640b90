"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useToast } from "@/components/ui";
import type { FlagRecord } from "@/server/db/flags";

/** What a flag edit does when it succeeds: show the saved flag everywhere and say so. */
export function useFlagSaved(flagKey: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  return async (flag: FlagRecord, message: string) => {
    queryClient.setQueryData(trpc.flags.byKey.queryKey({ key: flagKey }), flag);
    toast.notify(message);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.flags.byKey.queryKey({ key: flagKey }) }),
      queryClient.invalidateQueries({ queryKey: trpc.flags.list.queryKey() }),
    ]);
  };
}
