import type { Metadata } from "next";
import Link from "next/link";
import type { CplDeviceType } from "@/generated/prisma/enums";
import { Banner, DeviceTypeLabel, REGION_LABELS, SmiStatusBadge } from "@/components/smi/badges";
import { DeleteSavedSearchButton, SaveSearchForm } from "@/components/smi/forms";
import { modelLabel } from "@/components/smi/models";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { Input, Select, OptionsSelect } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { can } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formatCount, plural } from "@/lib/format";
import { formatEui64 } from "@/lib/identifiers";
import { canonicalSearchQuery, listSavedSearches } from "@/lib/saved-searches/saved-searches";
import { cplModelOptions } from "@/lib/smi/read-cpl";
import { COUNT_CAP, searchDevices, type DeviceSearch } from "@/lib/smi/search-devices";
import { SEARCH_BY } from "@/lib/smi/search-query";
import { DEVICE_TYPE_LABELS, STATUS_LABELS } from "@/lib/smi/status-machine";

export const metadata: Metadata = { title: "Inventory" };

const FIELDS = ["q", "by", "property", "type", "status", "model", "region"] as const;
type Search = Partial<Record<(typeof FIELDS)[number] | "page" | "deleted", string | string[]>>;

const CPL_GROUPS: [CplDeviceType, string][] = [
  ["ESME", "ESME"],
  ["GSME", "GSME"],
  ["CH", "Communications Hub (CHF, GPF)"],
  ["PPMID", "PPMID"],
  ["HCALCS", "HCALCS"],
];

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

function Label({ htmlFor, children }: { htmlFor: string; children: React.ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="block text-xs font-medium text-slate-600">
      {children}
    </label>
  );
}

