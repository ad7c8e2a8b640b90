import { AuditChange } from "@/components/audit/audit-change";
import type { AuditEntryView } from "@/server/db/audit-log";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The experiment's audit entries (and its approvals'), newest first: when, who, what and the change. */
export function HistorySection({ history }: { history: AuditEntryView[] }) {
  return (
    <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="history-heading" className="font-semibold text-slate-900">
        History
      </h2>
      {history.length === 0 ? <p className="mt-1 text-sm text-slate-600">No changes recorded yet.</p> : null}
      <ol className="mt-2 space-y-3 text-sm">
        {history.map((entry) => (
          <li key={entry.id}>
            <p>
              <time dateTime={entry.at.toISOString()} title={entry.at.toISOString()} className="text-slate-600">
                {dateTime.format(entry.at)}
              </time>{" "}
              · <span className="font-medium">{entry.actorLabel}</span> · <code className="text-xs">{entry.action}</code>
            </p>
            <AuditChange before={entry.before} after={entry.after} />
          </li>
        ))}
      </ol>
    </section>
  );
}
