"use client";

// Service Alerts (service.md: "a DCC notice to Interested Parties about a current issue that may affect Services"):
// the banner of active ones on the incident list, the Service Desk's publish and end forms, and the button a party
// uses instead of raising a duplicate: ask the Service Desk to add it as an Interested Party (AG 2.1.4, scenario 30).
import Link from "next/link";
import { useActionState, useState, useTransition } from "react";
import type { FormResult } from "@/app/(portal)/incidents/[ref]/actions";
import { endServiceAlertAction, publishServiceAlertAction, requestInterestAction } from "@/app/(portal)/incidents/service-alerts/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form";
import type { ActionResult } from "@/lib/errors";
import { TextAreaField, TextField, errorsOf } from "@/components/ui/fields";
import { plural } from "@/lib/format";

/** What a banner or a related panel shows of an active Service Alert (times formatted on the server, London time). */
export interface ServiceAlertSummary {
  id: string;
  title: string;
  service: string;
  /** ISO time it became active. */
  since: string;
  /** The same, for reading. */
  sinceLabel: string;
}

/** The incident list's banner: up to `limit` active Service Alerts and a link to all of them; nothing when none. */
export function ServiceAlertsBanner({ alerts, limit = 3 }: { alerts: ServiceAlertSummary[]; limit?: number }) {
  if (!alerts.length) return null;
  const shown = alerts.slice(0, limit);
  const more = alerts.length - shown.length;
  return (
    <section aria-labelledby="service-alerts-banner-heading" data-testid="service-alerts-banner" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="service-alerts-banner-heading" className="font-semibold">
          Service Alerts: {plural(alerts.length, "current issue")} that may affect Services
        </h2>
        <Link href="/incidents/service-alerts" className="font-medium text-brand-700 underline">
          All Service Alerts
        </Link>
      </div>
      <ul className="mt-2 space-y-1">
        {shown.map((a) => (
          <li key={a.id} data-testid="service-alert-banner-item">
            <span className="font-medium">{a.title}</span> <span className="text-amber-900">· {a.service} · since <time dateTime={a.since}>{a.sinceLabel}</time></span>
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="mt-1 text-xs">and {more} more.</p> : null}
    </section>
  );
}

/** The Service Desk's form to publish a Service Alert; a refused form keeps what was typed. */
export function PublishServiceAlertForm() {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(publishServiceAlertAction, null);
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  const errors = errorsOf(state);
  return (
    <form key={String(state?.seq ?? "new")} action={action} className="space-y-3" aria-label="Publish a Service Alert">
      <FormMessage result={state} />
      <TextField id="alert-title" name="title" label="Title" error={errors.title} required maxLength={150} defaultValue={values.title} />
      <TextAreaField
        id="alert-description"
        name="description"
        label="Description"
        hint="The issue and its effect on Services, and any workaround."
        error={errors.description}
        required
        rows={4}
        maxLength={4000}
        defaultValue={values.description}
      />
      <TextField id="alert-service" name="service" label="Affected Service" hint="e.g. SR 4.1 Read Instantaneous Values, Self-Service Interface." error={errors.service} required maxLength={100} defaultValue={values.service} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField id="alert-deviceId" name="deviceId" label="Device ID (optional)" error={errors.deviceId} autoComplete="off" className="font-mono" maxLength={30} defaultValue={values.deviceId} />
        <TextField id="alert-mpxn" name="mpxn" label="MPxN (optional)" error={errors.mpxn} autoComplete="off" inputMode="numeric" className="font-mono" maxLength={20} defaultValue={values.mpxn} />
        <TextField id="alert-incidentRef" name="incidentRef" label="Incident reference (optional)" hint="e.g. INC0000012." error={errors.incidentRef} autoComplete="off" className="font-mono" maxLength={20} defaultValue={values.incidentRef} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Publishing…" : "Publish Service Alert"}
      </Button>
    </form>
  );
}

/** Ends one active Service Alert. */
export function EndServiceAlertButton({ id, title }: { id: string; title: string }) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(endServiceAlertAction, null);
  return (
    <form action={action} className="inline-flex flex-col items-end gap-1">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`End Service Alert ${title}`}>
        {pending ? "Ending…" : "End"}
      </Button>
      {state && !state.ok ? <FormMessage result={state} /> : null}
    </form>
  );
}

/**
 * "Ask the Service Desk to add us as an Interested Party": emails the desk instead of raising a duplicate. A plain
 * button (it sits inside the raise form, where another form may not nest) calling the server action directly.
 */
export function InterestRequestButton({ subject, message }: { subject: string; message?: string }) {
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  function ask() {
    startTransition(async () => {
      setResult(await requestInterestAction({ subject: subject.slice(0, 200), message: message?.trim().slice(0, 2000) || undefined }));
    });
  }
  return (
    <div className="space-y-2" data-testid="interest-request">
      {result?.ok ? null : (
        <Button type="button" variant="secondary" onClick={ask} disabled={pending}>
          {pending ? "Asking…" : "Ask the Service Desk to add us as an Interested Party"}
        </Button>
      )}
      <FormMessage result={result} />
    </div>
  );
}
