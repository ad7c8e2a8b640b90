import { cn } from "./cn";

export interface NotBuiltYetProps {
  section: string;
  /** What this section will do once it exists. */
  description: string;
  className?: string;
}

/** Honest placeholder for a section that does not exist yet (no fake data). */
export function NotBuiltYet({ section, description, className }: NotBuiltYetProps) {
  return (
    <div
      className={cn(
        "rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center shadow-sm",
        className,
      )}
    >
      <span className="inline-flex items-center rounded-md bg-accent-50 px-2 py-0.5 text-xs font-medium text-accent-800 ring-1 ring-accent-600/30 ring-inset">
        Coming later
      </span>
      <h2 className="mt-3 text-base font-semibold text-slate-900">{section} is not built yet</h2>
      <p className="mx-auto mt-2 max-w-lg text-sm text-slate-600">{description}</p>
    </div>
  );
}
