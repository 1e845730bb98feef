"use client";

// This month's forecast: the grid editor and the CSV import. Both submit through thin server actions; a refusal
// lists each problem in the error summary, the grid keeps what was typed and the import form its chosen file.
import { useActionState, useState } from "react";
import { importForecastAction, submitForecastAction, type ForecastResult } from "@/app/(portal)/orders/actions";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { FormMessage } from "@/components/ui/form";
import { submitKeepingFiles } from "@/components/ui/use-form-action";
import { plural } from "@/lib/format";
import { MAX_UPLOAD_BYTES, uploadTooLarge } from "@/lib/validation";
import { HAN_VARIANTS, REGIONS } from "@/lib/orders/catalog";
import { CELL_PREFIX, cellKey } from "./fields";
import { ForecastTable } from "./forecast-table";

function Problems({ state }: { state: ForecastResult | null }) {
  // The per-cell problems are the list; the headline counts them.
  return <ErrorSummary result={state && !state.ok ? { ...state, fieldErrors: undefined } : state} problems={state?.problems} />;
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
  const empty = (key: string) => (values[key] ?? "").trim() === "";
  const unfilled = months.flatMap((m, i) => REGIONS.flatMap((r) => (i < variantMonths ? HAN_VARIANTS.map((v) => cellKey(m, r, v)) : [cellKey(m, r, "")]))).filter(empty).length;
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
              value={values[key] ?? ""}
              onChange={(e) => setValues((current) => ({ ...current, [key]: e.target.value }))}
              aria-describedby={empty(key) ? "unfilled-cells" : undefined}
              data-unfilled={empty(key) || undefined}
              className={`w-20 rounded border px-1.5 py-0.5 text-right text-sm tabular-nums focus:border-brand-600 ${empty(key) ? "border-amber-600 bg-amber-50" : "border-slate-300"}`}
            />
          )}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit">{pending ? "Submitting…" : `Submit the ${submissionMonth} forecast`}</Button>
          <Button type="button" variant="secondary" onClick={() => setValues({})}>
            Clear the grid
          </Button>
          <span id="unfilled-cells" className={`text-sm ${unfilled ? "font-medium text-amber-900" : "text-slate-600"}`} data-testid="unfilled-cells" aria-live="polite">
            {unfilled ? `${plural(unfilled, "cell")} to fill (highlighted): enter 0 where you forecast none.` : "Every cell is filled."}
          </span>
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
    <form onSubmit={submitKeepingFiles(action)} className="space-y-2" aria-label="Import a forecast CSV">
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
