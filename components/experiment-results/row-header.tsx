import type * as React from "react";

/** A table's row header (the variation): not uppercased like the column headers. */
export function RowHeader({ children }: { children: React.ReactNode }) {
  return (
    <th scope="row" className="px-4 py-3 text-left text-sm font-medium whitespace-nowrap text-slate-900">
      {children}
    </th>
  );
}
