"use client";

// This month's forecast: the grid editor and the CSV import. Both submit through thin server actions; a refusal
// lists each problem and the grid keeps what was typed.
import { useActionState, useState } from "react";
import { importForecastAction, submitForecastAction, type ForecastResult } from "@/app/(portal)/orders/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form";
import { MAX_UPLOAD_BYTES, uploadTooLarge } from "@/lib/validation";
import { CELL_PREFIX } from "./fields";
import { ForecastTable } from "./forecast-table";

function Problems({ state }: { state: ForecastResult | null }) {
  if (!state || state.ok) return null;
  return (
    <div className="space-y-2">
      <FormMessage result={state} />
      {state.problems?.length ? (
        <ul className="list-disc space-y-0.5 pl-6 text-sm text-red-800" data-testid="forecast-problems">
          {state.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function ForecastEditor({
  months,
  variantMonths,
  initial,
  submissionMonth,
}: {
  months: string[];
  variantMonths: number;
  initial: Record<string, number>;
  /** The month the forecast counts for, as shown ("December 2026"). */
  submissionMonth: string;
}) {
  const [state, action, pending] = useActionState<ForecastResult | null, FormData>(submitForecastAction, null);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(initial).map(([k, v]) => [k, String(v)])));
  const value = (key: string) => {
    const n = Number(values[key] ?? "");
    return Number.isFinite(n) ? n : 0;
  };
  return (
    <form action={action} className="space-y-3" aria-label="Forecast grid">
      <Problems state={state} />
      <fieldset disabled={pending} className="min-w-0 space-y-3">
        <legend className="sr-only">Forecast quantities</legend>
        <ForecastTable
          months={months}
          variantMonths={variantMonths}
          value={value}
          caption={`${submissionMonth} forecast: CHs per month, Region and HAN Variant`}
          cell={(key, label) => (
            <input
              type="number"
              name={`${CELL_PREFIX}${key}`}
              aria-label={label}
              min={0}
              step={1}
              inputMode="numeric"
              placeholder="0"
              value={values[key] ?? ""}
              onChange={(e) => setValues((current) => ({ ...current, [key]: e.target.value }))}
              className="w-20 rounded border border-slate-300 px-1.5 py-0.5 text-right text-sm tabular-nums focus:border-brand-600"
            />
          )}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit">{pending ? "Submitting…" : `Submit the ${submissionMonth} forecast`}</Button>
          <Button type="button" variant="secondary" onClick={() => setValues({})}>
            Clear the grid
          </Button>
          <span className="text-xs text-slate-500">Empty cells count as 0.</span>
        </div>
      </fieldset>
    </form>
  );
}

export function ForecastImportForm() {
  const [state, action, pending] = useActionState<ForecastResult | null, FormData>(importForecastAction, null);
  // Checked before sending: a file over the server's body limit would never reach the action.
  const [tooLarge, setTooLarge] = useState(false);
  return (
    <form action={action} className="space-y-2" aria-label="Import a forecast CSV">
      <Problems state={state} />
      {tooLarge ? <FormMessage result={{ ok: false, message: uploadTooLarge() }} /> : null}
      <fieldset disabled={pending} className="flex flex-wrap items-end gap-3">
        <legend className="sr-only">Import CSV</legend>
        <div className="space-y-1">
          <label htmlFor="forecast-file" className="block text-sm font-medium">
            Forecast file (CSV)
          </label>
          <input
            id="forecast-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            className="block text-sm"
            onChange={(e) => setTooLarge((e.currentTarget.files?.[0]?.size ?? 0) > MAX_UPLOAD_BYTES)}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={tooLarge}>
          {pending ? "Importing…" : "Import CSV and submit"}
        </Button>
      </fieldset>
      <p className="text-xs text-slate-500">
        Columns: <code>month,region,han_variant,quantity</code>; <code>han_variant</code> is empty for a Region&apos;s total (months 11-24). Every cell of
        the forecast exactly once, as in the template.
      </p>
    </form>
  );
}
