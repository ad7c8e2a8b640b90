import type { FieldChange } from "@/server/core/experiments/reviewed-document";

/** "Label: before → after" lines, e.g. what changed since the last approved version. */
export function FieldChanges({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return <p className="text-sm text-slate-600">No changes.</p>;
  return (
    <ul className="space-y-1 text-sm">
      {changes.map((c) => (
        <li key={c.field} className="break-words">
          <span className="text-slate-600">{c.label}: </span>
          <span className="text-slate-600 line-through decoration-slate-400">{c.before}</span>
          <span aria-hidden="true" className="px-1 text-slate-500">
            →
          </span>
          <span className="sr-only"> changed to </span>
          <span className="font-medium text-slate-900">{c.after}</span>
        </li>
      ))}
    </ul>
  );
}
