"use client";
import type { ScanOfFlag } from "@/server/db/code-references";

const scanTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Where the latest uploaded scan of each repository found the flag (`keel scan --upload`). */
export function CodeReferencesSection({ scans }: { scans: ScanOfFlag[] | undefined }) {
  const lookedFor = scans?.filter((s) => s.lookedFor) ?? [];
  return (
    <section id="code-references" aria-label="Code references" className="scroll-mt-6 space-y-3">
      <div>
        <h2 className="text-lg font-semibold text-slate-900">Code references</h2>
        <p className="mt-1 text-sm text-slate-600">
          Where the code still uses this flag, from the latest scan each repository uploaded (<code>npm run keel -- scan &lt;dir&gt; --upload</code>).
        </p>
      </div>
      {scans === undefined ? (
        <p className="text-sm text-slate-600">Loading code references…</p>
      ) : lookedFor.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
          <span className="font-medium">Never scanned</span>
          {scans.length > 0 ? ` (the latest scans of ${scans.map((s) => s.repository).join(", ")} did not look for this flag's key)` : ""}.
        </p>
      ) : (
        <ul className="space-y-3">
          {lookedFor.map((scan) => (
            <li key={scan.repository} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
              <h3 className="text-sm font-semibold text-slate-900">{scan.repository}</h3>
              <p className="text-xs text-slate-600">
                Last scanned {scanTime.format(scan.scannedAt)} UTC ({scan.repository})
              </p>
              <RepositoryReferences scan={scan} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RepositoryReferences({ scan }: { scan: ScanOfFlag }) {
  if (scan.referenceCount === 0) return <p className="mt-2 text-sm text-slate-700">No references in the last scan of {scan.repository}.</p>;
  return (
    <>
      <ul aria-label={`References in ${scan.repository}`} className="mt-2 space-y-1 text-sm">
        {scan.references.map((reference) => (
          <li key={`${reference.path}:${reference.line}:${reference.column}`} className="min-w-0">
            <code className="font-medium text-slate-900">
              {reference.path}:{reference.line}
            </code>{" "}
            <code className="break-all text-slate-600">{reference.text}</code>
          </li>
        ))}
      </ul>
      {scan.referenceCount > scan.references.length ? (
        <p className="mt-1 text-xs text-slate-600">and {scan.referenceCount - scan.references.length} more in this repository</p>
      ) : null}
    </>
  );
}
