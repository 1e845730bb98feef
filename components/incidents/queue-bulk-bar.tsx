"use client";

// The Service Desk's bulk bar: assign, set a status or add a note to the selected incidents. Each goes through the
// single-incident operation (lib/incidents/bulk-update-incidents.ts), at most 100 at a time, and reports what was
// updated, skipped and failed, each with its reason. The bar shows (and sticks to the top while the list scrolls) only
// while something is selected; the result of the last change stays after the selection is cleared.
import Link from "next/link";
import { useActionState } from "react";
import { bulkUpdateAction } from "@/app/(portal)/incidents/actions";
import type { BulkResult } from "@/lib/incidents/bulk-update-incidents";
import type { ActionResult } from "@/lib/errors";

const CONTROL = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm shadow-sm focus:border-brand-600";
const SUBMIT = "rounded-md bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-slate-400";

export interface BulkOptions {
  groups: readonly string[];
  agents: { id: string; name: string }[];
  meId: string;
  /** Statuses that may be set in bulk (never Resolved: each needs its own note). */
  statuses: { value: string; label: string }[];
}

export interface BulkSelection {
  refs: string[];
  /** Every incident matching the list's filters, not only the ticked rows. */
  allMatching: boolean;
  /** The list's filters (for allMatching). */
  query: string;
  /** How many incidents the selection holds. */
  size: number;
}

function SelectionInputs({ selection }: { selection: BulkSelection }) {
  if (selection.allMatching) {
    return (
      <>
        <input type="hidden" name="scope" value="all" />
        <input type="hidden" name="query" value={selection.query} />
      </>
    );
  }
  return selection.refs.map((ref) => <input key={ref} type="hidden" name="refs" value={ref} />);
}

export function BulkBar({ options, selection, onDone }: { options: BulkOptions; selection: BulkSelection; onDone: () => void }) {
  const [state, action, pending] = useActionState(async (previous: ActionResult<BulkResult> | null, form: FormData) => {
    const result = await bulkUpdateAction(previous, form);
    if (result.ok) onDone();
    return result;
  }, null);
  return (
    <>
      {selection.size > 0 ? (
        <section aria-label="Bulk actions" className="sticky top-0 z-20 mb-3 space-y-2 rounded-lg border border-brand-200 bg-brand-50 p-3 shadow-md" data-testid="bulk-bar">
          <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
            <div className="self-center">
              <p className="text-sm font-semibold" data-testid="selected-count" aria-live="polite">
                {`${selection.size} selected${selection.allMatching ? " (every incident matching these filters)" : ""}`}
              </p>
              <button type="button" className="text-xs text-slate-700 underline hover:text-slate-900" onClick={onDone}>
                Clear the selection
              </button>
            </div>
            <form action={action} className="flex flex-wrap items-end gap-2" aria-label="Assign the selected incidents">
              <input type="hidden" name="kind" value="assign" />
              <SelectionInputs selection={selection} />
              <label className="text-xs font-medium text-slate-600">
                Resolver group
                <select id="bulk-assign-group" name="resolverGroup" className={`${CONTROL} mt-0.5 block`} defaultValue="">
                  <option value="">Keep as is</option>
                  {options.groups.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-xs font-medium text-slate-600">
                Agent
                <select name="assigneeId" className={`${CONTROL} mt-0.5 block`} defaultValue="">
                  <option value="">Keep as is</option>
                  <option value={options.meId}>Me</option>
                  {options.agents
                    .filter((a) => a.id !== options.meId)
                    .map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                </select>
              </label>
              <button type="submit" className={SUBMIT} disabled={pending}>
                Assign
              </button>
            </form>
            <form action={action} className="flex flex-wrap items-end gap-2" aria-label="Set the status of the selected incidents">
              <input type="hidden" name="kind" value="status" />
              <SelectionInputs selection={selection} />
              <label className="text-xs font-medium text-slate-600">
                Status
                <select name="status" id="bulk-status" className={`${CONTROL} mt-0.5 block`} required defaultValue="">
                  <option value="" disabled>
                    Choose…
                  </option>
                  {options.statuses.map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-xs font-medium text-slate-600">
                Note <span className="font-normal text-slate-500">(closing: why it is not an Incident)</span>
                <input name="note" className={`${CONTROL} mt-0.5 block w-56`} maxLength={4000} autoComplete="off" />
              </label>
              <button type="submit" className={SUBMIT} disabled={pending}>
                Set status
              </button>
            </form>
            <form action={action} className="flex flex-wrap items-end gap-2" aria-label="Add a note to the selected incidents">
              <input type="hidden" name="kind" value="note" />
              <SelectionInputs selection={selection} />
              <label className="text-xs font-medium text-slate-600">
                Note for the timeline
                <input id="bulk-note" name="text" className={`${CONTROL} mt-0.5 block w-56`} required maxLength={4000} autoComplete="off" />
              </label>
              <button type="submit" className={SUBMIT} disabled={pending}>
                Add note
              </button>
            </form>
          </div>
          {pending ? (
            <p className="text-sm text-slate-600" role="status">
              Working on the {selection.size} selected…
            </p>
          ) : null}
        </section>
      ) : null}
      <BulkResultPanel state={state} />
    </>
  );
}

function BulkResultPanel({ state }: { state: ActionResult<BulkResult> | null }) {
  if (!state) return null;
  if (!state.ok) {
    return (
      <p role="alert" data-testid="bulk-error" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        {state.message}
      </p>
    );
  }
  const result = state.data!;
  const link = (ref: string) => (
    <Link href={`/incidents/${ref}`} className="font-mono text-xs font-medium text-brand-700 hover:underline">
      {ref}
    </Link>
  );
  return (
    <div role="status" data-testid="bulk-result" className="mb-3 space-y-2 rounded-md border border-slate-200 bg-white p-3 text-sm">
      <p className="font-medium">{state.message}</p>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <div data-testid="bulk-updated">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-green-800">Updated ({result.updated.length})</h3>
          {result.updated.length ? (
            <ul className="mt-1 flex flex-wrap gap-x-2 gap-y-1">
              {result.updated.map((ref) => (
                <li key={ref}>{link(ref)}</li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-500">None.</p>
          )}
        </div>
        {(
          [
            ["Skipped", "bulk-skipped", "text-slate-700", result.skipped],
            ["Failed", "bulk-failed", "text-red-800", result.failed],
          ] as const
        ).map(([title, testId, tone, items]) => (
          <div key={title} data-testid={testId}>
            <h3 className={`text-xs font-semibold uppercase tracking-wide ${tone}`}>
              {title} ({items.length})
            </h3>
            {items.length ? (
              <ul className="mt-1 space-y-1">
                {items.map((item) => (
                  <li key={item.ref}>
                    {link(item.ref)} <span className="text-slate-700">— {item.reason}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-slate-500">None.</p>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
