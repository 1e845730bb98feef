"use client";

// The order page's actions: the DCC's answer (F5.16-F5.17) and the party's cancellation (F5.19).
import { useActionState, useState } from "react";
import { cancelOrderAction, decideOrderAction, type FormResult } from "@/app/(portal)/orders/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormMessage, Select } from "@/components/ui/form";

/** Stays mounted after the answer (the page re-renders without answers left), so its confirmation stays in view. */
export function DecideForm({ orderRef, options, compliant, statusLabel }: { orderRef: string; options: { value: string; label: string }[]; compliant: boolean; statusLabel: string }) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(decideOrderAction, null);
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  if (state?.ok) return <FormMessage result={state} />;
  if (!options.length) return <p className="text-sm text-slate-600">The order is {statusLabel}: there is nothing left to answer.</p>;
  return (
    <form key={JSON.stringify(values)} action={action} className="space-y-3" aria-label="Answer the order">
      <FormMessage result={state} />
      <input type="hidden" name="ref" value={orderRef} />
      <Field label="Answer" name="status" error={errors.status}>
        <Select name="status" required defaultValue={values.status ?? ""}>
          <option value="">Choose…</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Reason"
        name="reason"
        error={errors.reason}
        hint={compliant ? "Required unless you accept the order in full. The party is told the reason." : "Required: the order is not compliant, so the party is told the reason for any answer."}
      >
        <textarea
          id="reason"
          name="reason"
          rows={3}
          maxLength={2000}
          defaultValue={values.reason}
          aria-invalid={!!errors.reason}
          aria-describedby={errors.reason ? "reason-error" : undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-600"
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send the answer"}
      </Button>
    </form>
  );
}

/** Only accepted orders can be cancelled; after a cancellation only the confirmation remains. */
export function CancelOrderForm({ orderRef, noticeHours, available }: { orderRef: string; noticeHours: number; available: boolean }) {
  const [state, action, pending] = useActionState(cancelOrderAction, null);
  const [asking, setAsking] = useState(false);
  if (state?.ok) {
    return (
      <Card title="Cancel the order">
        <FormMessage result={state} />
      </Card>
    );
  }
  if (!available) return null;
  return (
    <Card title="Cancel the order">
      <form action={action} className="space-y-2" aria-label="Cancel the order">
        <FormMessage result={state} />
        <input type="hidden" name="ref" value={orderRef} />
        <p className="text-sm text-slate-700">
          An accepted order can be cancelled up to {noticeHours} hours before its delivery. <strong>The DCC&apos;s reasonable costs are billed on your next Invoice.</strong>
        </p>
        {asking ? (
          <div role="group" aria-label="Confirm cancellation" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
            <p className="text-sm text-red-900">Cancel {orderRef}? The DCC&apos;s reasonable costs are billed on your next Invoice. This cannot be undone.</p>
            <div className="flex gap-2">
              <Button type="submit" variant="danger" disabled={pending} autoFocus>
                {pending ? "Cancelling…" : "Yes, cancel the order"}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setAsking(false)} disabled={pending}>
                Keep the order
              </Button>
            </div>
          </div>
        ) : (
          <Button type="button" variant="danger" onClick={() => setAsking(true)}>
            Cancel this order…
          </Button>
        )}
      </form>
    </Card>
  );
}
