"use client";

// A new Delivery Location (CHHSM 3.4): full address, operating hours and a nominated contact.
import { useActionState } from "react";
import { createLocationAction, type FormResult } from "@/app/(portal)/orders/actions";
import { Button } from "@/components/ui/button";
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

export function LocationForm() {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(createLocationAction, null);
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form key={JSON.stringify(values)} action={action} className="space-y-3" aria-label="Add a Delivery Location">
      {state?.ok ? <FormMessage result={state} /> : <ErrorSummary result={state} />}
      <div className="grid gap-3 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <Field key={f.name} label={f.label} name={f.name} error={errors[f.name]} hint={f.hint}>
            <Input name={f.name} type={f.type ?? "text"} required defaultValue={values[f.name]} error={errors[f.name]} autoComplete={f.autoComplete ?? "off"} placeholder={f.placeholder} />
          </Field>
        ))}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add Delivery Location"}
      </Button>
    </form>
  );
}
