"use client";

// The raise form (a party, Categories 2-5) and the Service Desk's phoned-in form (any category, for a chosen party).
// It asks the seed's mandatory fields (AG 2.3.1), the pre-raise checks (AG 2.1.3) and, while the user types, shows
// active Service Alerts and open incidents that look related (AG 2.1.4) so a duplicate can be joined as an Interested
// Party instead: the party asks the Service Desk in one click (service.md §7 scenario 30).
import Link from "next/link";
import { useActionState, useEffect, useMemo, useState } from "react";
import { raiseIncidentAction, recordPhonedIncidentAction, type FormResult } from "@/app/(portal)/incidents/[ref]/actions";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { CheckboxField, SelectField, TextAreaField, TextField, errorsOf, type FieldErrors } from "@/components/ui/fields";
import { InterestRequestButton, type ServiceAlertSummary } from "./service-alerts";

export interface CategoryCard {
  category: number;
  name: string;
  meaning: string;
  response: string;
  resolution: string;
}

export interface RaiseFormProps {
  mode: "raise" | "phoned";
  categories: CategoryCard[];
  serviceDeskPhone: string;
  /** What the form starts with: the contact, and the device, MPxN and summary when raised from a device's page. */
  defaults: { contactName?: string; contactOrganisation?: string; contactDetails?: string; deviceId?: string; mpxn?: string; summary?: string };
  /** Phoned mode: the parties that may have phoned. */
  parties?: { id: string; name: string }[];
  /** New for each rendering of the page: submitting this form twice raises one incident (lib/idempotency.ts). */
  formKey: string;
}

/** AG 2.1.3 (a)-(d); the names match the server action's. */
const CHECKS = [
  { name: "checkDevices", label: "(a) The issue is not in the HAN, Smart Meters or other Devices we operate." },
  { name: "checkSystems", label: "(b) The issue is not in our own systems or processes." },
  { name: "checkSelfHelp", label: "(c) We followed the DCC self-help, checked the Known Errors and applied any workaround." },
  { name: "checkSsi", label: "(d) We tried to resolve it through the SSI or a Service Request we are entitled to send." },
];

/** A field error's control: the first check or category of a group, the field's own id otherwise. */
function raiseFieldId(key: string, props: RaiseFormProps): string {
  if (key === "checks") return `raise-${CHECKS[0].name}`;
  if (key === "category") return `raise-category-${props.mode === "phoned" ? 1 : 2}`;
  return `raise-${key}`;
}

export function RaiseIncidentForm(props: RaiseFormProps) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(props.mode === "raise" ? raiseIncidentAction : recordPhonedIncidentAction, null);
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  // A refused form comes back with what was sent; remounting the fields restores it (React resets a submitted form).
  return (
    <form key={state?.seq ?? "new"} action={action} className="space-y-6" aria-label={props.mode === "raise" ? "Raise an incident" : "Record a phoned-in incident"} noValidate={false}>
      <ErrorSummary result={state} fieldId={(key) => raiseFieldId(key, props)} />
      <input type="hidden" name="formKey" value={props.formKey} />
      <RaiseFields {...props} values={values} errors={errorsOf(state)} />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : props.mode === "raise" ? "Raise incident" : "Record incident"}
      </Button>
    </form>
  );
}

