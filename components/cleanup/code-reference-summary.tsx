import Link from "next/link";
import { formatDate } from "@/components/flags/format";
import type { CleanupReferences } from "@/server/services/cleanup/cleanup-overview";

/** "2 references · scanned Dec 5, 2026" with the first file:line places, or "Never scanned". */
export function CodeReferenceSummary({ flagKey, references }: { flagKey: string; references: CleanupReferences }) {
  if (!references.scanned) return <span className="text-slate-600">Never scanned</span>;
  const { count, lastScannedAt, locations } = references;
  return (
    <div className="space-y-1">
      <p>
        <Link href={`/flags/${flagKey}#code-references`} className="font-medium text-brand-700 hover:underline">
          {count === 0 ? "No references" : `${count} reference${count === 1 ? "" : "s"}`}
        </Link>
        {lastScannedAt ? <span className="text-slate-600"> · scanned {formatDate(lastScannedAt)}</span> : null}
      </p>
      {locations.length > 0 ? (
        <ul className="font-mono text-xs text-slate-700">
          {locations.map((l) => (
            <li key={`${l.repository}:${l.path}:${l.line}`}>
              {l.repository}/{l.path}:{l.line}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
