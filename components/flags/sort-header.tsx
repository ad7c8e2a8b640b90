"use client";
import type * as React from "react";
import { Th } from "@/components/ui";
import type { FlagListSort, SortDirection } from "@/server/core/flags/flag-list-query";

type SortState = { sort: FlagListSort; direction: SortDirection };

function ariaSort(state: SortState, columns: readonly FlagListSort[]): React.AriaAttributes["aria-sort"] {
  if (!columns.includes(state.sort)) return undefined;
  return state.direction === "asc" ? "ascending" : "descending";
}

/** A column header whose buttons sort the list; the header carries aria-sort when it is the sorted column. */
export function SortableTh({
  state,
  columns,
  onSort,
  children,
}: {
  state: SortState;
  /** every sort the header's buttons offer (the Flag column sorts by name or by key) */
  columns: readonly FlagListSort[];
  onSort: (sort: FlagListSort) => void;
  children: (button: (sort: FlagListSort, label: string) => React.ReactNode) => React.ReactNode;
}) {
  const button = (sort: FlagListSort, label: string) => {
    const active = state.sort === sort;
    return (
      <button
        type="button"
        onClick={() => onSort(sort)}
        className="inline-flex items-center gap-1 rounded font-semibold tracking-wide uppercase hover:text-slate-950 hover:underline"
      >
        {label}
        <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-400"}>
          {active ? (state.direction === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    );
  };
  return <Th aria-sort={ariaSort(state, columns)}>{children(button)}</Th>;
}
