"use client";

// The DCC raises the consignment for one Delivery Location of an accepted order (F6.1-F6.2): the Delivery Date, the
// Delivery Window and, for an order accepted in part, the quantities it will deliver.
import { useActionState } from "react";
import type { FormResult } from "@/app/(portal)/orders/actions";
import { raiseConsignmentAction } from "@/app/(portal)/orders/delivery-actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form";
import { FieldError, INPUT, LabelledInput, fieldId, refusal } from "./consignment-fields";
import { formatCount } from "@/lib/format";

export interface RaiseItem {
  code: string;
  name: string;
  ordered: number;
}

export function RaiseConsignmentForm({
  orderRef,
  location,
  defaultDate,
  dateMin,
  dateMax,
  windows,
  items,
  available,
}: {
  orderRef: string;
  location: { id: string; name: string };
  defaultDate: string;
  dateMin: string;
  dateMax: string;
  windows: readonly string[];
  /** Only for an order accepted in part: the quantities to deliver, each at most what was ordered. */
  items?: RaiseItem[];
  available: boolean;
}) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(raiseConsignmentAction, null);
  const { errors, values } = refusal(state);
  if (state?.ok) return <FormMessage result={state} />;
  if (!available) return null;
  const id = (name: string) => fieldId(`raise-${location.id}`, name);
  return (
    <form
      key={JSON.stringify(values)}
      action={action}
      className="space-y-3 rounded-md border border-slate-200 p-3"
      aria-label={`Raise consignment to ${location.name}`}
      data-testid="raise-consignment"
      data-location={location.name}
    >
      <h3 className="text-sm font-semibold">Raise consignment: {location.name}</h3>
      <FormMessage result={state} />
      <input type="hidden" name="orderRef" value={orderRef} />
      <input type="hidden" name="locationId" value={location.id} />
      <div className="grid gap-3 sm:grid-cols-2">
        <LabelledInput
          id={id("deliveryDate")}
          name="deliveryDate"
          label="Delivery Date"
          type="date"
          required
          min={dateMin}
          max={dateMax}
          defaultValue={values.deliveryDate ?? defaultDate}
          error={errors.deliveryDate}
          hint="A Working Day in the Delivery Month, after today."
        />
        <div className="space-y-1">
          <label htmlFor={id("deliveryWindow")} className="block text-sm font-medium">
            Delivery Window
          </label>
          <select
            id={id("deliveryWindow")}
            name="deliveryWindow"
            required
            defaultValue={values.deliveryWindow ?? windows[0]}
            aria-invalid={!!errors.deliveryWindow}
            aria-describedby={errors.deliveryWindow ? `${id("deliveryWindow")}-error` : undefined}
            className={INPUT}
          >
            {windows.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
          <FieldError id={id("deliveryWindow")} error={errors.deliveryWindow} />
        </div>
      </div>
      {items?.length ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Quantities to deliver (accepted in part)</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {items.map((item) => (
              <LabelledInput
                key={item.code}
                id={id(`quantity.${item.code}`)}
                name={`quantity.${item.code}`}
                label={item.name}
                hint={`Ordered: ${formatCount(item.ordered)}. Whole cartons; 0 leaves the item out.`}
                type="number"
                min={0}
                max={item.ordered}
                step={1}
                inputMode="numeric"
                required
                defaultValue={values[`quantity.${item.code}`] ?? String(item.ordered)}
                error={errors[`quantity.${item.code}`]}
              />
            ))}
          </div>
        </fieldset>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Raising…" : "Raise consignment"}
      </Button>
    </form>
  );
}
