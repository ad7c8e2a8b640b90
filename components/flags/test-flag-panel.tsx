"use client";
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formErrorsOf } from "@/components/trpc/form-errors";
import { Alert, Button, Card, CardBody, CardHeader, SelectField, SpinnerIcon, TextField, TextareaField } from "@/components/ui";
import type { FlagRecord } from "@/server/db/flags";

/**
 * "Test this flag": a context in, the evaluator's answer out — value, variation, reason and the
 * rule that matched — computed on the server by the same code that answers services.
 */
export function TestFlagPanel({ flag }: { flag: FlagRecord }) {
  const trpc = useTRPC();
  const [environmentKey, setEnvironmentKey] = useState(flag.environments.find((e) => !e.isProduction)?.environmentKey ?? flag.environments[0]?.environmentKey ?? "");
  const [targetingKey, setTargetingKey] = useState("");
  const [attributes, setAttributes] = useState('{\n  "plan": "pro"\n}');
  const [attributesError, setAttributesError] = useState<string | undefined>();
  const test = useMutation(trpc.flags.test.mutationOptions());
  const errors = formErrorsOf(test.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    let parsed: unknown = {};
    if (attributes.trim() !== "") {
      try {
        parsed = JSON.parse(attributes);
      } catch {
        setAttributesError('Attributes must be a JSON object, for example {"plan": "pro", "country": "DE"}.');
        return;
      }
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      setAttributesError('Attributes must be a JSON object, for example {"plan": "pro", "country": "DE"}.');
      return;
    }
    setAttributesError(undefined);
    test.mutate({ flagKey: flag.key, environmentKey, context: { ...(parsed as Record<string, unknown>), targetingKey } });
  }

  const answer = test.data;
  return (
    <Card>
      <CardHeader title="Test this flag" description="See what a user gets: the same evaluator that answers services, on the configuration published now." />
      <CardBody>
        <form onSubmit={onSubmit} noValidate aria-label="Test this flag" className="grid gap-4 md:grid-cols-2">
          <div className="space-y-4">
            <SelectField id="test-environment" label="Environment to test" value={environmentKey} onChange={(e) => setEnvironmentKey(e.target.value)}>
              {flag.environments.map((e) => (
                <option key={e.environmentKey} value={e.environmentKey}>
                  {e.environmentName}
                </option>
              ))}
            </SelectField>
            <TextField
              id="test-targeting-key"
              label="Targeting key"
              hint="The unit that is randomised, usually the user id."
              value={targetingKey}
              onChange={(e) => setTargetingKey(e.target.value)}
              error={errors.fields["context.targetingKey"]}
            />
          </div>
          <TextareaField
            id="test-attributes"
            label="Attributes (JSON)"
            rows={5}
            className="font-mono text-sm"
            value={attributes}
            onChange={(e) => setAttributes(e.target.value)}
            error={attributesError ?? errors.fields.context}
          />
          <div className="md:col-span-2">
            <Button type="submit" variant="secondary" aria-busy={test.isPending || undefined}>
              {test.isPending ? <SpinnerIcon /> : null}
              Evaluate
            </Button>
          </div>
        </form>
        {test.error && !errors.fields["context.targetingKey"] && !errors.fields.context ? (
          <Alert tone="danger" title="Could not evaluate" className="mt-4">
            {errors.message}
          </Alert>
        ) : null}
        {answer ? (
          <div role="status" aria-label="Evaluation result" className="mt-4 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt className="font-medium text-slate-700">Value</dt>
              <dd className="font-mono break-all">{JSON.stringify(answer.result.value)}</dd>
              <dt className="font-medium text-slate-700">Variation</dt>
              <dd>{answer.result.variant}</dd>
              <dt className="font-medium text-slate-700">Reason</dt>
              <dd>{answer.result.reason}</dd>
              <dt className="font-medium text-slate-700">Matched</dt>
              <dd>{answer.rule ? `Rule ${answer.rule.position} (${answer.rule.id})` : answer.result.reason === "TARGETING_MATCH" ? "an individual target" : "no rule"}</dd>
              <dt className="font-medium text-slate-700">In experiment</dt>
              <dd>{answer.result.metadata.inExperiment ? `yes (${answer.result.metadata.experimentKey})` : "no"}</dd>
              <dt className="font-medium text-slate-700">Snapshot revision</dt>
              <dd>{answer.revision}</dd>
            </dl>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
