"use client";

// A CH order (F5.8): one Region, up to two Delivery Locations with a preferred date each, quantities per CH variant
// of the Region (whole cartons, D7 numbers shown) and auxiliary equipment, and the order's contacts. The lib checks
// every rule; a refusal comes back with its message, the fields it concerns and what was typed.
import Link from "next/link";
import { useActionState, useState } from "react";
import { submitOrderAction, type FormResult } from "@/app/(portal)/orders/actions";
import type { CspRegion } from "@/generated/prisma/enums";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, Input, Select } from "@/components/ui/form";
import { formatCount, formatMonth } from "@/lib/format";
import { AUXILIARY_ITEMS, CH_VARIANTS, HAN_VARIANT_LABELS, MAX_LOCATIONS_PER_ORDER, MESH_SHARE_LIMIT, REGIONS, REGION_LABELS } from "@/lib/orders/catalog";
import type { OrderTolerances } from "@/lib/orders/orders";
import { slotField } from "./fields";

export interface LocationOption {
  id: string;
  name: string;
  town: string;
  postcode: string;
}

const SLOTS = Array.from({ length: MAX_LOCATIONS_PER_ORDER }, (_, i) => i);

/** CHs per delivery, per HAN Variant and Mesh CHs in the order, from the form as it stands (a guide; the lib decides). */
function tally(values: Record<string, string>, region: string) {
  const variants = CH_VARIANTS.filter((v) => v.region === region);
  const quantity = (slot: number, code: string) => {
    const n = Number(values[slotField.quantity(slot, code)] ?? "");
    return Number.isFinite(n) && n > 0 ? n : 0;
  };
  const perSlot = SLOTS.map((slot) => variants.reduce((sum, v) => sum + quantity(slot, v.code), 0));
  const mesh = SLOTS.reduce((sum, slot) => sum + variants.filter((v) => v.mesh).reduce((s, v) => s + quantity(slot, v.code), 0), 0);
  const byHanVariant = (hanVariant: string) => SLOTS.reduce((sum, slot) => sum + variants.filter((v) => v.hanVariant === hanVariant).reduce((s, v) => s + quantity(slot, v.code), 0), 0);
  return { perSlot, total: perSlot.reduce((a, b) => a + b, 0), mesh, byHanVariant };
}

const formValues = (form: HTMLFormElement) => Object.fromEntries([...new FormData(form).entries()].filter((e): e is [string, string] => typeof e[1] === "string"));

export function OrderForm({
  locations,
  deliveryMonth,
  dateMin,
  dateMax,
  defaultEmail,
  formKey,
  tolerances,
}: {
  locations: LocationOption[];
  deliveryMonth: string;
  dateMin: string;
  dateMax: string;
  defaultEmail: string;
  /** New for each rendering of the page: submitting this form twice places one order (lib/idempotency.ts). */
  formKey: string;
  /** Per Region, each HAN Variant's tolerance for the Delivery Month, shown live against the quantities typed. */
  tolerances: OrderTolerances;
}) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(submitOrderAction, null);
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  // A refused form comes back with what was sent; remounting the fields restores it (React resets a submitted form).
  return (
    <form key={JSON.stringify(values)} action={action} className="space-y-5" aria-label="New CH order">
      <ErrorSummary result={state} fieldId={(key) => (key === "lines" ? null : key)} />
      <input type="hidden" name="formKey" value={formKey} />
      <OrderFields
        message={state && !state.ok ? state.message : undefined}
        values={values}
        errors={state && !state.ok ? (state.fieldErrors ?? {}) : {}}
        locations={locations}
        deliveryMonth={deliveryMonth}
        dateMin={dateMin}
        dateMax={dateMax}
        defaultEmail={defaultEmail}
        tolerances={tolerances}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Submitting…" : "Submit order"}
      </Button>
    </form>
  );
}

