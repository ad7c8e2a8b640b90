import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui";
import { RowHeader } from "@/components/experiment-results/row-header";
import type { GuardrailsView } from "@/server/services/guardrails/guardrails-view";
import { StatusBadge } from "./status-badge";

/** The test id of a rule's status cell: guardrail-status-<kind>[-<metricKey>]. */
export function statusTestId(kind: string, metricKey: string | null): string {
  return `guardrail-status-${kind}${metricKey ? `-${metricKey}` : ""}`;
}

/** Every rule with what it does and, while the experiment runs, its verdict now. */
export function RulesTable({ view }: { view: GuardrailsView }) {
  const verdicts = view.verdicts;
  return (
    <Table caption="Guardrail rules">
      <THead>
        <Tr>
          <Th>Rule</Th>
          <Th>What it does</Th>
          {verdicts ? (
            <>
              <Th>Status</Th>
              <Th>Latest check</Th>
            </>
          ) : null}
        </Tr>
      </THead>
      <TBody>
        {view.rules.map(({ rule, label, description }, i) => {
          const metricKey = rule.kind === "security_signal" ? null : rule.metricKey;
          // the verdicts come from the same rules, in the same order
          const verdict = verdicts?.[i];
          return (
            <Tr key={`${rule.kind}-${metricKey ?? ""}-${i}`}>
              <RowHeader>
                {label}
                {metricKey ? <span className="block text-xs font-normal text-slate-600">on {metricKey}</span> : null}
              </RowHeader>
              <Td className="text-slate-700">{description}</Td>
              {verdicts ? (
                <>
                  <Td data-testid={statusTestId(rule.kind, metricKey)}>{verdict ? <StatusBadge status={verdict.status} /> : <span className="text-slate-500">—</span>}</Td>
                  <Td className="text-slate-700">
                    {verdict ? (
                      <>
                        {verdict.summary}
                        {verdict.variation && verdict.status === "breached" ? <span className="block text-xs text-slate-600">Variation: {verdict.variation}</span> : null}
                      </>
                    ) : (
                      "—"
                    )}
                  </Td>
                </>
              ) : null}
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
