"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { addDays } from "date-fns";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { useCan, useCurrentUser } from "@/components/layout/current-user";
import { Alert, Button, Card, CardBody, LoadingBlock, PageHeader, SelectField, TextField, TextareaField, useToast } from "@/components/ui";
import { KEY_RULE } from "@/server/core/keys";
import type { ValueType } from "@/server/core/flags/variations";
import { isoDay } from "./format";
import { INITIAL_VARIATIONS, OffVariationField, VariationRows, effectiveOffVariation, type VariationRow } from "./variation-rows";

type FormOptions = {
  owners: { id: string; name: string; email: string }[];
  maxLifetimeDays: number;
  latestExpiry: Date;
};

export function NewFlagForm() {
  const trpc = useTRPC();
  const canWrite = useCan("flags:write");
  const options = useQuery(trpc.flags.formOptions.queryOptions());
  return (
    <>
      <PageHeader
        title="New flag"
        description="A new flag is off in every environment. Turn it on and roll it out from the flag's page."
      />
      {!canWrite ? (
        <Alert tone="info">Creating flags needs the experimenter or admin role.</Alert>
      ) : options.isPending ? (
        <LoadingBlock label="Loading form…" />
      ) : options.isError ? (
        <Alert tone="danger" title="The form could not be loaded">
          {options.error.message}
        </Alert>
      ) : (
        <NewFlagFormBody options={options.data} />
      )}
    </>
  );
}

const VALUE_TYPE_OPTIONS: { value: ValueType; label: string }[] = [
  { value: "boolean", label: "Boolean (on/off)" },
  { value: "string", label: "String" },
  { value: "number", label: "Number" },
  { value: "json", label: "JSON" },
];

function isValueType(value: string): value is ValueType {
  return VALUE_TYPE_OPTIONS.some((option) => option.value === value);
}

function NewFlagFormBody({ options }: { options: FormOptions }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const user = useCurrentUser();
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  const [key, setKey] = useState("");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [valueType, setValueType] = useState<ValueType>("boolean");
  const [ownerId, setOwnerId] = useState(() => (options.owners.some((o) => o.id === user.id) ? user.id : ""));
  const [expiresAt, setExpiresAt] = useState("");
  const [variations, setVariations] = useState<VariationRow[]>(() => INITIAL_VARIATIONS.map((v) => ({ ...v })));
  const [offVariation, setOffVariation] = useState(INITIAL_VARIATIONS[0]?.key ?? "");
  // The form only renders in the browser (after formOptions load), so reading the clock here is stable.
  const [tomorrow] = useState(() => localDay(addDays(new Date(), 1)));

  const create = useMutation(
    trpc.flags.create.mutationOptions({
      onSuccess: async (flag) => {
        toast.notify(`Flag “${flag.key}” created — it is off in every environment.`);
        await queryClient.invalidateQueries({ queryKey: trpc.flags.list.queryKey() });
        router.push(`/flags/${flag.key}`);
      },
    }),
  );
  const errors = formErrorsOf(create.error);
  const fields = errors.fields;

  // After a failed submit: focus the first invalid control (in page order), else the summary.
  useEffect(() => {
    if (!create.error) return;
    const firstInvalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]');
    (firstInvalid ?? summary.current)?.focus();
  }, [create.error]);

  const hasVariations = valueType !== "boolean";
  const offVariationKey = effectiveOffVariation(variations, offVariation);
  const latestDay = isoDay(options.latestExpiry);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate({
      key,
      name,
      description,
      valueType,
      ownerId: ownerId || undefined,
      expiresAt,
      variations: hasVariations ? variations.map((v) => ({ key: v.key, name: v.name, value: v.value })) : undefined,
      offVariationKey: hasVariations ? offVariationKey || undefined : undefined,
    });
  }

  const hints = {
    key: `Used in code to evaluate the flag: ${KEY_RULE}.`,
    name: "A short, human name shown across Keel.",
    expiresAt: `Required — permanent flags are prohibited. At most ${options.maxLifetimeDays} days ahead (on or before ${latestDay}).`,
    owner: "Responsible for the flag and for removing it before it expires.",
  };

  return (
    <Card className="max-w-3xl">
      <CardBody className="space-y-6 py-6">
        {errors.message ? (
          <div ref={summary} tabIndex={-1} className="rounded-lg">
            <Alert tone="danger" title="The flag was not created">
              {errors.message}
            </Alert>
          </div>
        ) : null}
        <form ref={form} onSubmit={onSubmit} noValidate className="space-y-6">
          <div className="grid gap-6 sm:grid-cols-2">
            <TextField
              id="flag-key"
              label="Key"
              hint={hints.key}
              error={fields.key}
              required
              value={key}
              onChange={(event) => setKey(event.target.value)}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              placeholder="new-checkout"
              className="font-mono"
            />
            <TextField
              id="flag-name"
              label="Name"
              hint={hints.name}
              error={fields.name}
              required
              value={name}
              onChange={(event) => setName(event.target.value)}
              autoComplete="off"
              placeholder="New checkout"
            />
          </div>

          <TextareaField
            id="flag-description"
            label="Description"
            error={fields.description}
            rows={3}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            placeholder="What the flag changes, and when it can be removed."
          />

          <div className="grid gap-6 sm:grid-cols-2">
            <SelectField
              id="flag-owner"
              label="Owner"
              hint={hints.owner}
              error={fields.ownerId}
              value={ownerId}
              onChange={(event) => setOwnerId(event.target.value)}
            >
              {ownerId === "" ? <option value="">Choose an owner</option> : null}
              {options.owners.map((owner) => (
                <option key={owner.id} value={owner.id}>
                  {owner.id === user.id ? `${owner.name} (you)` : owner.name}
                </option>
              ))}
            </SelectField>
            <TextField
              id="flag-expires-at"
              label="Expiry date"
              hint={hints.expiresAt}
              error={fields.expiresAt}
              required
              type="date"
              min={tomorrow}
              max={latestDay}
              className="sm:max-w-xs"
              value={expiresAt}
              onChange={(event) => setExpiresAt(event.target.value)}
            />
          </div>

          <SelectField
            id="flag-value-type"
            label="Value type"
            error={fields.valueType}
            value={valueType}
            onChange={(event) => {
              if (isValueType(event.target.value)) setValueType(event.target.value);
            }}
            className="sm:max-w-xs"
          >
            {VALUE_TYPE_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </SelectField>

          {hasVariations ? (
            <>
              <VariationRows valueType={valueType} rows={variations} setRows={setVariations} errors={fields} />
              <OffVariationField rows={variations} value={offVariationKey} onChange={setOffVariation} error={fields.offVariationKey} />
            </>
          ) : null}

          <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-6">
            <Button type="submit" loading={create.isPending}>
              Create flag
            </Button>
            <p className="text-sm text-slate-600">The flag starts off in every environment.</p>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

/** YYYY-MM-DD of `date` in the browser's time zone. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
