"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { useCan } from "@/components/layout/current-user";
import { Alert, Button, Card, CardBody, CardHeader, LoadingBlock, PageHeader, TextField, useToast } from "@/components/ui";
import type { WorkspaceSettingsValues } from "@/server/core/settings/workspace-settings";

/** Admins set the maximum experiment duration, the pricing ramp threshold, the cleanup schedule and the notification webhook; others read them. */
export function WorkflowSettings() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.workspaceSettings.get.queryOptions());
  const canManage = useCan("settings:manage");
  return (
    <>
      <PageHeader title="Experiment policy and notifications" description="How long experiments may run, when cleanup is due and who is reminded, and where Keel posts approval requests and decisions." />
      {!canManage ? <Alert tone="info">Only admins can change these settings.</Alert> : null}
      {settings.isPending ? <LoadingBlock label="Loading settings…" /> : settings.isError ? <Alert tone="danger">{settings.error.message}</Alert> : <Form key={JSON.stringify(settings.data)} initial={settings.data} canManage={canManage} />}
    </>
  );
}

function Form({ initial, canManage }: { initial: WorkspaceSettingsValues; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [days, setDays] = useState(String(initial.maxExperimentDays));
  const [webhookUrl, setWebhookUrl] = useState(initial.webhookUrl);
  const [rampThreshold, setRampThreshold] = useState(String(initial.pricingRampApprovalPercent));
  const [cleanupDueDays, setCleanupDueDays] = useState(String(initial.cleanupTaskDueDays));
  const [reminderDays, setReminderDays] = useState(String(initial.cleanupReminderDays));
  const [escalateAfter, setEscalateAfter] = useState(String(initial.cleanupEscalateAfter));
  const save = useMutation(
    trpc.workspaceSettings.update.mutationOptions({
      onSuccess: async () => {
        toast.notify("Settings saved.");
        await queryClient.invalidateQueries(trpc.workspaceSettings.pathFilter());
      },
    }),
  );
  const test = useMutation(trpc.workspaceSettings.sendTestWebhook.mutationOptions());
  const errors = formErrorsOf(save.error);
  const unsaved = webhookUrl.trim() !== initial.webhookUrl;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));
    save.mutate({
      maxExperimentDays: number(days),
      pricingRampApprovalPercent: number(rampThreshold),
      cleanupTaskDueDays: number(cleanupDueDays),
      cleanupReminderDays: number(reminderDays),
      cleanupEscalateAfter: number(escalateAfter),
      webhookUrl,
    });
  };
  return (
    <form aria-label="Experiment policy and notifications" onSubmit={onSubmit} noValidate className="max-w-2xl space-y-6">
      {errors.message ? <Alert tone="danger">{errors.message}</Alert> : null}
      <Card>
        <CardHeader title="Experiment policy" description="PHASE-42 prohibits long-running experiments: no planned duration may exceed this." />
        <CardBody>
          <TextField id="max-experiment-days" label="Maximum experiment duration (days)" type="number" min={1} max={365} disabled={!canManage} error={errors.fields.maxExperimentDays} value={days} onChange={(e) => setDays(e.target.value)} />
        </CardBody>
        <CardBody>
          <TextField
            id="pricing-ramp-threshold"
            label="Pricing ramp approval above (%)"
            hint="A running pricing experiment needs a fresh pricing approval to ramp beyond this exposure (100 = no extra approval)."
            type="number"
            min={5}
            max={100}
            step="any"
            disabled={!canManage}
            error={errors.fields.pricingRampApprovalPercent}
            value={rampThreshold}
            onChange={(e) => setRampThreshold(e.target.value)}
          />
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Flag cleanup"
          description="A decision (ship, kill or iterate) leaves a cleanup task for the experiment's owner. A flag whose task is overdue, or that is past its expiry, is overdue for cleanup: Keel reminds its owner, then admins as well."
        />
        <CardBody className="space-y-4">
          <TextField
            id="cleanup-task-due-days"
            label="Cleanup due after a decision (days)"
            hint="A decision's cleanup task is due this many days after the decision (1–90)."
            type="number"
            min={1}
            max={90}
            disabled={!canManage}
            error={errors.fields.cleanupTaskDueDays}
            value={cleanupDueDays}
            onChange={(e) => setCleanupDueDays(e.target.value)}
          />
          <TextField
            id="cleanup-reminder-days"
            label="Reminder interval (days)"
            hint="The first reminder goes out when a flag becomes overdue, then one every this many days until it is archived or its expiry extended (1–30)."
            type="number"
            min={1}
            max={30}
            disabled={!canManage}
            error={errors.fields.cleanupReminderDays}
            value={reminderDays}
            onChange={(e) => setReminderDays(e.target.value)}
          />
          <TextField
            id="cleanup-escalate-after"
            label="Escalate to admins after (reminders)"
            hint="After the owner has had this many reminders about one flag, the next ones go to every admin as well (1–10)."
            type="number"
            min={1}
            max={10}
            disabled={!canManage}
            error={errors.fields.cleanupEscalateAfter}
            value={escalateAfter}
            onChange={(e) => setEscalateAfter(e.target.value)}
          />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Notifications" description="Approval requests and decisions go to each person's inbox and, when set, to this Slack-compatible incoming webhook (delivered with retries and backoff; given up after 8 failed attempts)." />
        <CardBody className="space-y-3">
          <TextField id="webhook-url" label="Webhook URL" hint="e.g. https://hooks.slack.com/services/…; leave empty for none." disabled={!canManage} error={errors.fields.webhookUrl} value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} />
          {canManage ? (
            <div className="space-y-2">
              <Button type="button" variant="secondary" disabled={test.isPending || !initial.webhookUrl || unsaved} aria-describedby="test-webhook-hint" onClick={() => test.mutate()}>
                Send test message
              </Button>
              <p id="test-webhook-hint" className="text-xs text-slate-600">
                {!initial.webhookUrl ? "Save a webhook URL to send a test message." : unsaved ? "Save the new URL first: the test goes to the saved one." : "Posts one message to the saved URL now and shows its answer."}
              </p>
              {test.isSuccess ? <Alert tone="success">Test message delivered (HTTP {test.data.status}).</Alert> : null}
              {test.isError ? <Alert tone="danger" title="Test message not delivered">{test.error.message}</Alert> : null}
            </div>
          ) : null}
        </CardBody>
      </Card>
      {canManage ? (
        <Button type="submit" disabled={save.isPending}>
          Save settings
        </Button>
      ) : null}
    </form>
  );
}
