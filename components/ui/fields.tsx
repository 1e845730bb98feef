// Labelled form controls whose element id is given apart from the field name: the incident, return and RMA pages hold
// several forms whose fields share names (ref, reason, note...). components/ui/form.tsx derives the id from the name.
import type { ComponentProps } from "react";

const CONTROL = "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-600";

export type FieldErrors = Record<string, string>;

export const errorsOf = (state: { ok: boolean; fieldErrors?: Record<string, string> } | null): FieldErrors => (state && !state.ok ? (state.fieldErrors ?? {}) : {});

const describedBy = (id: string, error?: string, hint?: React.ReactNode) => [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

export function FieldRow({ id, name, label, error, hint, children }: { id: string; name: string; label: string; error?: string; hint?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="text-sm text-red-700" id={`${id}-error`} data-testid={`${name}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Common = { id: string; name: string; label: string; error?: string; hint?: React.ReactNode };

export function TextField({ id, name, label, error, hint, className, ...props }: Common & Omit<ComponentProps<"input">, "id" | "name">) {
  return (
    <FieldRow id={id} name={name} label={label} error={error} hint={hint}>
      <input
        id={id}
        name={name}
        aria-invalid={!!error}
        aria-describedby={describedBy(id, error, hint)}
        className={className ? `${CONTROL} ${className}` : CONTROL}
        {...props}
      />
    </FieldRow>
  );
}

export function TextAreaField({ id, name, label, error, hint, rows = 3, className, ...props }: Common & Omit<ComponentProps<"textarea">, "id" | "name">) {
  return (
    <FieldRow id={id} name={name} label={label} error={error} hint={hint}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        aria-invalid={!!error}
        aria-describedby={describedBy(id, error, hint)}
        className={className ? `${CONTROL} ${className}` : CONTROL}
        {...props}
      />
    </FieldRow>
  );
}

export function SelectField({ id, name, label, error, hint, children, ...props }: Common & Omit<ComponentProps<"select">, "id" | "name">) {
  return (
    <FieldRow id={id} name={name} label={label} error={error} hint={hint}>
      <select id={id} name={name} aria-invalid={!!error} aria-describedby={describedBy(id, error, hint)} className={CONTROL} {...props}>
        {children}
      </select>
    </FieldRow>
  );
}

export function CheckboxField({ id, name, label, hint, ...props }: Omit<Common, "error"> & Omit<ComponentProps<"input">, "id" | "name" | "type">) {
  return (
    <div className="flex items-start gap-2">
      <input id={id} name={name} type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300" aria-describedby={hint ? `${id}-hint` : undefined} {...props} />
      <div>
        <label htmlFor={id} className="text-sm">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
