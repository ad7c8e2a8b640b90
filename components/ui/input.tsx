import type * as React from "react";
import { cn } from "./cn";

const control =
  "block w-full rounded-lg border bg-white px-3 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500";

function stateClasses(invalid: boolean | undefined): string {
  return invalid
    ? "border-red-600 focus-visible:outline-red-600"
    : "border-slate-500 hover:border-slate-600 focus:border-brand-600";
}

export interface InputProps extends React.InputHTMLAttributes<HTMLInputElement> {
  ref?: React.Ref<HTMLInputElement>;
  /** Marks the control as invalid (sets aria-invalid and a red border). */
  invalid?: boolean;
}

export function Input({ invalid, className, ref, ...props }: InputProps) {
  return (
    <input
      ref={ref}
      aria-invalid={invalid || undefined}
      className={cn(control, "h-10", stateClasses(invalid), className)}
      {...props}
    />
  );
}

export interface TextareaProps extends React.TextareaHTMLAttributes<HTMLTextAreaElement> {
  ref?: React.Ref<HTMLTextAreaElement>;
  invalid?: boolean;
}

export function Textarea({ invalid, className, rows = 4, ref, ...props }: TextareaProps) {
  return (
    <textarea
      ref={ref}
      rows={rows}
      aria-invalid={invalid || undefined}
      className={cn(control, "py-2", stateClasses(invalid), className)}
      {...props}
    />
  );
}

export interface SelectProps extends React.SelectHTMLAttributes<HTMLSelectElement> {
  ref?: React.Ref<HTMLSelectElement>;
  invalid?: boolean;
}

/** Native select; pass <option> elements as children. */
export function Select({ invalid, className, children, ref, ...props }: SelectProps) {
  return (
    <select
      ref={ref}
      aria-invalid={invalid || undefined}
      className={cn(control, "h-10 pr-8", stateClasses(invalid), className)}
      {...props}
    >
      {children}
    </select>
  );
}
