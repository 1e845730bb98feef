"use client";

// The DCC's actions on an RMA: authorise it with a timeslot (booking reference and label follow) or reject it with a
// reason (CHIMSM 10.7), and record what arrived against the RMA with any discrepancies (10.16-10.18).
import { useState } from "react";
import { decideRmaAction, recordReceiptAction } from "@/app/(portal)/returns/actions";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { FormMessage } from "@/components/ui/form";
import { formatEui64 } from "@/lib/identifiers";
import { RETURN_TIMESLOTS } from "@/lib/returns/catalog";
import { SelectField, TextAreaField } from "@/components/ui/fields";


export function DecideRmaForm({ rmaRef, available, preferredDate }: { rmaRef: string; available: boolean; preferredDate: string }) {
  const f = useFormAction(decideRmaAction);
  if (!available) return f.state?.ok ? <FormMessage result={f.state} /> : null;
  return (
    <form key={f.key} action={f.dispatch} className="space-y-3" aria-label="Authorise or reject the RMA" data-testid="decide-rma-form">
      <FormMessage result={f.state} />
      <input type="hidden" name="ref" value={rmaRef} />
      <DecideFields values={f.values} errors={f.errors} preferredDate={preferredDate} />
      <Button type="submit" disabled={f.pending}>
        {f.pending ? "Sending…" : "Send the answer"}
      </Button>
    </form>
  );
}

function DecideFields({ values, errors, preferredDate }: { values: Record<string, string>; errors: Record<string, string>; preferredDate: string }) {
  const [decision, setDecision] = useState(values.decision ?? "");
  return (
    <>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Answer</legend>
        {[
          ["AUTHORISED", `Authorise: book the return on ${preferredDate}`],
          ["REJECTED", "Reject: the party is told why and requests a new RMA"],
        ].map(([value, label]) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)} className="h-4 w-4" required data-testid={`decision-${value}`} />
            {label}
          </label>
        ))}
        {errors.decision ? <p className="text-sm text-red-700" data-testid="decision-error">{errors.decision}</p> : null}
      </fieldset>
      {decision === "AUTHORISED" ? (
        <SelectField id="decide-timeslot" name="timeslot" label="Delivery timeslot" required error={errors.timeslot} defaultValue={values.timeslot ?? ""}>
          <option value="">Choose the timeslot…</option>
          {RETURN_TIMESLOTS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </SelectField>
      ) : null}
      {decision === "REJECTED" ? (
        <TextAreaField id="decide-reason" name="reason" label="Reason" rows={3} maxLength={2000} required error={errors.reason} defaultValue={values.reason} />
      ) : null}
    </>
  );
}

export function ReceiptForm({ rmaRef, available, chfs }: { rmaRef: string; available: boolean; chfs: { deviceId: string; ref: string }[] }) {
  const f = useFormAction(recordReceiptAction);
  if (!available) return f.state?.ok ? <FormMessage result={f.state} /> : null;
  const ticked = f.values.received !== undefined ? new Set(f.values.received.split("\n")) : null;
  return (
    <form key={f.key} action={f.dispatch} className="space-y-3" aria-label="Record the receipt" data-testid="receipt-form">
      <FormMessage result={f.state} />
      <input type="hidden" name="ref" value={rmaRef} />
      <fieldset className="space-y-1" aria-describedby={f.errors.receivedChfIds ? "receipt-received-error" : undefined}>
        <legend className="text-sm font-medium">CHs that arrived</legend>
        <p className="text-xs text-slate-500">Untick any CH missing from the delivery: it goes back to &quot;Notified: RMA needed&quot; and needs a new RMA.</p>
        {chfs.map((c) => (
          <label key={c.deviceId} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="received" value={c.deviceId} defaultChecked={ticked ? ticked.has(c.deviceId) : true} className="h-4 w-4" data-testid={`received-${c.deviceId}`} />
            <span className="font-mono">{formatEui64(c.deviceId)}</span>
            <span className="text-xs text-slate-500">{c.ref}</span>
          </label>
        ))}
        {f.errors.receivedChfIds ? (
          <p id="receipt-received-error" className="text-sm text-red-700" data-testid="receivedChfIds-error">
            {f.errors.receivedChfIds}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        id="receipt-discrepancies"
        name="discrepancies"
        label="Discrepancies"
        hint="Pallets, CHF IDs or unit counts that do not match the RMA (CHIMSM 10.16-10.18). Required when a CH is missing."
        rows={3}
        maxLength={2000}
        error={f.errors.discrepancies}
        defaultValue={f.values.discrepancies}
      />
      <Button type="submit" disabled={f.pending}>
        {f.pending ? "Recording…" : "Record the receipt"}
      </Button>
    </form>
  );
}
