"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

/** The segments a targeting condition may reference. */
export function useSegmentChoices(): { key: string; name: string }[] {
  const trpc = useTRPC();
  const options = useQuery(trpc.flags.formOptions.queryOptions());
  return options.data?.segments ?? [];
}
