// Small labelled inputs for the consignment forms. An order page holds several consignments, each with its own forms,
// so every input takes an id unique on the page (components/ui/form's Field uses the field name as the id).
import type { ComponentProps } from "react";

export const INPUT = "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-600";

/** "CON0000001" + "note" -> "CON0000001-note": ids unique on the page, stable between renders. */
export const fieldId = (scope: string, name: string) => `${scope}-${name}`.replace(/[^A-Za-z0-9_-]/g, "_");

export function LabelledInput({ id, label, error, hint, className = "", ...props }: ComponentProps<"input"> & { id: string; label: React.ReactNode; error?: string; hint?: React.ReactNode }) {
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input id={id} aria-invalid={!!error} aria-describedby={described} className={INPUT} {...props} />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="text-sm text-red-700" id={`${id}-error`} data-testid="field-error">
      {error}
    </p>
  ) : null;
}

/** A refused form's field errors and echoed values, or nothing. */
export function refusal(state: { ok: boolean; fieldErrors?: Record<string, string>; values?: Record<string, string> } | null) {
  return state && !state.ok ? { errors: state.fieldErrors ?? {}, values: state.values ?? {} } : { errors: {} as Record<string, string>, values: {} as Record<string, string> };
}
