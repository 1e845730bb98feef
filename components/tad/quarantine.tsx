"use client";

// The quarantine queue's interactive parts: tick held commands and release or delete them (an itemised result, as the
// incident bulk actions give), the 120-hour countdown, the QCA upload and the DCC's advice forms.
import Link from "next/link";
import { useActionState } from "react";
import { adviceAction, decideAction, deleteAsAdvisedAction, uploadQcaAction } from "@/app/(portal)/quarantine/actions";
import { formatDuration, useServerClock } from "@/components/incidents/queue-countdown";
import { Badge } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form";
import { submitKeepingFiles } from "@/components/ui/use-form-action";
import type { DccAdvice, QuarantineStatus } from "@/generated/prisma/enums";
import type { ActionResult } from "@/lib/errors";
import type { DecisionResult } from "@/lib/tad/decide";
import type { QcaResult } from "@/lib/tad/qca";
import type { QueueGroup, QueueItem } from "@/lib/tad/read-quarantine";

const SUBMIT = "rounded-md px-3 py-1 text-sm font-medium text-white disabled:cursor-not-allowed disabled:bg-slate-400";

/** Time left of the 120 hours, ticking; "archived" once it is over. */
export function Countdown({ until, serverNow }: { until: string; serverNow: number }) {
  const at = useServerClock(serverNow);
  const left = new Date(until).getTime() - at;
  return (
    <span className={`whitespace-nowrap font-mono text-xs ${left < 12 * 3_600_000 ? "text-red-700" : "text-slate-700"}`} data-testid="countdown">
      {left > 0 ? `${formatDuration(left)} left` : "120 hours over"}
    </span>
  );
}

export function StatusBadge({ status, labels }: { status: QuarantineStatus; labels: Record<QuarantineStatus, string> }) {
  const tone = status === "QUARANTINED" ? "amber" : status === "RELEASED" ? "green" : status === "ARCHIVED" || status === "PURGED" ? "slate" : "red";
  return (
    <span data-testid="quarantine-status">
      <Badge tone={tone}>{labels[status]}</Badge>
    </span>
  );
}

function DecisionReport({ result }: { result: DecisionResult }) {
  const rows = [
    ...result.decided.map((d) => ({ id: d.id, requestId: d.requestId, outcome: "Done", reason: "" })),
    ...result.skipped.map((s) => ({ id: s.id, requestId: s.requestId ?? s.id, outcome: "Skipped", reason: s.reason })),
    ...result.failed.map((f) => ({ id: f.id, requestId: f.requestId ?? f.id, outcome: "Failed", reason: f.reason })),
  ];
  return (
    <ul className="mt-2 space-y-0.5 text-xs" data-testid="decision-result">
      {rows.map((r) => (
        <li key={r.id} data-outcome={r.outcome.toLowerCase()}>
          <span className="font-mono">{r.requestId}</span>: {r.outcome}
          {r.reason ? ` (${r.reason})` : ""}
        </li>
      ))}
    </ul>
  );
}

export interface QueueLabels {
  status: Record<QuarantineStatus, string>;
  advice: Record<DccAdvice, string>;
}

