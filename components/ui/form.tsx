import type { ComponentProps } from "react";

const INPUT = "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-600";

export function Field({ label, name, error, hint, children }: { label: string; name: string; error?: string; hint?: string; children?: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p className="text-sm text-red-700" id={`${name}-error`} data-testid={`${name}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Input({ name, error, className, ...props }: ComponentProps<"input"> & { name: string; error?: string }) {
  return (
    <input
      id={name}
      name={name}
      aria-invalid={!!error}
      aria-describedby={error ? `${name}-error` : undefined}
      className={className ? `${INPUT} ${className}` : INPUT}
      {...props}
    />
  );
}

export function Select({ name, children, ...props }: ComponentProps<"select"> & { name: string }) {
  return (
    <select id={name} name={name} className={INPUT} {...props}>
      {children}
    </select>
  );
}

/** A row of filters submitted as GET, so the filtered list is a shareable URL. */
/** `problems`: filters of the URL that were ignored (lib/lists.ts parseListFilters), shown above the fields. */
export function FilterBar({ action, problems = [], children }: { action: string; problems?: string[]; children: React.ReactNode }) {
  return (
    <form action={action} method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      {problems.length > 0 && (
        <ul data-testid="filter-problems" className="w-full rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {children}
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Apply
      </button>
      <a href={action} className="py-1.5 text-sm text-slate-600 underline">
        Clear
      </a>
    </form>
  );
}

export function FormMessage({ result }: { result: { ok: boolean; message?: string } | null }) {
  if (!result?.message) return null;
  return (
    <p
      role="status"
      data-testid="form-message"
      className={`rounded-md px-3 py-2 text-sm ${result.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}
    >
      {result.message}
    </p>
  );
}

/** A filter's select: "Any" first, then the labelled options (value -> label). */
export function OptionsSelect({ name, value, options, anyLabel = "Any" }: { name: string; value?: string; options: Record<string, string>; anyLabel?: string }) {
  return (
    <Select name={name} defaultValue={value ?? ""}>
      <option value="">{anyLabel}</option>
      {Object.entries(options).map(([code, label]) => (
        <option key={code} value={code}>
          {label}
        </option>
      ))}
    </Select>
  );
}
