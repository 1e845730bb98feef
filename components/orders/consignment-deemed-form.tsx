"use client";

// The party gives (or confirms) a deemed order's Delivery Location, preferred date and contacts (CHHSM 3.7).
import { useActionState } from "react";
import type { FormResult } from "@/app/(portal)/orders/actions";
import { confirmDeemedOrderAction } from "@/app/(portal)/orders/delivery-actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form";
import { FieldError, INPUT, LabelledInput, fieldId, refusal } from "./consignment-fields";

export function DeemedOrderForm({
  orderRef,
  locations,
  defaults,
  dateMin,
  dateMax,
  available,
}: {
  orderRef: string;
  locations: { id: string; name: string; town: string; postcode: string }[];
  defaults: { locationId: string; preferredDate: string; contactPhone: string; contactEmail: string };
  dateMin: string;
  dateMax: string;
  available: boolean;
}) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(confirmDeemedOrderAction, null);
  const { errors, values } = refusal(state);
  if (state?.ok) return <FormMessage result={state} />;
  if (!available) return null;
  const v = { ...defaults, ...values };
  const id = (name: string) => fieldId(`deemed-${orderRef}`, name);
  return (
    <form key={JSON.stringify(values)} action={action} className="space-y-3" aria-label={`Confirm the delivery details of ${orderRef}`} data-testid="deemed-order-form">
      <FormMessage result={state} />
      <input type="hidden" name="orderRef" value={orderRef} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={id("locationId")} className="block text-sm font-medium">
            Delivery Location
          </label>
          <select
            id={id("locationId")}
            name="locationId"
            required
            defaultValue={v.locationId}
            aria-invalid={!!errors.locationId}
            aria-describedby={errors.locationId ? `${id("locationId")}-error` : undefined}
            className={INPUT}
          >
            <option value="">Choose…</option>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.town}, {l.postcode})
              </option>
            ))}
          </select>
          <FieldError id={id("locationId")} error={errors.locationId} />
        </div>
        <LabelledInput
          id={id("preferredDate")}
          name="preferredDate"
          label="Preferred delivery date"
          type="date"
          required
          min={dateMin}
          max={dateMax}
          defaultValue={v.preferredDate}
          error={errors.preferredDate}
          hint="A Working Day in the Delivery Month."
        />
        <LabelledInput
          id={id("contactPhone")}
          name="contactPhone"
          label="Contact phone for this order"
          type="tel"
          required
          autoComplete="tel"
          defaultValue={v.contactPhone}
          error={errors.contactPhone}
        />
        <LabelledInput
          id={id("contactEmail")}
          name="contactEmail"
          label="Contact email for this order"
          type="email"
          required
          autoComplete="email"
          defaultValue={v.contactEmail}
          error={errors.contactEmail}
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Confirming…" : "Confirm delivery details"}
      </Button>
    </form>
  );
}
