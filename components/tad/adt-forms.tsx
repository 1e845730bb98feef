"use client";

// The ADT submission forms: raise an SMSR, upload the signed file, the SRO's confirm or decline, and the DCC's thresholds.
import { useState } from "react";
import {
  confirmAdtAction,
  declineAdtAction,
  raiseAdtSmsrAction,
  restoreThresholdsAction,
  setDccThresholdsAction,
  uploadAdtFileAction,
} from "@/app/(portal)/tad/actions";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { CheckboxField, TextAreaField, TextField } from "@/components/ui/fields";
import { FormMessage } from "@/components/ui/form";
import { submitKeepingFiles, useFormAction } from "@/components/ui/use-form-action";

/** `formKey` is new for each rendering of the page: submitting the form twice raises one SMSR (lib/idempotency.ts). */
export function RaiseSmsrForm({ formKey }: { formKey: string }) {
  const { state, dispatch, pending, values, errors, key } = useFormAction(raiseAdtSmsrAction);
  const [fastTrack, setFastTrack] = useState(values.fastTrack === "on");
  return (
    <form key={key} action={dispatch} className="space-y-4" aria-busy={pending}>
      <input type="hidden" name="formKey" value={formKey} />
      <FormMessage result={state} />
      <CheckboxField
        id="fastTrack"
        name="fastTrack"
        label="Fast-Track: apply within 24 hours instead of 72"
        hint="Only when the thresholds cannot wait, e.g. during SMKI recovery. Say why below."
        defaultChecked={fastTrack}
        onChange={(e) => setFastTrack(e.currentTarget.checked)}
      />
      {fastTrack ? (
        <TextAreaField
          id="justification"
          name="justification"
          label="Fast-Track justification"
          rows={4}
          maxLength={2000}
          required
          defaultValue={values.justification}
          error={errors.justification}
          hint="At least 20 characters. The DCC judges it when the file arrives."
        />
      ) : null}
      <CheckboxField
        id="temporary"
        name="temporary"
        label="Temporary change: can be restored to the version before it"
        hint="E.g. thresholds raised for a planned bulk operation or during SMKI recovery. You restore the previous version on Thresholds in force."
        defaultChecked={values.temporary === "on"}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Raising…" : "Raise SMSR"}
      </Button>
    </form>
  );
}

export function UploadAdtForm({ submissionId }: { submissionId: string }) {
  const { state, dispatch, pending, errors } = useFormAction(uploadAdtFileAction);
  return (
    <form onSubmit={submitKeepingFiles(dispatch)} className="space-y-4" aria-busy={pending}>
      {state?.ok ? <FormMessage result={state} /> : <ErrorSummary result={state} />}
      <input type="hidden" name="submissionId" value={submissionId} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <TextField id="csv" name="csv" type="file" accept=".csv,text/csv" label="ADT File" required error={errors.csv} hint="The CSV, at most 2 MB (10,000 thresholds)." />
        <TextField id="signature" name="signature" type="file" label="Signature file" required error={errors.signature} hint="What openssl wrote: adt.csv.sig." />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Upload and validate"}
      </Button>
    </form>
  );
}

export function SroDecisionForms({ submissionId }: { submissionId: string }) {
  const confirm = useFormAction(confirmAdtAction);
  const decline = useFormAction(declineAdtAction);
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
      <form key={confirm.key} action={confirm.dispatch} className="space-y-3" aria-busy={confirm.pending}>
        <FormMessage result={confirm.state} />
        <input type="hidden" name="submissionId" value={submissionId} />
        <p className="text-sm text-slate-700">Apply these thresholds although they are outside DCC guidance.</p>
        <Button type="submit" disabled={confirm.pending}>
          {confirm.pending ? "Applying…" : "Confirm and apply"}
        </Button>
      </form>
      <form key={decline.key} action={decline.dispatch} className="space-y-3" aria-busy={decline.pending}>
        <FormMessage result={decline.state} />
        <input type="hidden" name="submissionId" value={submissionId} />
        <TextAreaField id="reason" name="reason" label="Reason for declining" rows={3} maxLength={2000} required defaultValue={decline.values.reason} error={decline.errors.reason} hint="The ARO reads it, revises the file and raises a new SMSR." />
        <Button type="submit" variant="danger" disabled={decline.pending}>
          {decline.pending ? "Declining…" : "Decline"}
        </Button>
      </form>
    </div>
  );
}

export function DccThresholdsForm({ current, temporary }: { current: string; temporary: boolean }) {
  const { state, dispatch, pending, values, errors, key } = useFormAction(setDccThresholdsAction);
  const lineErrors = Object.entries(errors).filter(([k]) => k.startsWith("line "));
  return (
    <form key={key} action={dispatch} className="space-y-4" aria-busy={pending}>
      <FormMessage result={state} />
      {lineErrors.length || errors._form ? (
        <ul className="list-disc space-y-0.5 rounded-md bg-red-50 py-2 pl-8 pr-3 font-mono text-xs text-red-800" data-testid="dcc-threshold-errors">
          {errors._form ? <li>{errors._form}</li> : null}
          {lineErrors.map(([line, message]) => (
            <li key={line}>
              {line}: {message}
            </li>
          ))}
        </ul>
      ) : null}
      <TextAreaField
        id="rows"
        name="rows"
        label="Thresholds, one per line"
        rows={14}
        className="font-mono text-xs"
        defaultValue={values.rows ?? current}
        hint="SRV,ADT,MaxCount,PeriodMinutes for an aggregate ADT across all Users; SRV,PACKET,Value,Lowest,Highest for a packet-inspection range (a bound may be blank). The whole set is replaced."
      />
      <CheckboxField id="temporary" name="temporary" label="Temporary change (e.g. SMKI recovery): can be restored to the version before it" defaultChecked={values.temporary ? values.temporary === "on" : temporary} />
      <Button type="submit" disabled={pending}>
        {pending ? "Applying…" : "Apply as a new version"}
      </Button>
    </form>
  );
}

export function RestoreThresholdsForm({ setId, label }: { setId: string; label: string }) {
  const { state, dispatch, pending, key } = useFormAction(restoreThresholdsAction);
  return (
    <form key={key} action={dispatch} className="space-y-2" aria-busy={pending}>
      <FormMessage result={state} />
      <input type="hidden" name="setId" value={setId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Restoring…" : label}
      </Button>
    </form>
  );
}
