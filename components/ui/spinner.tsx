import type * as React from "react";
import { cn } from "./cn";

/** Decorative spinning ring; always hidden from assistive technology. */
export function SpinnerIcon({ className }: { className?: string }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      fill="none"
      className={cn("size-4 shrink-0 animate-spin", className)}
    >
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeWidth="3" className="opacity-25" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

export interface SpinnerProps {
  /** Text announced to screen readers. */
  label?: string;
  className?: string;
}

/** Inline loading indicator with a screen-reader-only label. */
export function Spinner({ label = "Loading…", className }: SpinnerProps) {
  return (
    <span role="status" className={cn("inline-flex items-center text-brand-600", className)}>
      <SpinnerIcon />
      <span className="sr-only">{label}</span>
    </span>
  );
}

export interface LoadingBlockProps {
  label?: string;
  className?: string;
}

/** Padded loading placeholder for a whole page section. */
export function LoadingBlock({ label = "Loading…", className }: LoadingBlockProps): React.ReactElement {
  return (
    <div
      role="status"
      className={cn(
        "flex items-center justify-center gap-3 rounded-lg border border-slate-200 bg-white px-6 py-12 text-sm text-slate-600 shadow-sm",
        className,
      )}
    >
      <SpinnerIcon className="size-5 text-brand-600" />
      <span>{label}</span>
    </div>
  );
}
