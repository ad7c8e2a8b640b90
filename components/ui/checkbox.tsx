import type * as React from "react";
import { cn } from "./cn";

export interface CheckboxProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, "type"> {
  ref?: React.Ref<HTMLInputElement>;
  label: React.ReactNode;
}

/** Native checkbox wrapped in its label (implicit association, no id needed). */
export function Checkbox({ label, className, disabled, ref, ...props }: CheckboxProps) {
  return (
    <label
      className={cn(
        "inline-flex items-start gap-2 text-sm",
        disabled ? "cursor-not-allowed text-slate-500" : "cursor-pointer text-slate-900",
        className,
      )}
    >
      <input
        ref={ref}
        type="checkbox"
        disabled={disabled}
        className="mt-0.5 size-4 shrink-0 accent-brand-600 disabled:cursor-not-allowed"
        {...props}
      />
      <span>{label}</span>
    </label>
  );
}
