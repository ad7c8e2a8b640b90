import type { AuditEntryView } from "@/server/db/audit-log";
import { AUDIT_ENTITY_LABELS, AUDIT_ENTITY_TYPES, type AuditEntityType } from "@/server/core/audit/audit-query";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui";
import { AuditChange } from "./audit-change";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function entityLabel(type: string): string {
  return (AUDIT_ENTITY_TYPES as readonly string[]).includes(type) ? AUDIT_ENTITY_LABELS[type as AuditEntityType] : type;
}

export function AuditTable({ entries, busy }: { entries: AuditEntryView[]; busy: boolean }) {
  return (
    <Table caption="Audit log entries" aria-busy={busy || undefined}>
      <THead>
        <Tr>
          <Th>When</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Entity</Th>
          <Th>Change</Th>
        </Tr>
      </THead>
      <TBody>
        {entries.map((entry) => (
          <Tr key={entry.id}>
            <Td className="w-28 text-slate-700">
              <time dateTime={entry.at.toISOString()} title={entry.at.toISOString()}>
                {dateTime.format(entry.at)}
              </time>
            </Td>
            <Td className="max-w-44 [overflow-wrap:anywhere]">{entry.actorLabel}</Td>
            <Td>
              <code className="font-mono text-xs [overflow-wrap:anywhere] text-slate-800">{entry.action}</code>
            </Td>
            <Td>
              <span className="block text-xs text-slate-600">{entityLabel(entry.entityType)}</span>
              <span className="font-mono text-xs [overflow-wrap:anywhere] text-slate-900">{entry.entityKey}</span>
            </Td>
            <Td>
              <AuditChange before={entry.before} after={entry.after} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
