"use client";

import { cn } from "./cn";

export interface SwitchProps {
  checked: boolean;
  onCheckedChange: (value: boolean) => void;
  /** Accessible name (used as aria-label). */
  label: string;
  disabled?: boolean;
  id?: string;
  className?: string;
}

/** On/off toggle exposed to assistive technology as role="switch". */
export function Switch({ checked, onCheckedChange, label, disabled, id, className }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      id={id}
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      onClick={() => onCheckedChange(!checked)}
      className={cn(
        "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border-2 border-transparent transition-colors disabled:cursor-not-allowed disabled:opacity-60",
        checked ? "bg-brand-600" : "bg-slate-500",
        className,
      )}
    >
      <span
        aria-hidden="true"
        className={cn(
          "inline-block size-5 rounded-full bg-white shadow-sm transition-transform",
          checked ? "translate-x-5" : "translate-x-0",
        )}
      />
    </button>
  );
}
