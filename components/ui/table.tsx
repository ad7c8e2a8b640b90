import type * as React from "react";
import { cn } from "./cn";

export interface TableProps extends React.TableHTMLAttributes<HTMLTableElement> {
  /** Describes the table for screen readers (rendered as a visually hidden caption). */
  caption?: string;
}

/**
 * Table in a horizontally scrollable container. When a caption is given the
 * container becomes a focusable, labelled region so keyboard users can scroll it.
 */
export function Table({ caption, className, children, ...props }: TableProps) {
  return (
    <div
      className="w-full overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
      {...(caption ? { role: "region", "aria-label": caption, tabIndex: 0 } : {})}
    >
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function THead({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("border-b border-slate-200 bg-slate-50", className)} {...props} />;
}

export function TBody({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("divide-y divide-slate-200", className)} {...props} />;
}

export function Tr({ className, ...props }: React.HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("align-top", className)} {...props} />;
}

export function Th({ scope = "col", className, ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope={scope}
      className={cn("px-4 py-3 text-xs font-semibold tracking-wide text-slate-700 uppercase", className)}
      {...props}
    />
  );
}

export function Td({ className, ...props }: React.TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-4 py-3 text-slate-900", className)} {...props} />;
}
