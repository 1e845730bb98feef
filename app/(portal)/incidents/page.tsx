import type { Metadata } from "next";
import Link from "next/link";
import { CategoryBadge, CurrentSla, IncidentStatusBadge } from "@/components/incidents/badges";
import { QueueTable, type QueueRow } from "@/components/incidents/queue-table";
import { DeleteViewButton, SaveViewForm } from "@/components/incidents/queue-views";
import { ServiceAlertsBanner } from "@/components/incidents/service-alerts";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Input, Select, OptionsSelect } from "@/components/ui/form";
import { DisclosureMenu } from "@/components/ui/menu";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/table";
import { can, seesAllParties } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon, now } from "@/lib/clock";
import { formatCount, plural } from "@/lib/format";
import { incidentQueueOptions } from "@/lib/home/service-desk";
import { BULK_LIMIT } from "@/lib/incidents/bulk-update-incidents";
import { CATEGORIES, CATEGORY_DEFINITIONS } from "@/lib/incidents/categories";
import { listIncidents, type IncidentListRow } from "@/lib/incidents/read-incidents";
import { listServiceAlerts } from "@/lib/incidents/service-alerts";
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
  return {
    ref: incident.ref,
    summary: incident.summary,
    isMajor: incident.isMajor,
    party: incident.raisedByParty.name,
    assignee: incident.assignee?.name ?? null,
    group: incident.resolverGroup,
    pendingWith: incident.status === "PENDING" ? (incident.pendingWithParty?.name ?? null) : null,
    created: formatLondon(incident.createdAt),
    category: <CategoryBadge category={incident.category} />,
    status: <IncidentStatusBadge status={incident.status} />,
    sla: <CurrentSla incident={incident} at={at} />,
  };
}

/** Quick status views above the list: the default (open), closed, and everything. */
const STATUS_VIEWS = [
  ["open", "Open"],
  ["CLOSED", "Closed"],
  ["all", "All"],
] as const;

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("incident.view");
  const raw = await searchParams;
  const desk = can(actor, "incident.manage");
  const allParties = seesAllParties(actor, "incident.view");
  const params = Object.fromEntries([...FIELDS, "page"].map((f) => [f, first(raw[f as keyof Search])]).filter(([, v]) => v)) as Record<string, string>;
  // Everyone's list is the open incidents unless another status (or "all") is chosen: the desk's queue, and a
  // party's own work (its closed history is one click away).
  if (!params.status) params.status = "open";

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
  const filtered = FIELDS.some((f) => f !== "sort" && params[f] && !(f === "status" && params[f] === "open"));
  const moreFilters = (["assignee", "group", "party", "sort"] as const).filter((f) => params[f]).length;
  const statusViewHref = (status: string) => `/incidents?${new URLSearchParams({ ...Object.fromEntries(Object.entries(params).filter(([k]) => k !== "page")), status })}`;
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
      <form key={listQuery} action="/incidents" method="get" role="search" aria-label="Filter incidents" className="mb-3 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm">
        <div className="min-w-64 flex-1">
          <Label htmlFor="q">Reference, summary, Device ID or MPxN</Label>
          <Input name="q" type="search" defaultValue={params.q} autoComplete="off" placeholder="e.g. INC0000012, 00-DB-12-34-56-78-90-A0 or 1012345678905" />
        </div>
        <div>
          <Label htmlFor="status">Status</Label>
          <Select name="status" defaultValue={params.status}>
            <option value="open">Open</option>
            <option value="all">Any status</option>
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
        <DisclosureMenu summary={moreFilters ? `More filters (${moreFilters})` : "More filters"} defaultOpen={false} testId="more-filters">
          <div className="grid gap-3">
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
                <div>
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
            <button type="submit" className="justify-self-start rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              Apply
            </button>
          </div>
        </DisclosureMenu>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Filter
        </button>
        <Link href="/incidents" className="py-1.5 text-sm text-slate-600 underline">
          Clear
        </Link>
      </form>

      <section aria-labelledby="results-heading">
        <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-2">
          <h2 id="results-heading" className="text-base font-semibold" data-testid="incident-count">
            {plural(page.count, "incident")}
            {filters.status === "open" ? " open" : ""}
          </h2>
          <nav aria-label="Incidents by status" className="flex overflow-hidden rounded-md border border-slate-300 text-sm" data-testid="status-views">
            {STATUS_VIEWS.map(([status, label]) => (
              <Link
                key={status}
                href={statusViewHref(status)}
                aria-current={params.status === status ? "page" : undefined}
                className="border-l border-slate-300 px-3 py-1 text-slate-700 first:border-l-0 hover:bg-slate-50 aria-[current=page]:bg-brand-700 aria-[current=page]:font-medium aria-[current=page]:text-white"
              >
                {label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <DisclosureMenu summary={views.length ? `Saved views (${views.length})` : "Saved views"} testId="saved-views-menu">
              {views.length === 0 ? (
                <p className="text-sm text-slate-600" data-testid="no-saved-views">
                  No saved views yet. Filter the list, then save the view to come back to it in one click.
                </p>
              ) : (
                <ul className="max-h-72 divide-y divide-slate-100 overflow-y-auto text-sm" data-testid="saved-views">
                  {views.map((v) => (
                    <li key={v.id} className="flex items-center justify-between gap-3 py-1.5" data-testid="saved-view">
                      <Link href={`/incidents?${v.query}`} aria-current={v.query === query ? "page" : undefined} className="font-medium text-brand-700 hover:underline aria-[current=page]:underline">
                        {v.name}
                      </Link>
                      <span className="flex items-center gap-3">
                        {v.count === null ? null : (
                          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold tabular-nums text-slate-700" data-testid="saved-view-count" aria-label={plural(v.count, "incident")}>
                            {formatCount(v.count)}
                          </span>
                        )}
                        <DeleteViewButton id={v.id} name={v.name} />
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <div className="mt-3 border-t border-slate-200 pt-3">
                {query ? <SaveViewForm query={query} /> : <p className="text-sm text-slate-600">Choose a filter first: a view saves the filters above.</p>}
              </div>
            </DisclosureMenu>
            {page.count > 0 ? (
              <ButtonLink variant="secondary" href={`/incidents/export${listQuery ? `?${listQuery}` : ""}`} prefetch={false}>
                Export CSV
              </ButtonLink>
            ) : null}
          </div>
        </div>
        {page.count === 0 ? (
          <EmptyState title={filtered ? "No incidents match these filters." : desk ? "The queue is empty: no open incidents." : "No open incidents."}>
            {filtered ? (
              <>
                Try fewer filters, or{" "}
                <Link href="/incidents" className="underline">
                  clear them
                </Link>
                .
              </>
            ) : (
              <>
                <Link href={statusViewHref("all")} className="underline">
                  See every incident
                </Link>
                {can(actor, "incident.raise") ? (
                  <>
                    , or raise one if something is wrong with a DCC service:{" "}
                    <Link href="/incidents/new" className="underline">
                      Raise an incident
                    </Link>
                  </>
                ) : null}
                .
              </>
            )}
          </EmptyState>
        ) : (
          <>
            <QueueTable
              key={`${listQuery}&page=${page.page}`}
              rows={rows}
              caption={`Incidents: ${page.count}`}
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
