import type * as React from "react";
import { Card, CardBody, CardHeader, TBody, THead, Table, Td, Th, Tr } from "@/components/ui";
import type { FlagRecord } from "@/server/db/flags";
import { ExpiryDate } from "./expiry-badge";
import { VALUE_TYPE_LABELS, formatDate } from "./format";

/** What the flag is: type, owner, expiry, off variation and its variations. */
export function FlagSummaryCard({ flag }: { flag: FlagRecord }) {
  const offVariation = flag.variations.find((v) => v.key === flag.offVariationKey);
  return (
    <Card>
      <CardHeader title="Summary" description={`Created ${formatDate(flag.createdAt)}`} />
      <CardBody className="space-y-6">
        <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-4">
          <Item term="Value type">{VALUE_TYPE_LABELS[flag.valueType]}</Item>
          <Item term="Owner">
            <span className="block">{flag.owner.name}</span>
            <span className="block text-xs text-slate-600">{flag.owner.email}</span>
          </Item>
          <Item term="Expires">
            <ExpiryDate expiresAt={flag.expiresAt} />
          </Item>
          <Item term="Off variation">
            <code className="font-mono text-sm">{flag.offVariationKey}</code>
            {offVariation && offVariation.name !== flag.offVariationKey ? (
              <span className="text-slate-600">{` (${offVariation.name})`}</span>
            ) : null}
          </Item>
        </dl>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Variations</h3>
          <Table caption="Variations">
            <THead>
              <Tr>
                <Th>Key</Th>
                <Th>Name</Th>
                <Th>Value</Th>
              </Tr>
            </THead>
            <TBody>
              {flag.variations.map((variation) => (
                <Tr key={variation.key}>
                  <Td>
                    <code className="font-mono text-xs text-slate-800">{variation.key}</code>
                  </Td>
                  <Td>{variation.name}</Td>
                  <Td>
                    <code className="font-mono text-xs break-all text-slate-800">{variation.value}</code>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      </CardBody>
    </Card>
  );
}

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{term}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}
