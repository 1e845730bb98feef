"use client";

// The incident list as an interactive table, one line per incident so that a screenful shows many: row selection with
// the bulk bar (Service Desk only, shown once something is selected), and keyboard shortcuts with a "?" help list.
// Badges and the live SLA countdown are rendered on the server and passed in as cells.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { BulkBar, type BulkOptions } from "./queue-bulk-bar";
import { ShortcutHelp, useQueueShortcuts } from "./queue-shortcuts";

export interface QueueRow {
  ref: string;
  summary: string;
  isMajor: boolean;
  party: string;
  assignee: string | null;
  group: string | null;
  pendingWith: string | null;
  created: string;
  /** Server-rendered badges and the row's one SLA indicator. */
  category: React.ReactNode;
  status: React.ReactNode;
  sla: React.ReactNode;
}

export interface QueueTableProps {
  rows: QueueRow[];
  caption: string;
  /** Every incident matching the filters (all pages). */
  count: number;
  /** The filters, for "select all matching". */
  query: string;
  /** Service Desk: rows can be selected and changed in bulk. */
  bulk?: BulkOptions & { limit: number };
}

export function QueueTable({ rows, caption, count, query, bulk }: QueueTableProps) {
  const router = useRouter();
  const selectable = !!bulk;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [cursor, setCursor] = useState(-1);
  const rowEls = useRef<(HTMLTableRowElement | null)[]>([]);
  const help = useRef<HTMLDialogElement | null>(null);

  // Rows that left the list (filters changed, or a bulk change moved them out) drop out of the selection.
  const onPage = rows.filter((r) => selected.has(r.ref));
  const allOnPage = rows.length > 0 && onPage.length === rows.length;
  const someOnPage = onPage.length > 0 && !allOnPage;

  const toggle = (ref: string) => {
    setAllMatching(false);
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(ref)) next.delete(ref);
      else next.add(ref);
      return next;
    });
  };
  const toggleAll = () => {
    setAllMatching(false);
    setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.ref)));
  };
  const clear = () => {
    setAllMatching(false);
    setSelected(new Set());
  };

  const moveTo = (index: number) => {
    setCursor(index);
    const el = rowEls.current[index];
    el?.focus();
    el?.scrollIntoView({ block: "nearest" });
  };

  useQueueShortcuts({
    rowCount: rows.length,
    selectable,
    cursor: cursor < rows.length ? cursor : -1,
    moveTo,
    open: (index) => router.push(`/incidents/${rows[index].ref}`),
    toggle: (index) => toggle(rows[index].ref),
    openHelp: () => help.current?.showModal(),
    isHelpOpen: () => !!help.current?.open,
  });

  const selection = { refs: onPage.map((r) => r.ref), allMatching, query, size: allMatching ? count : onPage.length };

  return (
    <div>
      {bulk ? <BulkBar options={bulk} selection={selection} onDone={clear} /> : null}
      {bulk && allOnPage && count > rows.length ? (
        <p className="mb-2 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900" data-testid="select-all-matching">
          {allMatching ? (
            <>
              All {count} incidents matching these filters are selected
              {count > bulk.limit ? ` (bulk changes take at most ${bulk.limit} at a time)` : ""}.{" "}
              <button type="button" className="font-medium underline" onClick={clear}>
                Clear the selection
              </button>
            </>
          ) : (
            <>
              All {rows.length} incidents on this page are selected.{" "}
              <button type="button" className="font-medium underline" onClick={() => setAllMatching(true)}>
                Select all {count} incidents matching these filters
              </button>
            </>
          )}
        </p>
      ) : null}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm" data-testid="incident-table">
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              {selectable ? (
                <th scope="col" className="w-8 px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select every incident on this page"
                    data-testid="select-page"
                    checked={allOnPage}
                    ref={(el) => {
                      if (el) el.indeterminate = someOnPage;
                    }}
                    onChange={toggleAll}
                  />
                </th>
              ) : null}
              {["Incident", "Category", "Status", "Summary", "Raised by", "Assigned to", "SLA", "Logged"].map((h) => (
                <th key={h} scope="col" className="whitespace-nowrap px-3 py-2 font-semibold">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row, index) => {
              const focused = index === cursor;
              const isSelected = selected.has(row.ref);
              const assigned = [row.assignee, row.group].filter(Boolean).join(" · ");
              return (
                <tr
                  key={row.ref}
                  ref={(el) => {
                    rowEls.current[index] = el;
                  }}
                  tabIndex={-1}
                  data-queue-row=""
                  data-testid="incident-row"
                  data-ref={row.ref}
                  data-focused={focused ? "true" : undefined}
                  aria-selected={selectable ? isSelected : undefined}
                  onClick={() => setCursor(index)}
                  className={`whitespace-nowrap outline-none ${isSelected ? "bg-brand-50" : "hover:bg-slate-50"} ${focused ? "ring-2 ring-inset ring-brand-600" : ""}`}
                >
                  {selectable ? (
                    <td className="px-3 py-1.5">
                      <input type="checkbox" aria-label={`Select ${row.ref}`} checked={isSelected} onChange={() => toggle(row.ref)} />
                    </td>
                  ) : null}
                  <td className="px-3 py-1.5">
                    <Link href={`/incidents/${row.ref}`} className="font-mono text-xs font-medium text-brand-700 hover:underline">
                      {row.ref}
                    </Link>
                    {row.isMajor ? <span className="ml-1 rounded bg-red-600 px-1 text-[10px] font-semibold uppercase text-white">Major</span> : null}
                  </td>
                  <td className="px-3 py-1.5">{row.category}</td>
                  <td className="px-3 py-1.5" title={row.pendingWith ? `Pending with ${row.pendingWith}` : undefined}>
                    {row.status}
                    {row.pendingWith ? <span className="sr-only"> with {row.pendingWith}</span> : null}
                  </td>
                  {/* max-w-0 with w-full: the summary takes the room the other columns leave, on one line. */}
                  <td className="w-full max-w-0 px-3 py-1.5">
                    <span className="block truncate" title={row.summary}>
                      {row.summary}
                    </span>
                  </td>
                  <td className="max-w-36 truncate px-3 py-1.5" title={row.party}>
                    {row.party}
                  </td>
                  <td className="max-w-40 truncate px-3 py-1.5" title={assigned || undefined}>
                    {assigned || <span className="text-slate-500">Unassigned</span>}
                  </td>
                  <td className="px-3 py-1.5">{row.sla}</td>
                  <td className="px-3 py-1.5 text-xs text-slate-600">{row.created}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-500">
        <button type="button" className="underline hover:text-slate-700" onClick={() => help.current?.showModal()} data-testid="shortcut-help-button">
          Keyboard shortcuts
        </button>{" "}
        — press <kbd className="font-mono">?</kbd> for the list.
      </p>
      <ShortcutHelp dialogRef={help} selectable={selectable} />
    </div>
  );
}
