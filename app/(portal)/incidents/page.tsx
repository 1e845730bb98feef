import type { Metadata } from "next";
import Link from "next/link";
import { CategoryBadge, IncidentStatusBadge, SlaBadge } from "@/components/incidents/badges";
import { QueueTable, type QueueRow } from "@/components/incidents/queue-table";
import { DeleteViewButton, SaveViewForm } from "@/components/incidents/queue-views";
import { ServiceAlertsBanner } from "@/components/incidents/service-alerts";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Input, Select, OptionsSelect } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/table";
import { can, seesAllParties } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon, now } from "@/lib/clock";
import { plural } from "@/lib/format";
import { incidentQueueOptions } from "@/lib/home/service-desk";
import { BULK_LIMIT } from "@/lib/incidents/bulk-update-incidents";
import { CATEGORIES, CATEGORY_DEFINITIONS, atRiskWithinMs, type Category } from "@/lib/incidents/categories";
import { listIncidents, type IncidentListRow } from "@/lib/incidents/read-incidents";
import { listServiceAlerts } from "@/lib/incidents/service-alerts";
import { slaOf } from "@/lib/incidents/sla";
import { RESOLVER_GROUPS, STATUS_LABELS } from "@/lib/incidents/status-machine";
import { canonicalSearchQuery, listSavedSearches } from "@/lib/saved-searches/saved-searches";

export const metadata: Metadata = { title: "Incidents" };

const FIELDS = ["q", "status", "category", "sla", "assignee", "group", "party", "sort"] as const;
type Search = Partial<Record<(typeof FIELDS)[number] | "page", string | string[]>>;

/** Saved views whose current count is shown (one count query each). */
const COUNTED_VIEWS = 8;

const SLA_FILTERS = { breached: "Breached", "at-risk": "At risk (breaching soon)", paused: "Paused" } as const;
/** Bulk status changes: never Resolved (a note per incident), and Pending needs its party (set it on the incident). */
const BULK_STATUSES = (["ASSIGNED", "IN_PROGRESS", "CLOSED"] as const).map((s) => ({ value: s, label: s === "CLOSED" ? "Closed (not an Incident)" : STATUS_LABELS[s] }));

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

function Label({ htmlFor, children }: { htmlFor: string; children: React.ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="block text-xs font-medium text-slate-600">
      {children}
    </label>
  );
}