function RaiseFields({ mode, categories, serviceDeskPhone, defaults, parties = [], values, errors }: RaiseFormProps & { values: Record<string, string>; errors: FieldErrors }) {
  const [partyId, setPartyId] = useState(values.partyId ?? "");
  const [organisation, setOrganisation] = useState(values.contactOrganisation ?? defaults.contactOrganisation ?? "");
  const [deviceId, setDeviceId] = useState(values.deviceId ?? defaults.deviceId ?? "");
  const [mpxn, setMpxn] = useState(values.mpxn ?? defaults.mpxn ?? "");
  const [summary, setSummary] = useState(values.summary ?? defaults.summary ?? "");
  const v = (name: string, fallback = "") => values[name] ?? fallback;
  const selectable = categories.filter((c) => mode === "phoned" || c.category !== 1);
  const major = categories.find((c) => c.category === 1);

  function choosePartyThatPhoned(id: string) {
    const before = parties.find((p) => p.id === partyId)?.name ?? "";
    const after = parties.find((p) => p.id === id)?.name ?? "";
    // The organisation follows the party unless the agent typed something else.
    if (!organisation.trim() || organisation === before) setOrganisation(after);
    setPartyId(id);
  }

  return (
    <>
      {mode === "raise" ? (
        <fieldset className="space-y-2 rounded-md border border-slate-200 p-3" aria-describedby={errors.checks ? "checks-error" : undefined}>
          <legend className="px-1 text-sm font-semibold">Before you raise an incident (AG 2.1.3)</legend>
          <p className="text-xs text-slate-600">Confirm each check. Issues in your own devices, systems or processes are not incidents for the DCC.</p>
          {CHECKS.map((c) => (
            <CheckboxField key={c.name} id={`raise-${c.name}`} name={c.name} label={c.label} required defaultChecked={values[c.name] === "on"} />
          ))}
          {errors.checks ? (
            <p id="checks-error" data-testid="checks-error" className="text-sm text-red-700">
              {errors.checks}
            </p>
          ) : null}
        </fieldset>
      ) : null}

      {mode === "phoned" ? (
        <SelectField
          id="raise-partyId"
          name="partyId"
          label="Party that phoned"
          error={errors.partyId}
          required
          value={partyId}
          onChange={(e) => choosePartyThatPhoned(e.target.value)}
        >
          <option value="">Choose a party…</option>
          {parties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      ) : null}

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Contact</legend>
        <TextField id="raise-contactName" name="contactName" label="Contact name" error={errors.contactName} required maxLength={120} autoComplete="name" defaultValue={v("contactName", defaults.contactName)} />
        <TextField
          id="raise-contactOrganisation"
          name="contactOrganisation"
          label="Contact organisation"
          error={errors.contactOrganisation}
          required
          maxLength={120}
          autoComplete="organization"
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
        />
        <TextField
          id="raise-contactDetails"
          name="contactDetails"
          label="Contact details"
          hint="Email address and/or phone number."
          error={errors.contactDetails}
          required
          maxLength={200}
          defaultValue={v("contactDetails", defaults.contactDetails)}
        />
        <TextField id="raise-ownReference" name="ownReference" label="Your own incident reference (optional)" error={errors.ownReference} maxLength={60} defaultValue={v("ownReference")} />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">What happened</legend>
        <TextField
          id="raise-occurredAt"
          name="occurredAt"
          type="datetime-local"
          label="Date and time of occurrence"
          hint="UK time."
          error={errors.occurredAt}
          required
          defaultValue={v("occurredAt")}
        />
        <div className="hidden sm:block" />
        <TextField
          id="raise-mpxn"
          name="mpxn"
          label="MPxN (optional)"
          hint="MPAN (13 digits) or MPRN (6-10 digits), where the incident concerns a Metering Point."
          error={errors.mpxn}
          inputMode="numeric"
          autoComplete="off"
          className="font-mono"
          defaultValue={v("mpxn", defaults.mpxn)}
          onChange={(e) => setMpxn(e.target.value)}
        />
        <TextField
          id="raise-deviceId"
          name="deviceId"
          label="Device ID (optional)"
          hint="16 hexadecimal digits, where the incident concerns a device."
          error={errors.deviceId}
          autoComplete="off"
          className="font-mono"
          defaultValue={v("deviceId", defaults.deviceId)}
          onChange={(e) => setDeviceId(e.target.value)}
        />
        <div className="sm:col-span-2">
          <TextField id="raise-summary" name="summary" label="Summary" error={errors.summary} required maxLength={200} defaultValue={v("summary", defaults.summary)} onChange={(e) => setSummary(e.target.value)} />
        </div>
        <div className="sm:col-span-2">
          <TextAreaField id="raise-businessImpact" name="businessImpact" label="Business impact" error={errors.businessImpact} required maxLength={2000} defaultValue={v("businessImpact")} />
        </div>
        <div className="sm:col-span-2">
          <TextAreaField
            id="raise-triageResults"
            name="triageResults"
            label="Results of initial triage and diagnosis"
            hint="What you checked and found, with the references of any related incidents."
            error={errors.triageResults}
            required
            rows={4}
            maxLength={4000}
            defaultValue={v("triageResults")}
          />
        </div>
      </fieldset>

      <RelatedIncidents deviceId={deviceId} mpxn={mpxn} summary={summary} serviceDeskPhone={serviceDeskPhone} mode={mode} />

      <fieldset className="space-y-2" aria-describedby={errors.category ? "category-error" : undefined}>
        <legend className="text-sm font-semibold">Category</legend>
        <p className="text-xs text-slate-600">
          {mode === "raise" ? "Propose a category: the Service Desk confirms it." : "The category the Service Desk assigns from the call."}
        </p>
        <div className="grid gap-2 sm:grid-cols-2">
          {selectable.map((c) => (
            <CategoryRadio key={c.category} card={c} defaultChecked={v("category") === String(c.category)} />
          ))}
        </div>
        {mode === "raise" && major ? (
          <div role="note" data-testid="category-1-notice" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            <p className="font-semibold">
              Major incident? Phone the Service Desk on <a href={`tel:${serviceDeskPhone.replace(/\s/g, "")}`} className="underline">{serviceDeskPhone}</a>
            </p>
            <p className="mt-1">
              Category 1 ({major.meaning.split(".")[0]}) is not raised in the portal. Targets: response {major.response}, resolution {major.resolution}.
            </p>
          </div>
        ) : null}
        {errors.category ? (
          <p id="category-error" data-testid="category-error" className="text-sm text-red-700">
            {errors.category}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}

function CategoryRadio({ card, defaultChecked }: { card: CategoryCard; defaultChecked: boolean }) {
  const id = `raise-category-${card.category}`;
  return (
    <label
      htmlFor={id}
      className="flex cursor-pointer gap-3 rounded-md border border-slate-200 bg-white p-3 text-sm hover:border-brand-600 has-checked:border-brand-600 has-checked:bg-brand-50"
    >
      <input id={id} type="radio" name="category" value={card.category} required defaultChecked={defaultChecked} aria-labelledby={`${id}-name`} aria-describedby={`${id}-meaning`} className="mt-1" />
      <span>
        <span id={`${id}-name`} className="block font-semibold">
          Category {card.category}: {card.name}
        </span>
        <span id={`${id}-meaning`} className="block text-slate-700">
          {card.meaning} Response within {card.response}; resolution within {card.resolution}.
        </span>
      </span>
    </label>
  );
}

interface Related {
  visible: { ref: string; summary: string; category: number; statusLabel: string; raisedBy: string }[];
  elsewhere: number;
  serviceAlerts: ServiceAlertSummary[];
}

/** What the Service Desk is asked about: the related Service Alert(s), else the device and/or MPxN typed. */
function interestSubject(alerts: ServiceAlertSummary[], deviceId: string, mpxn: string): string {
  if (alerts.length) return alerts.map((a) => a.title).join("; ").slice(0, 200);
  return [deviceId.trim() ? `device ${deviceId.trim()}` : "", mpxn.trim() ? `MPxN ${mpxn.trim()}` : ""].filter(Boolean).join(" / ");
}

/** Debounced lookup of Service Alerts and open incidents on the same device or MPxN, or with words of the summary. */
function RelatedIncidents({ deviceId, mpxn, summary, serviceDeskPhone, mode }: { deviceId: string; mpxn: string; summary: string; serviceDeskPhone: string; mode: "raise" | "phoned" }) {
  const query = useMemo(() => {
    const params = new URLSearchParams();
    if (deviceId.trim()) params.set("deviceId", deviceId.trim());
    if (mpxn.trim()) params.set("mpxn", mpxn.trim());
    if (summary.split(/\s+/).some((w) => w.length >= 5)) params.set("summary", summary.trim());
    return params.toString();
  }, [deviceId, mpxn, summary]);
  const [result, setResult] = useState<{ query: string; data: Related } | null>(null);

  useEffect(() => {
    if (!query) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/incidents/related?${query}`, { signal: controller.signal, headers: { accept: "application/json" } });
        if (response.ok) setResult({ query, data: (await response.json()) as Related });
      } catch {
        // Aborted or offline: the check is advisory, the form still works.
      }
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const data = query && result ? result.data : null;
  const alerts = data?.serviceAlerts ?? [];
  const any = !!data && (data.visible.length > 0 || data.elsewhere > 0 || alerts.length > 0);
  const subject = data ? interestSubject(alerts, deviceId, mpxn) : "";
  const offerInterest = mode === "raise" && !!data && (alerts.length > 0 || data.elsewhere > 0) && !!subject;
  return (
    <section aria-live="polite" aria-label="Open incidents that look related" data-testid="related-incidents">
      {any ? (
        <div className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
          <h2 className="font-semibold">Is it already logged?</h2>
          {alerts.length ? (
            <div data-testid="related-service-alerts">
              <p>{mode === "raise" ? "The DCC has published these Service Alerts about current issues that look related:" : "Active Service Alerts that look related:"}</p>
              <ul className="mt-1 space-y-1">
                {alerts.map((a) => (
                  <li key={a.id} data-testid="related-service-alert">
                    <span className="font-medium">{a.title}</span>{" "}
                    <span>
                      · {a.service} · since <time dateTime={a.since}>{a.sinceLabel}</time>
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {data.visible.length ? (
            <>
              <p>{mode === "raise" ? "These open incidents you can see look related. If one covers your issue, add a note to it instead of raising another." : "These open incidents look related: check for a duplicate before recording."}</p>
              <ul className="space-y-1">
                {data.visible.map((i) => (
                  <li key={i.ref}>
                    <Link href={`/incidents/${i.ref}`} target="_blank" rel="noopener" className="font-mono font-medium text-brand-700 underline">
                      {i.ref}
                    </Link>{" "}
                    <span>
                      Cat {i.category} · {i.statusLabel} · {i.summary}
                      {mode === "phoned" ? ` · ${i.raisedBy}` : ""}
                    </span>
                    <span className="sr-only"> (opens in a new tab)</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {data.elsewhere > 0 ? (
            <p data-testid="related-elsewhere">
              {data.elsewhere} open incident(s) from other parties already cover this device/MPxN: ask the Service Desk to add you as an Interested Party
              (phone {serviceDeskPhone}).
            </p>
          ) : null}
          {offerInterest ? <InterestRequestButton key={subject} subject={subject} message={summary} /> : null}
        </div>
      ) : null}
    </section>
  );
}
