import Link from "next/link";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui";
import { ExpiryDate } from "@/components/flags/expiry-badge";
import { formatDate } from "@/components/flags/format";
import type { CleanupFlagItem } from "@/server/services/cleanup/cleanup-overview";
import { CleanupActionButton } from "./cleanup-action";
import { CodeReferenceSummary } from "./code-reference-summary";

/** One list of flags (expired, expiring soon, unused) with owner, age, activity and references. */
export function CleanupFlagTable({ caption, flags }: { caption: string; flags: CleanupFlagItem[] }) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Flag</Th>
          <Th>Owner</Th>
          <Th>Age</Th>
          <Th>Expiry</Th>
          <Th>Last evaluated</Th>
          <Th>Code references</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {flags.map((flag) => (
          <Tr key={flag.key} aria-label={flag.key}>
            <Td>
              <Link href={`/flags/${flag.key}`} className="font-medium text-brand-700 hover:underline">
                {flag.name}
              </Link>
              <p className="font-mono text-xs text-slate-600">{flag.key}</p>
            </Td>
            <Td>{flag.owner.name}</Td>
            <Td className="whitespace-nowrap">
              {flag.ageDays} day{flag.ageDays === 1 ? "" : "s"}
            </Td>
            <Td>
              <ExpiryDate expiresAt={flag.expiresAt} />
            </Td>
            <Td className="whitespace-nowrap">{flag.lastEvaluatedAt ? formatDate(flag.lastEvaluatedAt) : <span className="text-slate-600">Never</span>}</Td>
            <Td>
              <CodeReferenceSummary flagKey={flag.key} references={flag.references} />
            </Td>
            <Td className="space-x-2 whitespace-nowrap">
              {flag.actions.map((action, i) => (
                <CleanupActionButton key={i} action={action} secondary={i > 0} />
              ))}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
