"use client";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { useCan } from "@/components/layout/current-user";
import { Alert, Button, Card, CardBody, LoadingBlock, PageHeader, SelectField, TextField } from "@/components/ui";
import { KEY_RULE } from "@/server/core/keys";
import { EXPERIMENT_TYPES, EXPERIMENT_TYPE_DESCRIPTIONS, EXPERIMENT_TYPE_LABELS, type ExperimentType } from "@/server/core/experiments/experiment-types";

/** Step one of authoring: what, on which flag, where. The hypothesis and design follow on the edit page. */
export function NewExperimentForm() {
  const trpc = useTRPC();
  const canWrite = useCan("experiments:write");
  const options = useQuery(trpc.experiments.formOptions.queryOptions());
  const router = useRouter();
  const [values, setValues] = useState({ key: "", name: "", type: "ab_test" as ExperimentType, flagKey: "", environmentKey: "staging", team: "" });
  const create = useMutation(trpc.experiments.create.mutationOptions({ onSuccess: (e) => router.push(`/experiments/${e.key}/edit`) }));
  const errors = formErrorsOf(create.error);
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  // After a failed submit: focus the first invalid control (in page order), else the summary.
  useEffect(() => {
    if (!create.error) return;
    (form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? summary.current)?.focus();
  }, [create.error]);
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate({ ...values, team: values.team || options.data?.myTeam || undefined });
  }

  return (
    <>
      <PageHeader title="New experiment" description="One experiment, one flag, one variable. Next you write the hypothesis and the design." />
      {!canWrite ? (
        <Alert tone="info">Creating experiments needs the experimenter or admin role.</Alert>
      ) : options.isPending ? (
        <LoadingBlock label="Loading form…" />
      ) : options.isError ? (
        <Alert tone="danger">{options.error.message}</Alert>
      ) : (
        <Card className="max-w-3xl">
          <CardBody className="py-6">
            <form ref={form} aria-label="New experiment" onSubmit={onSubmit} noValidate className="space-y-6">
              {errors.message ? (
                <div ref={summary} tabIndex={-1} className="rounded-lg">
                  <Alert tone="danger" title="The experiment was not created">
                    {errors.message}
                  </Alert>
                </div>
              ) : null}
              <div className="grid gap-6 sm:grid-cols-2">
                <TextField id="experiment-key" label="Key" hint={`Names the experiment in links and documents: ${KEY_RULE}.`} error={errors.fields.key} required className="font-mono" autoComplete="off" value={values.key} onChange={(e) => set({ key: e.target.value })} />
                <TextField id="experiment-name" label="Name" error={errors.fields.name} required autoComplete="off" value={values.name} onChange={(e) => set({ name: e.target.value })} />
              </div>
              <SelectField id="experiment-type" label="Type" hint={EXPERIMENT_TYPE_DESCRIPTIONS[values.type]} error={errors.fields.type} value={values.type} onChange={(e) => set({ type: e.target.value as ExperimentType })}>
                {EXPERIMENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {EXPERIMENT_TYPE_LABELS[type]}
                  </option>
                ))}
              </SelectField>
              {values.type === "security_auth" ? (
                <Alert tone="danger" title="Never allowed">
                  Security and authentication changes are never allowed as experiments (PHASE-42). Ship them through the normal security review instead.
                </Alert>
              ) : null}
              <div className="grid gap-6 sm:grid-cols-2">
                <div>
                  <SelectField id="experiment-flag" label="Flag" hint="The one variable the experiment changes." error={errors.fields.flagKey} required value={values.flagKey} onChange={(e) => set({ flagKey: e.target.value })}>
                    <option value="">Choose a flag</option>
                    {options.data.flags.map((flag) => (
                      <option key={flag.key} value={flag.key}>
                        {flag.key} — {flag.name}
                      </option>
                    ))}
                  </SelectField>
                  <p className="mt-1 text-sm">
                    <Link href="/flags/new" className="text-brand-700 underline">
                      Create a flag
                    </Link>{" "}
                    first if it does not exist yet.
                  </p>
                </div>
                <SelectField id="experiment-environment" label="Environment" hint="Where it launches." error={errors.fields.environmentKey} value={values.environmentKey} onChange={(e) => set({ environmentKey: e.target.value })}>
                  {options.data.environments.map((env) => (
                    <option key={env.key} value={env.key}>
                      {env.name}
                    </option>
                  ))}
                </SelectField>
              </div>
              <TextField id="experiment-team" label="Owning team" hint="Its experimenters (and admins) act on the experiment. Defaults to your team." error={errors.fields.team} autoComplete="off" placeholder={options.data.myTeam || undefined} list="experiment-teams" value={values.team} onChange={(e) => set({ team: e.target.value })} />
              <datalist id="experiment-teams">
                {options.data.teams.map((team) => (
                  <option key={team} value={team} />
                ))}
              </datalist>
              <Button type="submit" disabled={create.isPending}>
                Create draft
              </Button>
            </form>
          </CardBody>
        </Card>
      )}
    </>
  );
}
