import type { ReviewedField } from "@/server/core/experiments/reviewed-document";

/** One part of the experiment's document (hypothesis, design, sensitivity) as a definition list. */
export function DocumentFields({ title, fields }: { title: string; fields: ReviewedField[] }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold text-slate-900">{title}</h2>
      <dl className="mt-2 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[14rem_minmax(0,1fr)]">
        {fields.map((f) => (
          <div key={f.field} className="contents">
            <dt className="text-slate-600">{f.label}</dt>
            <dd className="whitespace-pre-wrap break-words text-slate-900">{f.value || "—"}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
