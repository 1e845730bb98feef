"use client";

// The GOV.UK error summary: a refused form answers with one box at its top, "There is a problem", listing every
// error the server found, each a link that moves focus to its field. The box takes focus when it appears, so a
// keyboard or screen-reader user lands on it after submitting.
import { useEffect, useRef } from "react";

export interface ErrorSummaryProps {
  /** The action's answer: nothing shows unless it is a refusal. */
  result: { ok: boolean; message?: string; fieldErrors?: Record<string, string> } | null;
  /** The element id of a field error's field (the field name by default); null for an error of no one field. */
  fieldId?: (key: string) => string | null;
  /** Further errors of no one field (a forecast's per-cell problems). */
  problems?: string[];
}

export function ErrorSummary({ result, fieldId = (key) => key, problems = [] }: ErrorSummaryProps) {
  const box = useRef<HTMLDivElement>(null);
  const refused = !!result && !result.ok;
  useEffect(() => {
    if (refused) box.current?.focus();
  }, [refused, result]);
  if (!refused) return null;

  const items = Object.entries(result.fieldErrors ?? {}).map(([key, message]) => ({ key, message, id: key === "_form" ? null : fieldId(key) }));
  for (const problem of problems) items.push({ key: `problem:${problem}`, message: problem, id: null });
  // The action's headline stays when it says something the list does not (a conflict, a summary count).
  const headline = result.message && !items.some((i) => i.message === result.message) && !result.message.startsWith("Please correct") ? result.message : null;

  const focusField = (event: React.MouseEvent<HTMLAnchorElement>, id: string) => {
    const field = document.getElementById(id);
    if (!field) return;
    event.preventDefault();
    // GOV.UK's pattern: the field's label (or legend) is scrolled into view with the field, then the field focused.
    (field.closest("div, fieldset, td") ?? field).scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  };

  return (
    <div ref={box} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="rounded-md border-4 border-red-700 bg-white p-4 outline-none focus:ring-4 focus:ring-amber-400" data-testid="error-summary">
      <h2 id="error-summary-title" className="text-lg font-semibold text-slate-900">
        There is a problem
      </h2>
      {headline ? <p className="mt-1 text-sm text-slate-800">{headline}</p> : null}
      {items.length ? (
        <ul className="mt-2 list-none space-y-1 text-sm font-medium" data-testid="error-summary-list">
          {items.map((item) =>
            item.id ? (
              <li key={item.key}>
                <a href={`#${item.id}`} onClick={(e) => focusField(e, item.id!)} className="text-red-700 underline">
                  {item.message}
                </a>
              </li>
            ) : (
              <li key={item.key} className="text-red-700">
                {item.message}
              </li>
            ),
          )}
        </ul>
      ) : null}
    </div>
  );
}
