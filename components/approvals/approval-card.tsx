"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, TextareaField, useToast } from "@/components/ui";
import { formatDate } from "@/components/flags/format";
import { APPROVAL_KIND_LABELS } from "@/server/core/experiments/experiment-types";
import type { QueueItem } from "@/server/services/experiments/read-experiments";
import { DocumentFields } from "@/components/experiment-detail/document-fields";
import { FieldChanges } from "@/components/experiment-detail/field-changes";
import { useDocumentFields } from "@/components/experiment-detail/use-document-fields";

/** One pending request: the full reviewed document, what changed since the last approval, and the decision. */
export function ApprovalCard({ item }: { item: QueueItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [comment, setComment] = useState("");
  const { approval, experiment } = item;
  const decide = useMutation(
    trpc.approvals.decide.mutationOptions({
      onSuccess: async (_experiment, input) => {
        toast.notify(`${APPROVAL_KIND_LABELS[approval.kind]} of “${experiment.content.name}” ${input.decision === "approve" ? "approved" : "rejected"}.`);
        await queryClient.invalidateQueries(trpc.approvals.pathFilter());
        await queryClient.invalidateQueries(trpc.experiments.pathFilter());
      },
    }),
  );
  const errors = formErrorsOf(decide.error);
  const { part, general } = useDocumentFields(experiment.content);
  const headingId = `approval-${approval.id}`;
  const commentId = `comment-${approval.id}`;
  // A refusal about the comment (a rejection without one) takes focus to the Comment field.
  const commentError = errors.fields.comment;
  useEffect(() => {
    if (commentError) document.getElementById(commentId)?.focus();
  }, [commentError, commentId]);
  const send = (decision: "approve" | "reject") => decide.mutate({ approvalId: approval.id, decision, designVersion: approval.designVersion, comment });

  return (
    <article aria-labelledby={headingId} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <header>
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          {approval.purpose === "ramp" ? "Pricing ramp approval" : APPROVAL_KIND_LABELS[approval.kind]}:{" "}
          <Link href={`/experiments/${experiment.key}`} className="text-brand-700 underline">
            {experiment.content.name}
          </Link>
        </h2>
        <p className="text-sm text-slate-600">
          Version {approval.designVersion} · requested by {approval.requester.name} ({approval.requester.email}) on {formatDate(approval.requestedAt)} · owner {experiment.owner.email}
        </p>
        <p className="mt-1 text-sm">{item.policySummary}</p>
        {approval.purpose === "ramp" ? (
          <p className="mt-1 text-sm font-medium text-slate-800">The experiment is running: approving lets it ramp beyond the pricing threshold set in Settings → Experiment policy, one healthy step at a time.</p>
        ) : null}
      </header>
      {item.sinceLastApproval ? (
        <section aria-label={`Changes since approved version ${item.sinceLastApproval.designVersion}`}>
          <h3 className="text-sm font-medium text-slate-700">Changes since approved version {item.sinceLastApproval.designVersion}</h3>
          <FieldChanges changes={item.sinceLastApproval.changes} />
        </section>
      ) : null}
      <DocumentFields title="Experiment" fields={general} />
      <DocumentFields title="Hypothesis" fields={part("hypothesis.")} />
      <DocumentFields title="Design" fields={part("design.")} />
      <DocumentFields title="Sensitivity declarations" fields={part("sensitivity.")} />
      {item.cannotDecide ? (
        <Alert tone="info">{item.cannotDecide}</Alert>
      ) : (
        <div className="space-y-3">
          {errors.message && !commentError ? <Alert tone="danger">{errors.message}</Alert> : null}
          <TextareaField id={commentId} label="Comment" hint="Required to reject: say what must change." rows={2} error={commentError} value={comment} onChange={(e) => setComment(e.target.value)} />
          <div className="flex gap-2">
            <Button disabled={decide.isPending} onClick={() => send("approve")}>
              Approve
            </Button>
            <Button variant="danger" disabled={decide.isPending} onClick={() => send("reject")}>
              Reject
            </Button>
          </div>
        </div>
      )}
    </article>
  );
}
