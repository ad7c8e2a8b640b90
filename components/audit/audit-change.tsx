import { summarizeChange, type ChangeLine } from "./audit-diff";

const MAX_LINES = 6;

function Line({ line }: { line: ChangeLine }) {
  const label = line.path ? <span className="text-slate-600">{line.path}: </span> : null;
  switch (line.kind) {
    case "changed":
      return (
        <li className="break-words">
          {label}
          <span className="text-slate-600 line-through decoration-slate-400">{line.before}</span>
          <span aria-hidden="true" className="px-1 text-slate-500">
            →
          </span>
          <span className="sr-only"> changed to </span>
          <span className="font-medium text-slate-900">{line.after}</span>
        </li>
      );
    case "set":
      return (
        <li className="break-words">
          {label}
          <span className="text-slate-900">{line.value}</span>
        </li>
      );
    case "removed":
      return (
        <li className="break-words">
          {label}
          <span className="text-slate-600 line-through decoration-slate-400">{line.value}</span>
        </li>
      );
  }
}

function RecordBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div>
      <p className="mb-1 text-xs font-semibold text-slate-700">{title}</p>
      <pre
        tabIndex={0}
        className="max-h-64 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset"
      >
        {value === null || value === undefined ? "none" : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** Before → after of one audit entry: only what differs, plus the full record on demand. */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const summary = summarizeChange(before, after);
  const shown = summary.lines.slice(0, MAX_LINES);
  const hidden = summary.lines.length - shown.length;
  return (
    <div className="min-w-72 space-y-2 text-sm">
      {summary.kind !== "updated" ? (
        <p className="text-xs font-medium tracking-wide text-slate-600 uppercase">
          {summary.kind === "created" ? "Created with" : "Removed"}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <ul className="space-y-0.5 font-mono text-xs [overflow-wrap:anywhere]">
          {shown.map((line) => (
            <Line key={line.path || "value"} line={line} />
          ))}
        </ul>
      ) : (
        <p className="text-slate-600">No field changed.</p>
      )}
      {hidden > 0 ? (
        <p className="text-xs text-slate-600">
          and {hidden} more {hidden === 1 ? "change" : "changes"} in the full record
        </p>
      ) : null}
      <details>
        <summary className="cursor-pointer text-xs font-medium text-brand-700 hover:text-brand-800">Full record</summary>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          <RecordBlock title="Before" value={before} />
          <RecordBlock title="After" value={after} />
        </div>
      </details>
    </div>
  );
}