function OrderFields({
  message,
  values,
  errors,
  locations,
  deliveryMonth,
  dateMin,
  dateMax,
  defaultEmail,
  tolerances,
}: {
  /** The refusal shown above the form: a rule on the lines with the same text is not repeated. */
  message?: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  locations: LocationOption[];
  deliveryMonth: string;
  dateMin: string;
  dateMax: string;
  defaultEmail: string;
  tolerances: OrderTolerances;
}) {
  const [region, setRegion] = useState<CspRegion | "">((values.region as CspRegion) ?? "");
  const [current, setCurrent] = useState(values);
  const variants = CH_VARIANTS.filter((v) => v.region === region);
  const counts = tally(current, region);
  const meshShare = counts.total ? counts.mesh / counts.total : 0;
  return (
    <div className="space-y-5" onChange={(e) => setCurrent(formValues((e.target as HTMLInputElement).form!))}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Region" name="region" error={errors.region} hint="One Region per order, at most one order per Region per month.">
          <Select
            name="region"
            required
            defaultValue={values.region ?? ""}
            onChange={(e) => setRegion(e.target.value as CspRegion | "")}
            aria-invalid={!!errors.region}
            aria-describedby={errors.region ? "region-error" : undefined}
          >
            <option value="">Choose the Region…</option>
            {REGIONS.map((r) => (
              <option key={r} value={r}>
                {REGION_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      {errors.lines && errors.lines !== message ? (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="lines-error">
          {errors.lines}
        </p>
      ) : null}

      {SLOTS.map((slot) => (
        <fieldset key={slot} className="space-y-3 rounded-lg border border-slate-200 p-4" data-testid={`delivery-${slot + 1}`}>
          <legend className="px-1 text-sm font-semibold">
            Delivery {slot + 1}
            {slot > 0 ? " (optional: a second Delivery Location)" : ""}
          </legend>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Delivery Location" name={slotField.location(slot)} error={errors[slotField.location(slot)]}>
              <Select
                name={slotField.location(slot)}
                defaultValue={values[slotField.location(slot)] ?? ""}
                aria-invalid={!!errors[slotField.location(slot)]}
                aria-describedby={errors[slotField.location(slot)] ? `${slotField.location(slot)}-error` : undefined}
              >
                <option value="">{slot === 0 ? "Choose a Delivery Location…" : "None"}</option>
                {locations.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name} — {l.town}, {l.postcode}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Preferred delivery date" name={slotField.date(slot)} error={errors[slotField.date(slot)]} hint={`A Working Day in the Delivery Month ${formatMonth(deliveryMonth)}; one delivery a week per location.`}>
              <Input type="date" name={slotField.date(slot)} min={dateMin} max={dateMax} defaultValue={values[slotField.date(slot)]} error={errors[slotField.date(slot)]} />
            </Field>
          </div>

          {region ? (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Quantities for delivery {slot + 1}</caption>
                <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-semibold">
                      Item
                    </th>
                    <th scope="col" className="px-3 py-1 text-right font-semibold">
                      Carton
                    </th>
                    <th scope="col" className="px-3 py-1 text-right font-semibold">
                      Pallet
                    </th>
                    <th scope="col" className="px-3 py-1 text-right font-semibold">
                      Minimum per delivery
                    </th>
                    <th scope="col" className="py-1 pl-3 font-semibold">
                      Quantity
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {variants.map((v) => {
                    const name = slotField.quantity(slot, v.code);
                    return (
                      <tr key={v.code} data-testid={`item-${v.code}`}>
                        <th scope="row" className="py-1.5 pr-3 font-normal">
                          <span className="font-medium">{v.name}</span> <span className="font-mono text-xs text-slate-500">{v.code}</span>
                          <span className="block text-xs text-slate-500">
                            {HAN_VARIANT_LABELS[v.hanVariant]}
                            {v.mesh ? " · Mesh" : ""}
                          </span>
                        </th>
                        <td className="px-3 py-1.5 text-right tabular-nums">{v.cartonQuantity}</td>
                        <td className="px-3 py-1.5 text-right tabular-nums">{v.palletQuantity}</td>
                        <td className="px-3 py-1.5 text-right tabular-nums">{v.minimumDelivery}</td>
                        <td className="py-1.5 pl-3">
                          <QuantityInput name={name} step={v.cartonQuantity} label={`Delivery ${slot + 1}: ${v.name}`} value={values[name]} error={errors[name]} />
                        </td>
                      </tr>
                    );
                  })}
                  {AUXILIARY_ITEMS.map((a) => {
                    const name = slotField.quantity(slot, a.code);
                    return (
                      <tr key={a.code} data-testid={`item-${a.code}`}>
                        <th scope="row" className="py-1.5 pr-3 font-normal">
                          <span className="font-medium">{a.name}</span> <span className="font-mono text-xs text-slate-500">{a.code}</span>
                          <span className="block text-xs text-slate-500">Auxiliary equipment: only alongside CHs</span>
                        </th>
                        <td className="px-3 py-1.5 text-right text-slate-400" colSpan={3}>
                          —
                        </td>
                        <td className="py-1.5 pl-3">
                          <QuantityInput name={name} step={1} label={`Delivery ${slot + 1}: ${a.name}`} value={values[name]} error={errors[name]} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p className="mt-2 text-sm text-slate-700" data-testid={`delivery-${slot + 1}-total`}>
                CHs in this delivery: <span className="font-semibold tabular-nums">{formatCount(counts.perSlot[slot])}</span>
              </p>
            </div>
          ) : (
            <p className="text-sm text-slate-600">Choose the Region to see its CH variants.</p>
          )}
        </fieldset>
      ))}

      {region ? (
        <div className="space-y-1 text-sm" data-testid="order-summary">
          <p>
            CHs in this order: <span className="font-semibold tabular-nums">{formatCount(counts.total)}</span>
            {region !== "NORTH" && counts.total ? ` · Mesh ${Math.round(meshShare * 100)}%` : ""}
          </p>
          <Tolerance tolerances={tolerances} region={region} ordered={counts.byHanVariant} />
          {region !== "NORTH" && meshShare > MESH_SHARE_LIMIT ? (
            <p className="text-amber-900" data-testid="mesh-hint">
              Mesh CHs are over {MESH_SHARE_LIMIT * 100}% of this {REGION_LABELS[region].toLowerCase()} order: the DCC may ask why (CHHSM 3.11).
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Contact phone for this order" name="contactPhone" error={errors.contactPhone}>
          <Input name="contactPhone" type="tel" required autoComplete="tel" defaultValue={values.contactPhone} error={errors.contactPhone} />
        </Field>
        <Field label="Contact email for this order" name="contactEmail" error={errors.contactEmail}>
          <Input name="contactEmail" type="email" required autoComplete="email" defaultValue={values.contactEmail ?? defaultEmail} error={errors.contactEmail} />
        </Field>
      </div>
      {locations.length === 0 ? (
        <p className="text-sm text-slate-600">
          You have no Delivery Locations yet.{" "}
          <Link href="/orders/locations" className="text-brand-700 underline">
            Add one first
          </Link>
          .
        </p>
      ) : null}
    </div>
  );
}

/** Each HAN Variant's bounds (F5.10) against what the form orders so far, in words as well as colour. */
function Tolerance({ tolerances, region, ordered }: { tolerances: OrderTolerances; region: CspRegion; ordered: (hanVariant: string) => number }) {
  const forecast = (figure: number | null) => (figure === null ? <span className="text-slate-600">none (0)</span> : formatCount(figure));
  return (
    <div className="relative overflow-x-auto pt-2">
      <table className="w-full text-left text-sm" data-testid="tolerance">
        <caption className="pb-1 text-left font-medium text-slate-800">
          Tolerance per HAN Variant: from your forecasts of {formatMonth(tolerances.f10Month)} and {formatMonth(tolerances.f7Month)} for{" "}
          {formatMonth(tolerances.deliveryMonth)}
        </caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {["HAN Variant", "Forecast 10 months before", "7 months before", "Minimum", "Maximum", "Ordered", "Against the tolerance"].map((h, i) => (
              <th key={h} scope="col" className={`px-2 py-1 font-semibold ${i > 0 && i < 6 ? "text-right" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tolerances.regions[region].map((row) => {
            const n = ordered(row.hanVariant);
            const verdict =
              row.minimum > row.maximum
                ? { text: "No quantity is within tolerance", tone: "text-amber-900" }
                : n < row.minimum
                  ? { text: `${formatCount(row.minimum - n)} under the minimum`, tone: "text-amber-900" }
                  : n > row.maximum
                    ? { text: `${formatCount(n - row.maximum)} over the maximum`, tone: "text-amber-900" }
                    : { text: "Within tolerance", tone: "text-green-800" };
            return (
              <tr key={row.hanVariant} data-testid={`tolerance-${row.hanVariant}`}>
                <th scope="row" className="px-2 py-1 font-medium">
                  {HAN_VARIANT_LABELS[row.hanVariant]}
                </th>
                <td className="px-2 py-1 text-right tabular-nums">{forecast(row.f10)}</td>
                <td className="px-2 py-1 text-right tabular-nums">{forecast(row.f7)}</td>
                <td className="px-2 py-1 text-right tabular-nums" data-testid="tolerance-minimum">
                  {formatCount(row.minimum)}
                </td>
                <td className="px-2 py-1 text-right tabular-nums" data-testid="tolerance-maximum">
                  {formatCount(row.maximum)}
                </td>
                <td className="px-2 py-1 text-right font-semibold tabular-nums" data-testid="tolerance-ordered">
                  {formatCount(n)}
                </td>
                <td className={`px-2 py-1 font-medium ${verdict.tone}`} data-testid="tolerance-verdict">
                  {verdict.text}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-1 text-xs text-slate-600">An order outside the tolerance may still be placed: it is not compliant, and the DCC decides whether to accept it.</p>
    </div>
  );
}

/** A quantity cell: whole numbers in steps (a carton for hubs), with its field error beneath. */
function QuantityInput({ name, step, label, value, error }: { name: string; step: number; label: string; value?: string; error?: string }) {
  return (
    <>
      <input
        id={name}
        name={name}
        type="number"
        min={0}
        step={step}
        inputMode="numeric"
        defaultValue={value}
        aria-label={label}
        aria-invalid={!!error}
        aria-describedby={error ? `${name}-error` : undefined}
        className="w-28 rounded-md border border-slate-300 px-2 py-1 text-right text-sm tabular-nums"
      />
      {error ? (
        <p id={`${name}-error`} className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}
