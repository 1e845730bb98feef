"use client";

// The composer and the signing forms of the Service Request pages. Which fields show follows the chosen SRV; the
// server checks everything again and answers every problem at once.
import { useActionState, useState } from "react";
import { composeServiceRequestAction, signAndSendAction, uploadSignedAction, type ComposeResult } from "@/app/(portal)/service-requests/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form";
import { errorsOf, SelectField, TextAreaField, TextField } from "@/components/ui/fields";
import type { ActionResult } from "@/lib/errors";
import { DownloadButton, XmlBlock } from "./xml";

export interface ComposerSrvOption {
  srv: string;
  name: string;
  group: string;
  critical: boolean;
  nonDevice: boolean;
  futureDated: boolean;
}

const SCHEDULE_SRVS = ["5.2", "5.3"];
const READ_PERIOD_SRVS = ["4.8.1", "4.17"];

export function ComposerForm({ options, signsHere, initialSrv, initialDevice }: { options: ComposerSrvOption[]; signsHere: boolean; initialSrv?: string; initialDevice?: string }) {
  const [state, action, pending] = useActionState<ComposeResult | null, FormData>(composeServiceRequestAction, null);
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  const [srv, setSrv] = useState(values.srv || initialSrv || options[0].srv);
  const option = options.find((o) => o.srv === srv) ?? options[0];
  const errors = errorsOf(state);
  const v = (name: string, fallback = "") => values[name] ?? fallback;
  const groups = [...new Set(options.map((o) => o.group))];
  const unsigned = state?.ok ? state.data : undefined;

  return (
    <div className="space-y-6">
      <form key={state?.seq ?? "new"} action={action} className="space-y-4" aria-label="Compose a Service Request">
        <FormMessage result={state && !state.ok ? state : null} />
        <SelectField id="srv" name="srv" label="Service Request" value={srv} onChange={(e) => setSrv(e.target.value)} error={errors.srv}>
          {groups.map((group) => (
            <optgroup key={group} label={group}>
              {options
                .filter((o) => o.group === group)
                .map((o) => (
                  <option key={o.srv} value={o.srv}>
                    {o.srv} {o.name}
                    {o.critical ? " (Critical)" : ""}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        {option.critical ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="critical-note">
            A Critical Service Request: the DCC answers with a Pre-Command, which your organisation signs (Digital Signing key) and sends back as a Signed Pre-Command.
          </p>
        ) : null}

        {!option.nonDevice || srv === "5.1" || SCHEDULE_SRVS.includes(srv) ? (
          <TextField
            id="deviceId"
            name="deviceId"
            label={SCHEDULE_SRVS.includes(srv) ? "Device ID (all your schedules on it)" : "Device ID"}
            defaultValue={v("deviceId", initialDevice)}
            placeholder="00-DB-12-34-56-78-90-A0"
            autoComplete="off"
            className="font-mono"
            error={errors.deviceId}
          />
        ) : null}
        {SCHEDULE_SRVS.includes(srv) ? (
          <TextField id="scheduleId" name="scheduleId" label="DSPScheduleID" inputMode="numeric" defaultValue={v("scheduleId")} hint="The ID the Create Schedule response gave; or leave empty and give the Device ID." error={errors.scheduleId} />
        ) : null}
        {READ_PERIOD_SRVS.includes(srv) ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField id="readFrom" name="readFrom" type="datetime-local" label="Read from (UK time)" defaultValue={v("readFrom")} error={errors.readFrom} />
            <TextField id="readTo" name="readTo" type="datetime-local" label="Read to (UK time)" defaultValue={v("readTo")} error={errors.readTo} />
          </div>
        ) : null}
        {srv === "1.1.1" ? (
          <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-semibold">Single-rate electricity tariff</legend>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField id="standingCharge" name="standingCharge" inputMode="decimal" label="Standing charge (pence per day)" defaultValue={v("standingCharge")} error={errors.standingCharge} />
              <TextField id="unitRate" name="unitRate" inputMode="decimal" label="Unit rate (pence per kWh)" defaultValue={v("unitRate")} error={errors.unitRate} />
            </div>
          </fieldset>
        ) : null}
        {srv === "5.1" ? (
          <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-semibold">DCC Schedule</legend>
            <SelectField id="scheduledSrv" name="scheduledSrv" label="Read to schedule" defaultValue={v("scheduledSrv")} error={errors.scheduledSrv} hint="Each run reads the previous day.">
              <option value="">Choose…</option>
              <option value="4.17">4.17 Retrieve Daily Consumption Log</option>
              <option value="4.8.1">4.8.1 Read Active Import Profile Data</option>
            </SelectField>
            <SelectField id="frequency" name="frequency" label="Frequency" defaultValue={v("frequency")} error={errors.frequency}>
              <option value="">Choose…</option>
              <option value="Daily">Daily</option>
              <option value="Weekly">Weekly</option>
              <option value="Monthly">Monthly</option>
            </SelectField>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField id="startDate" name="startDate" type="date" label="Start date" defaultValue={v("startDate")} error={errors.startDate} />
              <TextField id="endDate" name="endDate" type="date" label="End date (optional)" defaultValue={v("endDate")} error={errors.endDate} />
            </div>
          </fieldset>
        ) : null}
        {option.futureDated ? (
          <TextField
            id="executionDateTime"
            name="executionDateTime"
            type="datetime-local"
            label="Execute at (optional, UK time)"
            defaultValue={v("executionDateTime")}
            hint="Leave empty to send now; at most 30 days ahead."
            error={errors.executionDateTime}
          />
        ) : null}

        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : signsHere ? "Send request" : "Build the request XML"}
        </Button>
        {signsHere ? null : <p className="text-sm text-slate-600">The portal holds no signing key of your organisation: it builds the request for you to sign with your own tools, then you upload it.</p>}
      </form>

      {unsigned ? (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Unsigned request" data-testid="unsigned-request">
          <FormMessage result={state} />
          <XmlBlock title={`Unsigned request for /api/v1/${unsigned.endpoint}`} xml={unsigned.xml} testId="unsigned-xml" />
          <DownloadButton content={unsigned.xml} filename={`${unsigned.requestId.replaceAll(":", "_")}.xml`} type="application/xml" label="Download XML" />
          <UploadSignedForm title="Upload the signed request" />
        </section>
      ) : null}
    </div>
  );
}

/** A request or Signed Pre-Command the party signed with its own tools: a file, or pasted XML. */
export function UploadSignedForm({ title }: { title: string }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(uploadSignedAction, null);
  const errors = errorsOf(state);
  return (
    <form action={action} className="space-y-3" aria-label={title}>
      <h3 className="text-sm font-semibold">{title}</h3>
      <FormMessage result={state} />
      <TextField id="signed-file" name="file" type="file" accept=".xml,application/xml,text/xml" label="Signed XML file" />
      <TextAreaField id="signed-xml" name="xml" rows={4} label="Or paste the signed XML" className="font-mono text-xs" error={errors.xml} />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send signed request"}
      </Button>
    </form>
  );
}

/** Demo mode: the portal signs the Pre-Command with the party's Digital Signing key and sends the Signed Pre-Command. */
export function SignAndSendForm({ id }: { id: string }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(signAndSendAction, null);
  return (
    <form action={action} className="space-y-2" aria-label="Sign and send the Pre-Command">
      <FormMessage result={state} />
      <input type="hidden" name="id" value={id} />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing…" : "Sign and send"}
      </Button>
    </form>
  );
}

