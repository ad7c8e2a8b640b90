"use client";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Button } from "@/components/ui";
import { useInvalidateGuardrails } from "./use-guardrails";

/** Follow the experiment: a toggle button ("Watch" / "Watching") with what watching means. */
export function WatchButton({ experimentKey, watching }: { experimentKey: string; watching: boolean }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateGuardrails(experimentKey);
  const watch = useMutation(trpc.experiments.watch.mutationOptions({ onSuccess: invalidate }));
  const hintId = `watch-hint-${experimentKey}`;
  const error = watch.isError ? formErrorsOf(watch.error).message : null;
  return (
    <div className="flex flex-col items-end gap-1 text-right">
      <Button
        variant={watching ? "primary" : "secondary"}
        size="sm"
        aria-pressed={watching}
        aria-describedby={hintId}
        loading={watch.isPending}
        onClick={() => watch.mutate({ key: experimentKey, watching: !watching })}
      >
        {watching ? "Watching" : "Watch"}
      </Button>
      <p id={hintId} className="max-w-xs text-xs text-slate-600">
        Watchers are notified with the owner when a guardrail aborts it.
      </p>
      {error ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
