import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/card";
import { FilterBar, Input } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/table";
import { QueueForm } from "@/components/tad/quarantine";
import { can, seesAllParties } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { plural } from "@/lib/format";
import { ADVICE_LABELS } from "@/lib/tad/dcc-advice";
import { QUARANTINE_LABELS } from "@/lib/tad/quarantine-status";
import { QUEUE_VIEWS, quarantineQueue } from "@/lib/tad/read-quarantine";

export const metadata: Metadata = { title: "Quarantine" };

type Search = { view?: string; page?: string; reference?: string };

export default async function QuarantinePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("tad.view");
  const params = await searchParams;
  const { page, groups, view, moreThanCount, reference } = await orPageError(() =>
    quarantineQueue(actor, { view: params.view, page: Number(params.page) || 1, reference: params.reference }),
  );
  const byReference = QUEUE_VIEWS[view].byReference;
  const all = seesAllParties(actor, "tad.view");
  const decide = view === "awaiting" && can(actor, "tad.quarantine.decide");
  return (
    <>
      <PageHeader
        title="Quarantine"
        description={
          all
            ? "Commands held by Threshold Anomaly Detection for every party, soonest to expire first."
            : `Commands of ${actor.partyName} held by Threshold Anomaly Detection. Each is sent only if your SRO releases it within 120 hours; after that it is archived (read-only) and purged 30 days later.`
        }
      />
      <nav aria-label="Quarantine views" className="mb-4 flex gap-2 text-sm">
        {Object.entries(QUEUE_VIEWS).map(([key, v]) => (
          <Link
            key={key}
            href={`/quarantine?view=${key}`}
            aria-current={key === view ? "page" : undefined}
            className={`rounded-md px-3 py-1 ${key === view ? "bg-brand-600 text-white" : "border border-slate-300 bg-white hover:bg-slate-100"}`}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      {page.count ? (
        <p className="mb-2 text-sm text-slate-600" data-testid="quarantine-count">
          {moreThanCount ? `More than ${plural(page.count, "command")}` : plural(page.count, "command")}
          {all
            ? " (read-only: each User's SRO releases or deletes, including where the DCC advised that the User decides)"
            : !can(actor, "tad.quarantine.decide")
              ? " (read-only: your SRO decides)"
              : ""}
        </p>
      ) : null}
      {byReference ? (
        <FilterBar action="/quarantine">
          <input type="hidden" name="view" value={view} />
          <label className="text-sm">
            <span className="mb-1 block font-medium">RequestID or incident reference</span>
            <Input name="reference" defaultValue={reference ?? ""} className="w-96" />
          </label>
        </FilterBar>
      ) : null}
      <QueueForm
        groups={groups}
        decide={decide}
        serverNow={now().getTime()}
        labels={{ status: QUARANTINE_LABELS, advice: ADVICE_LABELS }}
        showParty={all}
        empty={
          byReference && !reference ? (
            <EmptyState title="Archived commands are shown by reference.">
              They stay read-only for 30 days after their 120 hours. Give the RequestID of a command, or the reference of its incident.
            </EmptyState>
          ) : (
            <EmptyState title={view === "awaiting" ? "Nothing is held in quarantine." : `No ${QUEUE_VIEWS[view].label.toLowerCase()} commands${reference ? ` with reference ${reference}` : ""}.`}>
              {view === "awaiting" ? "A command that breaches an Anomaly Detection Threshold is held here, and its incident is emailed to the party's contacts." : null}
            </EmptyState>
          )
        }
      />
      {page.count ? <Pagination page={page} basePath="/quarantine" params={{ view, reference: reference ?? undefined }} /> : null}
    </>
  );
}
