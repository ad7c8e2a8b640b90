"use client";
import { Button, Select } from "@/components/ui";
import { FLAG_LIST_PAGE_SIZES, totalPages, type FlagListPageSize } from "@/server/core/flags/flag-list-query";

type Props = {
  page: number;
  pageSize: FlagListPageSize;
  total: number;
  onPage: (page: number) => void;
  onPageSize: (pageSize: FlagListPageSize) => void;
};

/** "Page 2 of 14", Previous / Next, and how many flags a page shows. */
export function FlagListPagination({ page, pageSize, total, onPage, onPageSize }: Props) {
  const pages = totalPages(total, pageSize);
  return (
    <nav aria-label="Pages of flags" className="mt-4 flex flex-wrap items-center justify-between gap-4 text-sm text-slate-700">
      <div className="flex items-center gap-2">
        <label htmlFor="flag-page-size" className="whitespace-nowrap">
          Flags per page
        </label>
        <Select
          id="flag-page-size"
          className="w-20"
          value={pageSize}
          onChange={(e) => onPageSize(Number(e.target.value) as FlagListPageSize)}
        >
          {FLAG_LIST_PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex items-center gap-3">
        <p aria-live="polite" className="whitespace-nowrap">
          Page {Math.min(page, pages)} of {pages}
        </p>
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPage(Math.min(page, pages) - 1)}>
          Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
