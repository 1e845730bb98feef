"use client";

// The actions on one consignment (F6): the DCC records the delivery, offers replacement dates and records the
// collection; the party confirms or rejects the delivery, picks a replacement date, or cancels the consignment.
// Each form stays mounted after it succeeded (the page re-renders without that action), so its confirmation stays in
// view; a refused form keeps what was typed. The lib decides every rule; these forms only collect the input.
import { useActionState, useState } from "react";
import type { FormResult } from "@/app/(portal)/orders/actions";
import {
  cancelConsignmentAction,
  confirmCompliantAction,
  offerReplacementDatesAction,
  pickReplacementDateAction,
  recordCollectionAction,
  recordDeliveryAction,
  reportNonCompliantAction,
} from "@/app/(portal)/orders/delivery-actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form";
import { FieldError, INPUT, LabelledInput, fieldId, refusal } from "./consignment-fields";
import { formatCount } from "@/lib/format";

type Action = (state: FormResult | null, form: FormData) => Promise<FormResult>;

interface Target {
  orderRef: string;
  consignmentRef: string;
}

function Hidden({ orderRef, consignmentRef }: Target) {
  return (
    <>
      <input type="hidden" name="orderRef" value={orderRef} />
      <input type="hidden" name="ref" value={consignmentRef} />
    </>
  );
}

const ACTIONS = {
  recordDelivery: recordDeliveryAction,
  recordCollection: recordCollectionAction,
  confirmCompliant: confirmCompliantAction,
} satisfies Record<string, Action>;

/** A one-button action: record the delivery or the collection (DCC), confirm compliant (party). */
export function ConsignmentButtonForm({
  action,
  label,
  pendingLabel,
  description,
  available,
  testId,
  ...target
}: Target & { action: keyof typeof ACTIONS; label: string; pendingLabel: string; description?: React.ReactNode; available: boolean; testId: string }) {
  const [state, formAction, pending] = useActionState<FormResult | null, FormData>(ACTIONS[action], null);
  if (state?.ok) return <FormMessage result={state} />;
  if (!available) return null;
  return (
    <form action={formAction} className="space-y-2" aria-label={`${label}: ${target.consignmentRef}`} data-testid={testId}>
      <FormMessage result={state} />
      <Hidden {...target} />
      {description ? <p className="text-sm text-slate-700">{description}</p> : null}
      <Button type="submit" disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
    </form>
  );
}

export interface GroundOption {
  value: string;
  label: string;
  affected: string;
}

export interface LineOption {
  code: string;
  name: string;
  quantity: number;
}

/** The party says the delivery did not comply, on one ground (F6.9) with the units per item. */
export function ReportNonCompliantForm({ grounds, lines, available, ...target }: Target & { grounds: GroundOption[]; lines: LineOption[]; available: boolean }) {
  const [state, formAction, pending] = useActionState<FormResult | null, FormData>(reportNonCompliantAction, null);
  const { errors, values } = refusal(state);
  const [open, setOpen] = useState(false);
  const [ground, setGround] = useState<string>("");
  if (state?.ok) return <FormMessage result={state} />;
  if (!available) return null;
  const id = (name: string) => fieldId(target.consignmentRef, name);
  const chosen = grounds.find((g) => g.value === (ground || values.ground));
  if (!open) {
    return (
      <Button type="button" variant="secondary" onClick={() => setOpen(true)} data-testid="report-non-compliant">
        Report non-compliant…
      </Button>
    );
  }
  return (
    <form
      key={JSON.stringify(values)}
      action={formAction}
      className="space-y-3 rounded-md border border-slate-200 p-3"
      aria-label={`Report ${target.consignmentRef} non-compliant`}
      data-testid="non-compliant-form"
    >
      <FormMessage result={state} />
      <Hidden {...target} />
      <fieldset className="space-y-1" aria-describedby={errors.ground ? `${id("ground")}-error` : undefined}>
        <legend className="text-sm font-medium">Ground (the only grounds, F6.9)</legend>
        {grounds.map((g, i) => (
          <label key={g.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="ground"
              value={g.value}
              required
              defaultChecked={(ground || values.ground) === g.value}
              onChange={() => setGround(g.value)}
              autoFocus={i === 0 && !state && !ground}
              className="mt-0.5"
            />
            <span>{g.label}</span>
          </label>
        ))}
        <FieldError id={id("ground")} error={errors.ground} />
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{chosen?.affected ?? "Units affected"}, per item</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {lines.map((line) => (
            <LabelledInput
              key={line.code}
              id={id(`affected.${line.code}`)}
              name={`affected.${line.code}`}
              label={`${chosen?.affected ?? "Units affected"}: ${line.name}`}
              hint={`${formatCount(line.quantity)} in the consignment`}
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              defaultValue={values[`affected.${line.code}`]}
              error={errors[`affected.${line.code}`]}
            />
          ))}
        </div>
        <FieldError id={id("affected")} error={errors.affected} />
      </fieldset>
      <div className="space-y-1">
        <label htmlFor={id("note")} className="block text-sm font-medium">
          Note
        </label>
        <textarea
          id={id("note")}
          name="note"
          rows={2}
          maxLength={2000}
          defaultValue={values.note}
          aria-invalid={!!errors.note}
          aria-describedby={[errors.note ? `${id("note")}-error` : null, `${id("note")}-hint`].filter(Boolean).join(" ")}
          className={INPUT}
        />
        <p id={`${id("note")}-hint`} className="text-xs text-slate-500">
          Required for another rejection right: say which CHHSM right applies. Rejected units are made available for the DCC to collect.
        </p>
        <FieldError id={id("note")} error={errors.note} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "Sending…" : "Report non-compliant"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
          Back
        </Button>
      </div>
    </form>
  );
}

/** The DCC offers up to 5 dates for the replacement units (F6.13); once offered, other dates can be offered instead. */
export function OfferReplacementDatesForm({ available, offeredBefore, min, ...target }: Target & { available: boolean; offeredBefore: boolean; min: string }) {
  const [state, formAction, pending] = useActionState<FormResult | null, FormData>(offerReplacementDatesAction, null);
  const [open, setOpen] = useState(!offeredBefore);
  // After a successful offer the form folds away (the offered dates are listed above it).
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) setOpen(false);
  }
  const { errors, values } = refusal(state);
  if (!available) return state?.ok ? <FormMessage result={state} /> : null;
  const id = (name: string) => fieldId(target.consignmentRef, name);
  return (
    <div className="space-y-2">
      {state?.ok ? <FormMessage result={state} /> : null}
      {open ? (
        <form key={JSON.stringify(values)} action={formAction} className="space-y-2" aria-label={`Offer replacement dates for ${target.consignmentRef}`} data-testid="offer-dates-form">
          {state && !state.ok ? <FormMessage result={state} /> : null}
          <Hidden {...target} />
          <fieldset className="space-y-2" aria-describedby={`${id("dates")}-hint`}>
            <legend className="text-sm font-medium">Replacement dates</legend>
            <p id={`${id("dates")}-hint`} className="text-xs text-slate-500">
              Up to 5 future Working Days, in the consignment&apos;s Delivery Window. The party picks one{offeredBefore ? "; these replace the dates offered before" : ""}.
            </p>
            <div className="grid gap-2 sm:grid-cols-3">
              {[0, 1, 2, 3, 4].map((i) => (
                <LabelledInput
                  key={i}
                  id={id(`date${i}`)}
                  name={`date${i}`}
                  label={`Date ${i + 1}`}
                  type="date"
                  min={min}
                  required={i === 0}
                  defaultValue={values[`date${i}`]}
                />
              ))}
            </div>
            <FieldError id={id("dates")} error={errors.dates} />
          </fieldset>
          <Button type="submit" disabled={pending}>
            {pending ? "Offering…" : "Offer replacement dates"}
          </Button>
        </form>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setOpen(true)} data-testid="offer-other-dates">
          Offer other dates…
        </Button>
      )}
    </div>
  );
}