function toRow(incident: IncidentListRow, at: Date): QueueRow {
  const sla = slaOf(incident, at);
  return {
    ref: incident.ref,
    summary: incident.summary,
    isMajor: incident.isMajor,
    party: incident.raisedByParty.name,
    assignee: incident.assignee?.name ?? null,
    group: incident.resolverGroup,
    pendingWith: incident.status === "PENDING" ? (incident.pendingWithParty?.name ?? null) : null,
    created: formatLondon(incident.createdAt),
    dueAt: sla.resolutionDueAt.getTime(),
    dueLabel: formatLondon(sla.resolutionDueAt),
    remainingMs: sla.remainingMs,
    atRiskMs: atRiskWithinMs(incident.category as Category),
    paused: sla.resolution === "PAUSED",
    stopped: incident.status === "RESOLVED" || incident.status === "CLOSED",
    category: <CategoryBadge category={incident.category} />,
    status: <IncidentStatusBadge status={incident.status} />,
    responseSla: <SlaBadge state={sla.response} label="Response" />,
    resolutionSla: <SlaBadge state={sla.resolution} label="Resolution" />,
  };
}

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("incident.view");
  const raw = await searchParams;
  const desk = can(actor, "incident.manage");
  const allParties = seesAllParties(actor, "incident.view");
  const params = Object.fromEntries([...FIELDS, "page"].map((f) => [f, first(raw[f as keyof Search])]).filter(([, v]) => v)) as Record<string, string>;
  // The desk's queue is the open incidents unless another status (or "all") is chosen.
  if (desk && !params.status) params.status = "open";

  const [{ filters, page }, saved, options, alerts] = await Promise.all([
    orPageError(() => listIncidents(actor, params)),
    orPageError(() => listSavedSearches(actor, "incidents")),
    orPageError(() => incidentQueueOptions(actor)),
    orPageError(() => listServiceAlerts(actor)),
  ]);
  const views = await Promise.all(
    saved.map(async (view, index) => ({
      ...view,
      count: index < COUNTED_VIEWS ? (await listIncidents(actor, Object.fromEntries(new URLSearchParams(view.query)), 1)).page.count : null,
    })),
  );

  const at = now();
  const query = canonicalSearchQuery(new URLSearchParams(params).toString(), "incidents");
  const listQuery = new URLSearchParams(Object.entries(params).filter(([k]) => k !== "page")).toString();
  const filtered = FIELDS.some((f) => f !== "sort" && params[f] && !(desk && f === "status" && params[f] === "open"));
  const rows = page.data.map((incident) => toRow(incident, at));
  const activeAlerts = alerts.map((a) => ({ id: a.id, title: a.title, service: a.service, since: a.activeFrom.toISOString(), sinceLabel: formatLondon(a.activeFrom) }));

  return (
    <>
      <PageHeader
        title="Incidents"
        description={
          allParties
            ? "The Service Desk queue: by category, then by the time left to the Target Resolution Time (AG 2.4.3)."
            : `Incidents ${actor.partyName} raised or is an Interested Party of.`
        }
        actions={
          <>
            {can(actor, "incident.raise") ? <ButtonLink href="/incidents/new">Raise an incident</ButtonLink> : null}
            {desk ? (
              <>
                <ButtonLink variant="secondary" href="/incidents/phoned">
                  Record a phoned incident
                </ButtonLink>
                <ButtonLink variant="secondary" href="/incidents/sla-report">
                  SLA report
                </ButtonLink>
              </>
            ) : null}
            {can(actor, "service-alert.manage") ? (
              <ButtonLink variant="secondary" href="/incidents/service-alerts">
                Service Alerts
              </ButtonLink>
            ) : null}
          </>
        }
      />

      <ServiceAlertsBanner alerts={activeAlerts} />

      {/* Keyed by the filters, so a link to other filters (a saved view, Clear) resets the fields. */}
      <form key={listQuery} action="/incidents" method="get" role="search" aria-label="Filter incidents" className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-72 flex-1">
            <Label htmlFor="q">Reference, summary, Device ID or MPxN</Label>
            <Input name="q" type="search" defaultValue={params.q} autoComplete="off" placeholder="e.g. INC0000012, 00-DB-12-34-56-78-90-A0 or 1012345678905" />
          </div>
          <div>
            <Label htmlFor="status">Status</Label>
            <Select name="status" defaultValue={params.status ?? ""}>
              <option value={desk ? "all" : ""}>Any status</option>
              <option value="open">Open</option>
              {Object.entries(STATUS_LABELS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor="category">Category</Label>
            <Select name="category" defaultValue={params.category ?? ""}>
              <option value="">Any category</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c} — {CATEGORY_DEFINITIONS[c].name}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor="sla">Resolution SLA</Label>
            <OptionsSelect name="sla" value={params.sla} options={SLA_FILTERS} />
          </div>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          {allParties ? (
            <>
              <div>
                <Label htmlFor="assignee">Assigned to</Label>
                <Select name="assignee" defaultValue={params.assignee ?? ""}>
                  <option value="">Anyone</option>
                  {desk ? <option value="me">Assigned to me</option> : null}
                  {options.agents
                    .filter((a) => !desk || a.id !== actor.accountId)
                    .map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                </Select>
              </div>
              <div>
                <Label htmlFor="group">Resolver group</Label>
                <Select name="group" defaultValue={params.group ?? ""}>
                  <option value="">Any group</option>
                  {RESOLVER_GROUPS.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="max-w-xs">
                <Label htmlFor="party">Raised by</Label>
                <Select name="party" defaultValue={params.party ?? ""}>
                  <option value="">Any party</option>
                  {options.parties.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </Select>
              </div>
            </>
          ) : null}
          <div>
            <Label htmlFor="sort">Order</Label>
            <Select name="sort" defaultValue={params.sort ?? ""}>
              <option value="">{allParties ? "Queue order (category, time left)" : "Newest first"}</option>
              {allParties ? <option value="newest">Newest first</option> : <option value="queue">Queue order (category, time left)</option>}
            </Select>
          </div>
          <div className="flex items-center gap-3">
            <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              Filter
            </button>
            <Link href="/incidents" className="py-1.5 text-sm text-slate-600 underline">
              Clear
            </Link>
          </div>
        </div>
      </form>

      <div className="mb-4 grid gap-4 md:grid-cols-2">
        <Card title="Saved views">
          {views.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="no-saved-views">
              No saved views yet. Filter the list, then save the view to come back to it in one click.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="saved-views">
              {views.map((v) => (
                <li key={v.id} className="flex items-center justify-between gap-3 py-1.5" data-testid="saved-view">
                  <Link href={`/incidents?${v.query}`} aria-current={v.query === query ? "page" : undefined} className="font-medium text-brand-700 hover:underline aria-[current=page]:underline">
                    {v.name}
                  </Link>
                  <span className="flex items-center gap-3">
                    {v.count === null ? null : (
                      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold tabular-nums text-slate-700" data-testid="saved-view-count" aria-label={`${v.count} incidents`}>
                        {v.count}
                      </span>
                    )}
                    <DeleteViewButton id={v.id} name={v.name} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Save this view">
          {query ? (
            <SaveViewForm query={query} />
          ) : (
            <p className="text-sm text-slate-600">Choose a filter first: a view saves the filters above.</p>
          )}
        </Card>
      </div>

      <section aria-labelledby="results-heading">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 id="results-heading" className="text-base font-semibold" data-testid="incident-count">
            {plural(page.count, "incident")}
            {filters.status === "open" ? " open" : ""}
          </h2>
          {page.count > 0 ? (
            <ButtonLink variant="secondary" href={`/incidents/export${listQuery ? `?${listQuery}` : ""}`} prefetch={false}>
              Export CSV
            </ButtonLink>
          ) : null}
        </div>
        {page.count === 0 ? (
          <EmptyState title={filtered ? "No incidents match these filters." : desk ? "The queue is empty: no open incidents." : "No incidents yet."}>
            {filtered ? (
              <>
                Try fewer filters, or{" "}
                <Link href="/incidents" className="underline">
                  clear them
                </Link>
                .
              </>
            ) : can(actor, "incident.raise") ? (
              <>
                Something wrong with a DCC service?{" "}
                <Link href="/incidents/new" className="underline">
                  Raise an incident
                </Link>
                .
              </>
            ) : null}
          </EmptyState>
        ) : (
          <>
            <QueueTable
              key={`${listQuery}&page=${page.page}`}
              rows={rows}
              caption={`Incidents: ${page.count}`}
              serverNow={at.getTime()}
              count={page.count}
              query={listQuery}
              bulk={desk ? { groups: RESOLVER_GROUPS, agents: options.agents, meId: actor.accountId, statuses: BULK_STATUSES, limit: BULK_LIMIT } : undefined}
            />
            <Pagination page={page} basePath="/incidents" params={params} />
          </>
        )}
      </section>
    </>
  );
}
