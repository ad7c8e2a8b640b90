"use client";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, LoadingBlock, PageHeader, useToast } from "@/components/ui";
import type { ExperimentContent } from "@/server/core/experiments/experiment-content";
import { EXPERIMENT_STATE_LABELS, EXPERIMENT_TYPE_LABELS } from "@/server/core/experiments/experiment-types";
import { editorFieldErrors, focusField, type EditorOptions } from "./editor-types";
import { HypothesisSection } from "./hypothesis-section";
import { DesignSection } from "./design-section";
import { SensitivitySection } from "./sensitivity-section";
import { CompletenessPanel, EstimatePanel, PolicyPanel } from "./review-panels";

/** The sectioned edit page: hypothesis, design, sensitivity, with live estimate, policy and completeness. */
export function ExperimentEditor({ experimentKey }: { experimentKey: string }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.experiments.byKey.queryOptions({ key: experimentKey }));
  const options = useQuery(trpc.experiments.formOptions.queryOptions());
  if (view.isPending || options.isPending) return <LoadingBlock label="Loading experiment…" />;
  if (view.isError) return <Alert tone="danger">{view.error.message}</Alert>;
  if (options.isError) return <Alert tone="danger">{options.error.message}</Alert>;
  const { experiment, actions } = view.data;
  const edit = actions.find((a) => a.action === "edit");
  return (
    <>
      <PageHeader
        title={`Edit: ${experiment.content.name}`}
        description={`${EXPERIMENT_TYPE_LABELS[experiment.content.type]} on flag ${experiment.content.flagKey} · ${EXPERIMENT_STATE_LABELS[experiment.state]} · version ${experiment.designVersion}`}
        actions={
          <Link href={`/experiments/${experiment.key}`} className="text-sm text-brand-700 underline">
            Back to experiment
          </Link>
        }
      />
      {edit && !edit.allowed ? (
        <Alert tone="info">{edit.reason}</Alert>
      ) : (
        <EditorForm key={experiment.designVersion} experimentKey={experiment.key} state={experiment.state} designVersion={experiment.designVersion} initial={experiment.content} options={options.data} />
      )}
    </>
  );
}

function EditorForm(props: { experimentKey: string; state: string; designVersion: number; initial: ExperimentContent; options: EditorOptions }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [content, setContent] = useState(props.initial);
  const formRef = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const reviewed = props.state === "in_review" || props.state === "approved";
  const save = useMutation(
    trpc.experiments.update.mutationOptions({
      onSuccess: async (saved) => {
        toast.notify(`Saved version ${saved.designVersion}${afterSave(reviewed, saved.state)}.`);
        await queryClient.invalidateQueries(trpc.experiments.pathFilter());
      },
    }),
  );
  const errors = formErrorsOf(save.error);
  const fields = editorFieldErrors(errors.fields);
  const conflict = save.error instanceof TRPCClientError && save.error.data?.code === "CONFLICT";
  // After a failed save: focus the first invalid control (in page order), else the summary.
  useEffect(() => {
    if (save.error && !focusField(formRef.current?.querySelector('[aria-invalid="true"]') ?? null)) summary.current?.focus();
  }, [save.error]);

  return (
    <form
      ref={formRef}
      aria-label="Edit experiment"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ key: props.experimentKey, designVersion: props.designVersion, content });
      }}
      className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]"
    >
      <div className="space-y-6">
        {reviewed ? (
          <Alert tone="warning" title="Saving starts a new review">
            Any change voids the approvals of version {props.designVersion} and returns the experiment to review.
          </Alert>
        ) : null}
        {errors.message ? (
          <div ref={summary} tabIndex={-1} className="rounded-lg">
            <Alert tone="danger" title={conflict ? "Not saved: someone else saved a newer version" : "Not saved"}>
              <p>{errors.message}</p>
              {conflict ? (
                <Button type="button" variant="secondary" className="mt-2" onClick={() => void queryClient.invalidateQueries(trpc.experiments.byKey.queryFilter({ key: props.experimentKey }))}>
                  Reload latest version
                </Button>
              ) : null}
            </Alert>
          </div>
        ) : null}
        <HypothesisSection content={content} onChange={setContent} errors={fields} options={props.options} />
        <DesignSection content={content} onChange={setContent} errors={fields} options={props.options} />
        <SensitivitySection content={content} onChange={setContent} errors={fields} options={props.options} />
        <Button type="submit" disabled={save.isPending}>
          Save draft
        </Button>
      </div>
      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <PolicyPanel content={content} />
        <EstimatePanel content={content} />
        <CompletenessPanel content={content} options={props.options} />
      </aside>
    </form>
  );
}

/** What the save did to the review, said plainly. */
function afterSave(wasReviewed: boolean, state: string): string {
  if (!wasReviewed) return "";
  if (state === "in_review") return " — earlier approvals are void; it is back in review and approvals were requested again";
  if (state === "draft") return " — earlier approvals are void; it is back to draft until it is complete";
  return "";
}
