"use client";

// The RMA request (CHIMSM 10.5-10.6): the CHF ID of every CH to return (each already notified), the DCC Returns
// Location of their Region, a contact, and a preferred Return Date at least 5 Working Days ahead. The party's
// notified returns are listed beside the IDs: ticking one adds its ID, unticking removes it.
import { useActionState, useState } from "react";
import { requestRmaAction, type FormResult } from "@/app/(portal)/returns/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form";
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import { REGIONS, REGION_LABELS } from "@/lib/orders/catalog";
import { RETURNS_LOCATIONS } from "@/lib/returns/catalog";
import { SelectField, TextAreaField, TextField, errorsOf } from "@/components/ui/fields";

export interface NotifiedReturn {
  ref: string;
  deviceId: string;
  removed: string;
  returnBy: string | null;
}

const lines = (text: string) => text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);
const canonical = (raw: string) => parseEui64(raw) ?? raw.toUpperCase();

export function RmaRequestForm({
  notified,
  earliestDate,
  earliestLabel,
  defaults,
  formKey,
}: {
  notified: NotifiedReturn[];
  earliestDate: string;
  earliestLabel: string;
  defaults: { chfIds: string; contactName: string; contactEmail: string };
  /** New for each rendering of the page: submitting this form twice requests one RMA (lib/idempotency.ts). */
  formKey: string;
}) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(requestRmaAction, null);
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  return (
    <form key={String(state?.seq ?? "new")} action={action} className="space-y-4" aria-label="Request an RMA" data-testid="rma-form">
      <FormMessage result={state} />
      <input type="hidden" name="formKey" value={formKey} />
      <RmaFields values={values} errors={errorsOf(state)} notified={notified} earliestDate={earliestDate} earliestLabel={earliestLabel} defaults={defaults} />
      <Button type="submit" disabled={pending}>
        {pending ? "Requesting…" : "Request the RMA"}
      </Button>
    </form>
  );
}

function RmaFields({
  values,
  errors,
  notified,
  earliestDate,
  earliestLabel,
  defaults,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  notified: NotifiedReturn[];
  earliestDate: string;
  earliestLabel: string;
  defaults: { chfIds: string; contactName: string; contactEmail: string };
}) {
  const [ids, setIds] = useState(values.chfIds ?? defaults.chfIds);
  const listed = new Set(lines(ids).map(canonical));

  const toggle = (deviceId: string, on: boolean) => {
    const kept = lines(ids).filter((raw) => canonical(raw) !== deviceId);
    setIds([...kept, ...(on ? [formatEui64(deviceId)] : [])].join("\n"));
  };

  return (
    <div className="space-y-4">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <TextAreaField
          id="rma-chfIds"
          name="chfIds"
          label="CHF IDs"
          error={errors.chfIds}
          hint={`One per line; each must already be notified for return (SRV 8.14.3 / 8.14.4 or the Service Desk). ${listed.size} listed.`}
          rows={8}
          value={ids}
          onChange={(e) => setIds(e.target.value)}
          className="font-mono"
          spellCheck={false}
          required
        />
        <fieldset className="space-y-1" data-testid="notified-returns">
          <legend className="text-sm font-medium">Your CHs notified and awaiting an RMA</legend>
          {notified.length === 0 ? (
            <p className="text-sm text-slate-600">None: notify a removed CH first.</p>
          ) : (
            <>
              <div className="flex gap-3 text-xs">
                <button type="button" className="text-brand-700 underline" onClick={() => setIds(notified.map((r) => formatEui64(r.deviceId)).join("\n"))}>
                  Add all {notified.length}
                </button>
                <button type="button" className="text-brand-700 underline" onClick={() => setIds("")}>
                  Clear
                </button>
              </div>
              <ul className="max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
                {notified.map((r) => (
                  <li key={r.ref}>
                    <label className="flex items-start gap-2 text-sm">
                      <input type="checkbox" className="mt-0.5 h-4 w-4" checked={listed.has(r.deviceId)} onChange={(e) => toggle(r.deviceId, e.target.checked)} data-testid={`pick-${r.deviceId}`} />
                      <span>
                        <span className="font-mono">{formatEui64(r.deviceId)}</span>{" "}
                        <span className="text-xs text-slate-500">
                          {r.ref} · removed {r.removed}
                          {r.returnBy ? ` · return by ${r.returnBy}` : ""}
                        </span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </>
          )}
        </fieldset>
      </div>

      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          id="rma-returnsLocation"
          name="returnsLocation"
          label="DCC Returns Location"
          error={errors.returnsLocation}
          hint="One of the locations of the CHs' Region: a wrong location incurs Charges (F8.9(d))."
          defaultValue={values.returnsLocation ?? ""}
          required
        >
          <option value="">Choose the location…</option>
          {REGIONS.map((region) => (
            <optgroup key={region} label={`${REGION_LABELS[region]} Region`}>
              {RETURNS_LOCATIONS.filter((l) => l.region === region).map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name}: {l.address} ({l.operatingHours})
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <TextField
          id="rma-preferredReturnDate"
          name="preferredReturnDate"
          label="Preferred Return Date"
          type="date"
          min={earliestDate}
          error={errors.preferredReturnDate}
          hint={`A Working Day, ${earliestLabel} or later (5 Working Days ahead).`}
          defaultValue={values.preferredReturnDate ?? ""}
          required
        />
      </div>

      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-medium">Contact for this return</legend>
        <TextField id="rma-contactName" name="contactName" label="Name" autoComplete="name" error={errors.contactName} defaultValue={values.contactName ?? defaults.contactName} required />
        <TextField id="rma-contactEmail" name="contactEmail" label="Email" type="email" autoComplete="email" error={errors.contactEmail} defaultValue={values.contactEmail ?? defaults.contactEmail} required />
        <TextField id="rma-contactPhone" name="contactPhone" label="Phone" type="tel" autoComplete="tel" error={errors.contactPhone} defaultValue={values.contactPhone ?? ""} required />
      </fieldset>
    </div>
  );
}
