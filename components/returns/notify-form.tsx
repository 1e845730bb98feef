"use client";

// The return notification (CHIMSM 9.3-9.9): SRV 8.14.3 CH Status Update - Fault Return (with its fault type) or
// SRV 8.14.4 - No Fault Return, the F9.5 reason that goes with it, and the removal date. A DCC admin records the
// notification for a party that could not send the SR (the Service Desk route). The lib checks every rule.
import { useActionState, useState } from "react";
import { notifyReturnAction, type FormResult } from "@/app/(portal)/returns/actions";
import type { ChReturnKind } from "@/generated/prisma/enums";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form";
import { FAULT_TYPES, RETURN_KIND_LABELS, RETURN_REASONS, returnReason } from "@/lib/returns/catalog";
import { SelectField, TextAreaField, TextField, errorsOf } from "@/components/ui/fields";

export interface PartyOption {
  id: string;
  name: string;
}

const KINDS: ChReturnKind[] = ["FAULT", "NO_FAULT"];
const KIND_GROUPS: Record<ChReturnKind, string> = { FAULT: "Fault returns (SRV 8.14.3)", NO_FAULT: "No fault returns (SRV 8.14.4)" };

/** `formKey` is new for each rendering of the page: submitting the form twice records one return (lib/idempotency.ts). */
export function NotifyReturnForm({ parties, today, defaultDeviceId, formKey }: { parties: PartyOption[] | null; today: string; defaultDeviceId?: string; formKey: string }) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(notifyReturnAction, null);
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  return (
    <form key={String(state?.seq ?? "new")} action={action} className="space-y-4" aria-label="Notify a removed CH" data-testid="notify-form">
      <FormMessage result={state} />
      <input type="hidden" name="formKey" value={formKey} />
      <NotifyFields values={values} errors={errorsOf(state)} parties={parties} today={today} defaultDeviceId={defaultDeviceId} />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : parties ? "Record the notification" : "Send the CH Status Update"}
      </Button>
    </form>
  );
}

function NotifyFields({
  values,
  errors,
  parties,
  today,
  defaultDeviceId,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  parties: PartyOption[] | null;
  today: string;
  defaultDeviceId?: string;
}) {
  const [kind, setKind] = useState<ChReturnKind | "">((values.kind as ChReturnKind) || "");
  const [reason, setReason] = useState(values.reason ?? "");
  const kinds = kind ? [kind] : KINDS;

  const chooseKind = (next: ChReturnKind) => {
    setKind(next);
    if (reason && returnReason(reason)?.kind !== next) setReason("");
  };
  const chooseReason = (code: string) => {
    setReason(code);
    const match = returnReason(code);
    if (match) setKind(match.kind);
  };

  return (
    <div className="space-y-4">
      {parties ? (
        <SelectField
          id="notify-partyId"
          name="partyId"
          label="Party"
          error={errors.partyId}
          hint="The party whose CH was removed. This records a Service Desk notification for it (CHIMSM 9.9): the 5 Working Day limit is not enforced, and a late notification is flagged on the record."
          defaultValue={values.partyId ?? ""}
          required
        >
          <option value="">Choose the party…</option>
          {parties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      ) : null}

      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          id="notify-deviceId"
          name="deviceId"
          label="CHF Device ID"
          error={errors.deviceId}
          hint="The Communications Hub Function's ID: 16 hexadecimal digits, e.g. 0A-6E-95-DE-00-00-01-01."
          defaultValue={values.deviceId ?? defaultDeviceId ?? ""}
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          required
        />
        <TextField
          id="notify-removedOn"
          name="removedOn"
          label="Removal date"
          type="date"
          max={today}
          error={errors.removedOn}
          hint="The day the CH was removed (or, for a CH never installed, the day it was taken out of use)."
          defaultValue={values.removedOn ?? ""}
          required
        />
      </div>

      <fieldset className="space-y-2" aria-describedby={errors.kind ? "notify-kind-error" : undefined}>
        <legend className="text-sm font-medium">CH Status Update</legend>
        {KINDS.map((k) => (
          <label key={k} className="flex items-start gap-2 text-sm">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => chooseKind(k)} className="mt-0.5 h-4 w-4" required data-testid={`kind-${k}`} />
            <span>
              {RETURN_KIND_LABELS[k]}
              <span className="block text-xs text-slate-500">
                {k === "FAULT"
                  ? "Removed for physical damage or under the fault procedure (CHIMSM 8.8), returned before install under CHIMSM 3.4, at the DCC's request, or the 90-day mandatory return."
                  : "Removed for any other reason, or a voluntary return before installation."}
              </span>
            </span>
          </label>
        ))}
        {errors.kind ? (
          <p id="notify-kind-error" className="text-sm text-red-700" data-testid="kind-error">
            {errors.kind}
          </p>
        ) : null}
      </fieldset>

      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          id="notify-reason"
          name="reason"
          label="Return reason (F9.5)"
          error={errors.reason}
          hint="The reason sets the responsibility category and so the Charges (F9.4). The DCC may dispute it after diagnosis."
          value={reason}
          onChange={(e) => chooseReason(e.target.value)}
          required
        >
          <option value="">Choose the reason…</option>
          {kinds.map((k) => (
            <optgroup key={k} label={KIND_GROUPS[k]}>
              {RETURN_REASONS.filter((r) => r.kind === k).map((r) => (
                <option key={r.code} value={r.code}>
                  ({r.code}) {r.label}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        {kind === "FAULT" ? (
          <SelectField
            id="notify-faultType"
            name="faultType"
            label="Fault return type"
            error={errors.faultType}
            hint='SRV 8.14.3 carries it. A CH replaced for a missing Recovery certificate is a "CH Defect".'
            defaultValue={values.faultType ?? ""}
            required
          >
            <option value="">Choose the fault type…</option>
            {FAULT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>

      <TextAreaField id="notify-note" name="note" label="Note (optional)" error={errors.note} rows={3} maxLength={2000} defaultValue={values.note ?? ""} />
    </div>
  );
}
