"use client";
import { useId, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Badge, Button, TextField } from "@/components/ui";
import type { EnvironmentView } from "@/server/services/environments/list-environments";

function pausedMessage(paused: string[], environmentName: string): string {
  if (paused.length === 0) return `No experiment was running in ${environmentName}.`;
  return `Paused ${paused.length} ${paused.length === 1 ? "experiment" : "experiments"}: ${paused.join(", ")}.`;
}

/**
 * The incident switch (admins): pauses every running experiment of the environment at once —
 * their flags serve the off variation — after asking for the reason. Each experiment resumes
 * from its own page.
 */
export function PauseExperimentsSwitch({ environment }: { environment: EnvironmentView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const formId = useId();
  const countId = useId();
  const pause = useMutation(
    trpc.environments.pauseAllExperiments.mutationOptions({
      onSuccess: async ({ paused }) => {
        setDone(pausedMessage(paused, environment.name));
        setOpen(false);
        setReason("");
        await Promise.all([
          queryClient.invalidateQueries(trpc.environments.pathFilter()),
          queryClient.invalidateQueries(trpc.experiments.pathFilter()),
          queryClient.invalidateQueries(trpc.flags.pathFilter()),
          queryClient.invalidateQueries(trpc.auditLog.pathFilter()),
          queryClient.invalidateQueries(trpc.notifications.pathFilter()),
        ]);
      },
    }),
  );
  const errors = formErrorsOf(pause.error);
  const running = environment.runningExperiments;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    pause.mutate({ environmentKey: environment.key, reason }, { onSuccess: () => toggle.current?.focus() });
  }

  function cancel() {
    setOpen(false);
    pause.reset();
    toggle.current?.focus();
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          ref={toggle}
          variant="secondary"
          aria-expanded={open}
          aria-controls={open ? formId : undefined}
          aria-describedby={countId}
          onClick={() => {
            setOpen((o) => !o);
            setDone(null);
          }}
        >
          Pause all experiments
        </Button>
        <Badge id={countId} tone={running > 0 ? "warning" : "neutral"}>
          {running} running
        </Badge>
        <span className="text-xs text-slate-600">Incident switch: their flags serve the off variation at once; each experiment resumes from its page.</span>
      </div>
      {open ? (
        <form id={formId} aria-label={`Pause all experiments in ${environment.name}`} onSubmit={onSubmit} noValidate className="max-w-xl space-y-3 rounded-lg border border-red-200 bg-red-50 p-4">
          {errors.message && !errors.fields.reason ? <Alert tone="danger">{errors.message}</Alert> : null}
          <TextField
            id={`${formId}-reason`}
            label="Reason"
            hint={`Recorded in the audit log and sent to the owners of the ${running} running ${running === 1 ? "experiment" : "experiments"} in ${environment.name}.`}
            error={errors.fields.reason}
            required
            autoComplete="off"
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" loading={pause.isPending}>
              Pause all experiments now
            </Button>
            <Button variant="ghost" onClick={cancel}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      <p role="status" className="text-sm font-medium text-slate-900">
        {done ?? ""}
      </p>
    </div>
  );
}
