"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button } from "@/components/ui";
import type { GuardrailsView } from "@/server/services/guardrails/guardrails-view";

/**
 * Pricing experiments: a fresh pricing approval, asked while the experiment runs, lets it ramp
 * beyond the admins' threshold. Shows its state, and the request button while there is none.
 */
export function RampApprovalRequest({ experimentKey, gate, canRequest }: { experimentKey: string; gate: NonNullable<GuardrailsView["ramp"]["pricingGate"]>; canRequest: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const request = useMutation(
    trpc.experiments.requestRampApproval.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.experiments.pathFilter()),
    }),
  );
  const hintId = `ramp-approval-hint-${experimentKey}`;
  const error = request.isError ? formErrorsOf(request.error).message : null;
  return (
    <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      <p id={hintId} className="text-slate-700">
        {gate.approval === "approved"
          ? `A pricing approver approved ramping beyond ${gate.thresholdPercent} %.`
          : gate.approval === "pending"
            ? `Ramp approval requested: a pricing approver decides on ramping beyond ${gate.thresholdPercent} % (Approvals).`
            : `Pricing experiments need a fresh pricing approval to ramp beyond ${gate.thresholdPercent} %.`}
      </p>
      {gate.approval === "none" && canRequest ? (
        <Button variant="secondary" aria-describedby={hintId} loading={request.isPending} onClick={() => request.mutate({ key: experimentKey })}>
          Request pricing approval to ramp
        </Button>
      ) : null}
      {error ? <Alert tone="danger">{error}</Alert> : null}
    </div>
  );
}