/** The queue's groups; with `decide`, a tick box per decidable item and the Release / Delete buttons. */
export function QueueForm({
  groups,
  decide,
  serverNow,
  labels,
  showParty,
  empty = null,
}: {
  groups: QueueGroup[];
  decide: boolean;
  serverNow: number;
  labels: QueueLabels;
  showParty: boolean;
  /** Shown when nothing is listed; the form stays, so the result of the decision that emptied it stays too. */
  empty?: React.ReactNode;
}) {
  const [state, action, pending] = useActionState(decideAction, null as ActionResult<DecisionResult> | null);
  return (
    <form action={action} aria-label="Quarantined commands" className="space-y-4">
      {decide ? (
        <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-slate-50 p-3" data-testid="decision-bar">
          <p className="text-sm">Tick the held commands to decide (at most 100 at a time).</p>
          <button type="submit" name="decision" value="release" className={`${SUBMIT} bg-brand-600 hover:bg-brand-700`} disabled={pending || !groups.length}>
            Release
          </button>
          <button type="submit" name="decision" value="delete" className={`${SUBMIT} bg-red-600 hover:bg-red-700`} disabled={pending || !groups.length}>
            Delete
          </button>
          <div className="w-full" aria-live="polite">
            <FormMessage result={state} />
            {state?.ok && state.data ? <DecisionReport result={state.data} /> : null}
          </div>
        </div>
      ) : null}
      {groups.length ? null : empty}
      {groups.map((group) => (
        <section key={`${group.incident.id}|${group.threshold}`} className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="quarantine-group">
          <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-2">
            <h2 className="text-sm font-semibold">
              <Link href={`/quarantine/incidents/${group.incident.id}`} className="text-brand-700 hover:underline">
                {group.incident.ref}
              </Link>{" "}
              <span className="font-normal text-slate-600">· {group.threshold}</span>
            </h2>
            <span className="text-xs text-slate-600">{group.items.length} on this page</span>
          </header>
          <div className="relative overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">
                Held commands of {group.incident.ref}, {group.threshold}
              </caption>
              <thead className="bg-slate-50 text-left text-xs text-slate-600">
                <tr>
                  {decide ? <th className="w-8 px-3 py-1.5"><span className="sr-only">Select</span></th> : null}
                  <th className="px-3 py-1.5">RequestID</th>
                  <th className="px-3 py-1.5">Command</th>
                  <th className="px-3 py-1.5">Values</th>
                  <th className="px-3 py-1.5">DCC advice</th>
                  <th className="px-3 py-1.5">Status</th>
                </tr>
              </thead>
              <tbody>
                {group.items.map((item) => (
                  <ItemRow key={item.id} item={item} decide={decide} serverNow={serverNow} labels={labels} showParty={showParty} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </form>
  );
}

function ItemRow({ item, decide, serverNow, labels, showParty }: { item: QueueItem; decide: boolean; serverNow: number; labels: QueueLabels; showParty: boolean }) {
  const selectable = item.canRelease || item.canDelete;
  return (
    <tr className="border-t border-slate-100 align-top" data-testid="quarantine-item" data-request-id={item.requestId}>
      {decide ? (
        <td className="px-3 py-2">
          {selectable ? <input type="checkbox" name="ids" value={item.id} aria-label={`Select ${item.requestId}`} className="h-4 w-4" /> : null}
        </td>
      ) : null}
      <td className="px-3 py-2">
        <Link href={`/quarantine/${item.id}`} className="break-all font-mono text-xs text-brand-700 hover:underline">
          {item.requestId}
        </Link>
        {showParty ? <div className="text-xs text-slate-600">{item.partyName}</div> : null}
      </td>
      <td className="px-3 py-2">
        <div>
          SRV {item.srv} {item.srvName}
        </div>
        <div className="font-mono text-xs text-slate-600">{item.deviceId ?? "No device"}</div>
      </td>
      <td className="px-3 py-2 text-xs">
        <Values values={item.values} />
      </td>
      <td className="px-3 py-2 text-xs">{item.dccAdvice ? labels.advice[item.dccAdvice] : item.breach === "USER" ? "Not applicable" : "Awaiting the DCC"}</td>
      <td className="px-3 py-2">
        <StatusBadge status={item.status} labels={labels.status} />
        {item.status === "QUARANTINED" ? (
          <div>
            <Countdown until={item.downloadUntil.toISOString()} serverNow={serverNow} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}

export function Values({ values }: { values: [string, string][] }) {
  if (!values.length) return <span className="text-slate-500">No values</span>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-2" data-testid="held-values">
      {values.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-slate-600">{name}</dt>
          <dd className="break-all font-mono">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const CONTROL = "mt-0.5 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm shadow-sm";

/** The QCA upload (file + detached signature); a refusal lists every reason. */
export function QcaUploadForm({ incidentId }: { incidentId: string }) {
  const [state, action, pending] = useActionState(uploadQcaAction, null as ActionResult<QcaResult> | null);
  const refused = state?.ok && state.data && !state.data.accepted ? state.data.reasons : null;
  const decided = state?.ok && state.data?.accepted ? state.data.decided : null;
  return (
    <form onSubmit={submitKeepingFiles(action)} className="space-y-3" aria-label="Upload a QCA File">
      <input type="hidden" name="incidentId" value={incidentId} />
      <label className="block text-sm font-medium">
        QCA File (CSV)
        <input type="file" name="file" accept=".csv,text/csv" required className={CONTROL} />
      </label>
      <label className="block text-sm font-medium">
        Signature (the .sig file openssl wrote)
        <input type="file" name="signature" required className={CONTROL} />
      </label>
      <button type="submit" className={`${SUBMIT} bg-brand-600 hover:bg-brand-700`} disabled={pending}>
        Upload QCA File
      </button>
      <div aria-live="polite" data-testid="qca-result">
        <FormMessage result={state?.ok && refused ? { ok: false, message: state.message ?? "" } : state} />
        {refused ? (
          <ul className="mt-1 list-disc pl-5 text-xs text-red-800">
            {refused.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : null}
        {decided ? (
          <ul className="mt-1 space-y-0.5 text-xs" data-testid="qca-decided">
            {decided.map((d) => (
              <li key={d.requestId} data-action={d.action.toLowerCase()}>
                <span className="font-mono">{d.requestId}</span>: {d.action === "RELEASE" ? "Released (Command sent)" : "Deleted"}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </form>
  );
}

/** DCC admins: record advice on the incident's DCC-threshold items, and delete the ones that must be deleted. */
export function AdviceForms({ incidentId, labels }: { incidentId: string; labels: Record<DccAdvice, string> }) {
  const [adviceState, advise, advising] = useActionState(adviceAction, null as ActionResult | null);
  const [deleteState, remove, removing] = useActionState(deleteAsAdvisedAction, null as ActionResult | null);
  return (
    <div className="space-y-4">
      <form action={advise} className="flex flex-wrap items-end gap-2" aria-label="Record the DCC's advice">
        <input type="hidden" name="incidentId" value={incidentId} />
        <label className="text-sm font-medium">
          Advice to the User
          <select name="advice" required defaultValue="" className={CONTROL}>
            <option value="" disabled>
              Choose…
            </option>
            {Object.entries(labels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={`${SUBMIT} bg-brand-600 hover:bg-brand-700`} disabled={advising}>
          Record advice
        </button>
        <FormMessage result={adviceState} />
      </form>
      <form action={remove} aria-label="Delete as advised">
        <input type="hidden" name="incidentId" value={incidentId} />
        <button type="submit" className={`${SUBMIT} bg-red-600 hover:bg-red-700`} disabled={removing}>
          Delete the items that must be deleted
        </button>
        <FormMessage result={deleteState} />
      </form>
    </div>
  );
}
