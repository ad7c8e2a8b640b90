"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, Card, CardBody, TextField, TextareaField, useToast } from "@/components/ui";
import { ConditionEditor } from "@/components/targeting/condition-editor";
import type { Condition } from "@/server/core/evaluation/snapshot-format";
import { KEY_RULE } from "@/server/core/keys";
import { parseUnitIdsText } from "@/server/core/segments/describe-segment";
import { MAX_SEGMENT_UNIT_IDS, SEGMENT_DESCRIPTION_MAX, SEGMENT_NAME_MAX } from "@/server/core/segments/segment-input";
import type { SegmentDetailView } from "@/server/services/segments/segment-view";

type SegmentFormProps = {
  /** the segment being edited; absent → creating one */
  segment?: SegmentDetailView;
  /** segments a condition may reference */
  segments: { key: string; name: string }[];
};

/** Create or edit a segment: key (create only), name, description, conditions and unit id lists. */
export function SegmentForm({ segment, segments }: SegmentFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const editing = segment !== undefined;

  const [key, setKey] = useState(segment?.key ?? "");
  const [name, setName] = useState(segment?.name ?? "");
  const [description, setDescription] = useState(segment?.description ?? "");
  const [conditions, setConditions] = useState<Condition[]>(segment?.conditions ?? []);
  const [included, setIncluded] = useState((segment?.included ?? []).join("\n"));
  const [excluded, setExcluded] = useState((segment?.excluded ?? []).join("\n"));
  const [version, setVersion] = useState(segment?.version ?? 1);

  const invalidate = () =>
    Promise.all([queryClient.invalidateQueries(trpc.segments.pathFilter()), queryClient.invalidateQueries(trpc.auditLog.pathFilter())]);

  const create = useMutation(
    trpc.segments.create.mutationOptions({
      onSuccess: async (created) => {
        toast.notify(`Segment “${created.key}” created.`);
        await invalidate();
        router.push(`/segments/${created.key}`);
      },
    }),
  );
  const update = useMutation(
    trpc.segments.update.mutationOptions({
      onSuccess: async (updated) => {
        setVersion(updated.version);
        toast.notify(`Segment “${updated.key}” saved.`);
        await invalidate();
      },
    }),
  );
  const mutation = editing ? update : create;
  const errors = formErrorsOf(mutation.error);
  const rawFieldErrors = Object.fromEntries(Object.entries(errors.fields).map(([field, message]) => [field, [message]]));
  const listError = (list: "included" | "excluded") =>
    Object.entries(errors.fields)
      .filter(([field]) => field === list || field.startsWith(`${list}.`))
      .map(([, message]) => message)[0];

  useEffect(() => {
    if (!mutation.error) return;
    const firstInvalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (firstInvalid ?? summary.current)?.focus();
  }, [mutation.error]);

  const includedIds = parseUnitIdsText(included);
  const excludedIds = parseUnitIdsText(excluded);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const body = { name, description, conditions, included: includedIds, excluded: excludedIds };
    if (editing) update.mutate({ key: segment.key, version, ...body });
    else create.mutate({ key, ...body });
  }

  const countHint = (ids: string[], what: string) =>
    `${ids.length.toLocaleString("en")} ${ids.length === 1 ? "id" : "ids"} — one per line or separated by commas; ${what}. At most ${MAX_SEGMENT_UNIT_IDS.toLocaleString("en")}.`;

  return (
    <Card className="max-w-4xl">
      <CardBody className="space-y-6 py-6">
        {errors.message ? (
          <div ref={summary} tabIndex={-1} className="rounded-lg">
            <Alert tone="danger" title={editing ? "The segment was not saved" : "The segment was not created"}>
              {errors.message}
            </Alert>
          </div>
        ) : null}
        <form ref={form} onSubmit={onSubmit} noValidate aria-label={editing ? `Edit segment ${segment.key}` : "New segment"} className="space-y-6">
          <div className="grid gap-6 sm:grid-cols-2">
            {editing ? (
              <div>
                <p className="text-sm font-medium text-slate-900">Key</p>
                <p className="mt-2 font-mono text-sm text-slate-900">{segment.key}</p>
                <p className="mt-1.5 text-sm text-slate-600">Flag rules reference the key, so it cannot change.</p>
              </div>
            ) : (
              <TextField
                id="segment-key"
                label="Key"
                hint={`Flag rules reference it; it cannot change later: ${KEY_RULE}.`}
                error={errors.fields.key}
                required
                value={key}
                onChange={(event) => setKey(event.target.value)}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                placeholder="beta-testers"
                className="font-mono"
              />
            )}
            <TextField
              id="segment-name"
              label="Name"
              error={errors.fields.name}
              required
              maxLength={SEGMENT_NAME_MAX}
              value={name}
              onChange={(event) => setName(event.target.value)}
              autoComplete="off"
              placeholder="Beta testers"
            />
          </div>
          <TextareaField
            id="segment-description"
            label="Description"
            error={errors.fields.description}
            rows={2}
            maxLength={SEGMENT_DESCRIPTION_MAX}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            placeholder="Who is in it, and why."
          />

          <ConditionEditor
            idPrefix="segment-conditions"
            legend="Conditions"
            hint="A user is a member when all conditions hold (or when listed as included). Leave empty to use only the included list."
            conditions={conditions}
            onChange={setConditions}
            segments={segments.filter((s) => s.key !== segment?.key)}
            fieldErrors={rawFieldErrors}
            errorPrefix="conditions"
          />

          <div className="grid gap-6 sm:grid-cols-2">
            <TextareaField
              id="segment-included"
              label="Included unit ids"
              hint={countHint(includedIds, "always members")}
              error={listError("included")}
              rows={5}
              value={included}
              onChange={(event) => setIncluded(event.target.value)}
              spellCheck={false}
              className="font-mono"
              placeholder={"user-123\nuser-456"}
            />
            <TextareaField
              id="segment-excluded"
              label="Excluded unit ids"
              hint={countHint(excludedIds, "never members, even when included or matching")}
              error={listError("excluded")}
              rows={5}
              value={excluded}
              onChange={(event) => setExcluded(event.target.value)}
              spellCheck={false}
              className="font-mono"
            />
          </div>

          <div>
            <Button type="submit" loading={mutation.isPending}>
              {editing ? "Save segment" : "Create segment"}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