/** The party picks one of the offered dates: it becomes the Delivery Date of the replacement (F6.14). */
export function PickReplacementDateForm({ dates, window, available, ...target }: Target & { dates: { value: string; label: string }[]; window: string; available: boolean }) {
  const [state, formAction, pending] = useActionState<FormResult | null, FormData>(pickReplacementDateAction, null);
  const { errors, values } = refusal(state);
  if (state?.ok) return <FormMessage result={state} />;
  if (!available) return null;
  const id = fieldId(target.consignmentRef, "date");
  return (
    <form key={JSON.stringify(values)} action={formAction} className="space-y-2" aria-label={`Pick a replacement date for ${target.consignmentRef}`} data-testid="pick-date-form">
      <FormMessage result={state} />
      <Hidden {...target} />
      <fieldset className="space-y-1" aria-describedby={errors.date ? `${id}-error` : undefined}>
        <legend className="text-sm font-medium">Replacement date ({window})</legend>
        {dates.map((d) => (
          <label key={d.value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="date" value={d.value} required defaultChecked={values.date === d.value} />
            {d.label}
          </label>
        ))}
        <FieldError id={id} error={errors.date} />
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Booking…" : "Pick this date"}
      </Button>
    </form>
  );
}

/** The party cancels a scheduled consignment at least 48 hours ahead, owing the DCC's costs (F5.19). */
export function CancelConsignmentForm({ available, noticeHours, ...target }: Target & { available: boolean; noticeHours: number }) {
  const [state, formAction, pending] = useActionState<FormResult | null, FormData>(cancelConsignmentAction, null);
  const [asking, setAsking] = useState(false);
  if (state?.ok) return <FormMessage result={state} />;
  if (!available) return null;
  return (
    <form action={formAction} className="space-y-2" aria-label={`Cancel ${target.consignmentRef}`} data-testid="cancel-consignment-form">
      <FormMessage result={state} />
      <Hidden {...target} />
      {asking ? (
        <div role="group" aria-label="Confirm cancellation" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
          <p className="text-sm text-red-900">
            Cancel {target.consignmentRef}? <strong>The DCC&apos;s reasonable costs are billed on your next Invoice.</strong> This cannot be undone.
          </p>
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={pending} autoFocus>
              {pending ? "Cancelling…" : "Yes, cancel the consignment"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setAsking(false)} disabled={pending}>
              Keep it
            </Button>
          </div>
        </div>
      ) : (
        <>
          <p className="text-xs text-slate-600">
            A consignment can be cancelled up to {noticeHours} hours before its delivery; the DCC&apos;s reasonable costs are billed on your next Invoice.
          </p>
          <Button type="button" variant="danger" onClick={() => setAsking(true)}>
            Cancel consignment…
          </Button>
        </>
      )}
    </form>
  );
}