export default async function SmiSearchPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("smi.search");
  const raw = await searchParams;
  const params = Object.fromEntries([...FIELDS, "page"].map((f) => [f, first(raw[f as keyof Search])]).filter(([, v]) => v)) as Record<string, string>;
  const isSearch = FIELDS.some((f) => f !== "by" && params[f]);
  // The search and the form's option lists are independent: fetch them together.
  const search = async (): Promise<{ result: DeviceSearch | null; error: string | null }> => {
    if (!isSearch) return { result: null, error: null };
    try {
      return { result: await orPageError(() => searchDevices(actor, params)), error: null };
    } catch (e) {
      if (!(e instanceof AppError && e.code === "INVALID")) throw e;
      return { result: null, error: e.fieldErrors.q ?? e.message };
    }
  };
  const [models, saved, { result, error }] = await Promise.all([
    orPageError(() => cplModelOptions(actor)),
    orPageError(() => listSavedSearches(actor)),
    search(),
  ]);
  const query = canonicalSearchQuery(new URLSearchParams(params).toString());
  const deleted = first(raw.deleted);

  return (
    <>
      <PageHeader
        title="Smart Metering Inventory"
        description="Search the SMI by Device ID, MPAN, MPRN, full postcode or UPRN, and narrow by device type, SMI Status, model and region."
        actions={can(actor, "smi.service-request") ? <ButtonLink href="/smi/pre-notify">Pre-notify a device (SR 12.2)</ButtonLink> : null}
      />
      {deleted ? <Banner testId="deleted-banner">Deleted from the SMI: {deleted}.</Banner> : null}
      <form action="/smi" method="get" role="search" aria-label="Search the SMI" className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-72 flex-1">
            <Label htmlFor="q">Device ID, MPAN, MPRN, postcode or UPRN</Label>
            <Input name="q" defaultValue={params.q} autoFocus autoComplete="off" error={error ?? undefined} placeholder="e.g. 00-DB-12-34-56-78-90-A0, 1012345678905 or CV4 8DE" />
          </div>
          <div>
            <Label htmlFor="by">Search by</Label>
            <Select name="by" defaultValue={params.by ?? "auto"}>
              {Object.entries(SEARCH_BY).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <div className="w-48">
            <Label htmlFor="property">House name or number</Label>
            <Input name="property" defaultValue={params.property} autoComplete="off" aria-describedby="property-hint" />
          </div>
        </div>
        <p id="property-hint" className="text-xs text-slate-500">
          House name or number narrows a postcode search to one property.
        </p>
        {error ? (
          <p role="alert" id="q-error" data-testid="search-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <Label htmlFor="type">Device type</Label>
            <OptionsSelect name="type" value={params.type} options={DEVICE_TYPE_LABELS} />
          </div>
          <div>
            <Label htmlFor="status">SMI Status</Label>
            <OptionsSelect name="status" value={params.status} options={STATUS_LABELS} />
          </div>
          <div className="max-w-sm">
            <Label htmlFor="model">Device Model</Label>
            <Select name="model" defaultValue={params.model ?? ""}>
              <option value="">Any</option>
              {CPL_GROUPS.map(([type, label]) => {
                const list = models.filter((m) => m.deviceType === type);
                return list.length ? (
                  <optgroup key={type} label={label}>
                    {list.map((m) => (
                      <option key={m.id} value={m.id}>
                        {modelLabel(m)}
                        {m.status === "REMOVED" ? " — removed" : ""}
                      </option>
                    ))}
                  </optgroup>
                ) : null;
              })}
            </Select>
          </div>
          <div>
            <Label htmlFor="region">CSP region</Label>
            <OptionsSelect name="region" value={params.region} options={REGION_LABELS} />
          </div>
          <div className="flex items-center gap-3">
            <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              Search
            </button>
            <a href="/smi" className="py-1.5 text-sm text-slate-600 underline">
              Clear
            </a>
          </div>
        </div>
      </form>

      {result ? <Results result={result} query={query} params={params} /> : null}

      <div className="mt-6 grid gap-4 md:grid-cols-2">
        {!isSearch ? (
          <Card title="How to search">
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="search-intro">
              <li>
                A <strong>Device ID</strong> (16 hexadecimal digits, with or without separators) finds that device.
              </li>
              <li>
                An <strong>MPAN</strong> (13 digits) or <strong>MPRN</strong> (6-10 digits) finds the meter on that Metering Point, the devices Associated to it
                and the rest of its Communications Hub&apos;s network.
              </li>
              <li>
                A <strong>full postcode</strong> finds every premises there; add the house name or number for one property. A <strong>UPRN</strong> finds one
                property.
              </li>
              <li>Filters alone (type, SMI Status, model, region) list the whole SMI; counts stop at {formatCount(COUNT_CAP)}.</li>
              <li>Every search is a link: bookmark it, share it, or save it below.</li>
            </ul>
          </Card>
        ) : result && !error ? (
          <Card title="Save this search">
            <SaveSearchForm query={query} />
          </Card>
        ) : null}
        <Card title="Your saved searches">
          {saved.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="no-saved-searches">
              No saved searches yet. Run a search, then save it to come back to it in one click.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="saved-searches">
              {saved.map((s) => (
                <li key={s.id} className="flex items-center justify-between gap-3 py-1.5">
                  <Link href={`/smi?${s.query}`} className="font-medium text-brand-700 hover:underline">
                    {s.name}
                  </Link>
                  <DeleteSavedSearchButton id={s.id} name={s.name} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

function Results({ result, query, params }: { result: DeviceSearch; query: string; params: Record<string, string> }) {
  const { page, countCapped } = result;
  const count = countCapped ? `more than ${plural(COUNT_CAP, "device")}` : plural(page.count, "device");
  if (page.count === 0 && page.page === 1) {
    return (
      <EmptyState title={`No devices match ${params.q ? `“${params.q}”` : "these filters"}.`}>
        {result.key?.kind === "deviceId"
          ? "That Device ID is not in the SMI. Check it, or pre-notify the device first (SR 12.2)."
          : result.key
            ? "No device is Associated with that key (in Registration Data it may have no meter yet). Try removing filters."
            : "Try fewer filters."}
      </EmptyState>
    );
  }
  return (
    <section aria-labelledby="results-heading">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="results-heading" className="text-base font-semibold" data-testid="device-count">
          {count}
        </h2>
        <ButtonLink variant="secondary" href={`/smi/export?${query}`} prefetch={false}>
          Export CSV
        </ButtonLink>
      </div>
      <DataTable
        caption={`SMI devices matching the search: ${count}`}
        page={page}
        rowKey={(d) => d.id}
        columns={[
          {
            header: "Device ID",
            cell: (d) => (
              <Link href={`/smi/devices/${d.id}`} className="font-mono text-xs font-medium text-brand-700 hover:underline">
                {formatEui64(d.id)}
              </Link>
            ),
          },
          { header: "Type", cell: (d) => <DeviceTypeLabel type={d.deviceType} /> },
          { header: "SMI Status", cell: (d) => <SmiStatusBadge status={d.status} /> },
          {
            header: "Model",
            cell: (d) =>
              d.modelName ? (
                <>
                  {d.manufacturer} {d.modelName} {d.cplStatus === "REMOVED" ? <Badge tone="red">removed</Badge> : null}
                </>
              ) : (
                <span className="text-slate-500">—</span>
              ),
          },
          { header: "MPxN", cell: (d) => (d.mpxn ? <span className="font-mono text-xs">{d.mpxn}</span> : <span className="text-slate-500">—</span>) },
          {
            header: "Address",
            cell: (d) =>
              d.addressLine ? (
                <>
                  {d.addressLine}, <span className="whitespace-nowrap">{d.postcode}</span>
                </>
              ) : (
                <span className="text-slate-500">—</span>
              ),
          },
          { header: "Region", cell: (d) => (d.cspRegion ? REGION_LABELS[d.cspRegion] : <span className="text-slate-500">—</span>) },
        ]}
      />
      <Pagination page={page} basePath="/smi" params={params} />
    </section>
  );
}
