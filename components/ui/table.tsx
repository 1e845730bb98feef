import Link from "next/link";
import type { Page } from "@/lib/lists";

export interface Column<T> {
  header: string;
  cell: (row: T) => React.ReactNode;
  className?: string;
}

/** A server-rendered data table over one page of a list. */
export function DataTable<T>({ page, columns, rowKey, caption }: { page: Page<T>; columns: Column<T>[]; rowKey: (row: T) => string; caption: string }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={`px-3 py-2 font-semibold ${c.className ?? ""}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.data.map((row) => (
            <tr key={rowKey(row)} className="hover:bg-slate-50">
              {columns.map((c) => (
                <td key={c.header} className={`px-3 py-2 align-top ${c.className ?? ""}`}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "1-25 of 130" plus previous/next links that keep the current filters. */
export function Pagination({ page, basePath, params }: { page: Page<unknown>; basePath: string; params: Record<string, string | undefined> }) {
  const href = (n: number) => {
    const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1] && e[0] !== "page"));
    if (n > 1) search.set("page", String(n));
    const qs = search.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  const first = page.count === 0 ? 0 : (page.page - 1) * page.perPage + 1;
  const last = Math.min(page.count, page.page * page.perPage);
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-slate-600">
      <span data-testid="result-count">
        {first}–{last} of {page.count}
      </span>
      <span className="flex gap-3">
        {page.page > 1 ? <Link href={href(page.page - 1)}>← Previous</Link> : null}
        <span>
          Page {page.page} of {page.totalPages}
        </span>
        {page.page < page.totalPages ? <Link href={href(page.page + 1)}>Next →</Link> : null}
      </span>
    </nav>
  );
}
