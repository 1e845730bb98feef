"use client";

// A Delivery Location (CHHSM 3.4): full address, operating hours and a nominated contact; new, or one to edit.
import { useActionState } from "react";
import { createLocationAction, removeLocationAction, updateLocationAction, type FormResult } from "@/app/(portal)/orders/actions";
import type { DeliveryLocation } from "@/generated/prisma/client";
import { Button } from "@/components/ui/button";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, FormMessage, Input } from "@/components/ui/form";

const FIELDS: { name: string; label: string; hint?: string; type?: string; autoComplete?: string; placeholder?: string }[] = [
  { name: "name", label: "Name", hint: "Your name for this site, unique among your Delivery Locations.", placeholder: "e.g. Coventry depot" },
  { name: "addressLine", label: "Address", autoComplete: "street-address", placeholder: "e.g. Unit 4, Westwood Business Park" },
  { name: "town", label: "Town", autoComplete: "address-level2" },
  { name: "postcode", label: "Postcode", autoComplete: "postal-code", hint: "A full GB postcode. The site need not be in the order's Region." },
  { name: "operatingHours", label: "Operating hours", hint: "When deliveries can be received.", placeholder: "e.g. Mon-Fri 08:00-17:00" },
  { name: "contactName", label: "Contact name", autoComplete: "name" },
  { name: "contactEmail", label: "Contact email", type: "email", autoComplete: "email" },
  { name: "contactPhone", label: "Contact phone", type: "tel", autoComplete: "tel" },
];

type LocationValues = Pick<DeliveryLocation, "id" | "name" | "addressLine" | "town" | "postcode" | "operatingHours" | "contactName" | "contactEmail" | "contactPhone">;

export function LocationForm({ location }: { location?: LocationValues }) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(location ? updateLocationAction : createLocationAction, null);
  const values: Record<string, string | undefined> = (state && !state.ok ? state.values : undefined) ?? { ...location };
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form key={JSON.stringify(values)} action={action} className="space-y-3" aria-label={location ? "Edit the Delivery Location" : "Add a Delivery Location"}>
      {state?.ok ? <FormMessage result={state} /> : <ErrorSummary result={state} />}
      {location ? <input type="hidden" name="id" value={location.id} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <Field key={f.name} label={f.label} name={f.name} error={errors[f.name]} hint={f.hint}>
            <Input name={f.name} type={f.type ?? "text"} required defaultValue={values[f.name]} error={errors[f.name]} autoComplete={f.autoComplete ?? "off"} placeholder={f.placeholder} />
          </Field>
        ))}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? (location ? "Saving…" : "Adding…") : location ? "Save changes" : "Add Delivery Location"}
      </Button>
    </form>
  );
}

/** Removing a Delivery Location: asked once more; refused (with the reason) while an order or consignment uses it. */
export function RemoveLocationForm({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(removeLocationAction, null);
  return (
    <form key={JSON.stringify(state)} action={action} className="space-y-2" aria-label="Remove the Delivery Location">
      <FormMessage result={state} />
      <input type="hidden" name="id" value={id} />
      <ConfirmSubmit trigger="Remove this Delivery Location…" question={`Remove "${name}"? Orders can no longer name it.`} confirm="Yes, remove it" pending={pending} />
    </form>
  );
}
