import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyState } from "@/components/ui/card";
import { FilterBar, Input, Select } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { DCC_ALERT_NAMES } from "@/lib/alerts/dcc-alerts";
import { listDccAlerts } from "@/lib/alerts/read-alerts";
import { seesAllParties } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";

export const metadata: Metadata = { title: "DCC Alerts" };

type Search = { code?: string; deviceId?: string; page?: string };

const clean = (params: Search) => Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === "string" && v.trim())) as Search;

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("alerts.view");
  const params = clean(await searchParams);
  const page = await orPageError(() => listDccAlerts(actor, params));
  const all = seesAllParties(actor, "alerts.view");
  const filtered = !!(params.code || params.deviceId);
  return (
    <>
      <PageHeader
        title="DCC Alerts"
        description={all ? "DCC Alerts (N-codes) sent to every party, newest first." : `DCC Alerts (N-codes) sent to ${actor.partyName}, newest first.`}
      />
      <FilterBar action="/alerts">
        <div>
          <label htmlFor="code" className="block text-xs font-medium text-slate-600">
            Alert
          </label>
          <Select name="code" defaultValue={params.code ?? ""}>
            <option value="">Any</option>
            {Object.entries(DCC_ALERT_NAMES).map(([code, name]) => (
              <option key={code} value={code}>
                {code} · {name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="deviceId" className="block text-xs font-medium text-slate-600">
            Device ID
          </label>
          <Input name="deviceId" defaultValue={params.deviceId} className="font-mono" placeholder="00-DB-12-34-56-78-90-A0" autoComplete="off" />
        </div>
      </FilterBar>
      {page.count === 0 ? (
        <EmptyState title={filtered ? "No DCC Alerts match these filters." : "No DCC Alerts yet."}>
          {filtered
            ? "A Device ID is 16 hexadecimal digits; check it or clear the filters."
            : "Alerts such as N16 (MPxN change), N28 (device suspended) and N1/N2 (meter decommissioned) appear here when the DCC sends them."}
        </EmptyState>
      ) : (
        <>
          <DataTable
            caption={all ? "DCC Alerts for every party" : `DCC Alerts for ${actor.partyName}`}
            page={page}
            rowKey={(a) => a.id}
            columns={[
              { header: "Time (UK)", cell: (a) => <span className="whitespace-nowrap">{formatLondon(a.createdAt, "d MMM yyyy, HH:mm:ss")}</span> },
              {
                header: "Alert",
                cell: (a) => (
                  <>
                    <Badge tone="amber">{a.code}</Badge> {DCC_ALERT_NAMES[a.code as keyof typeof DCC_ALERT_NAMES] ?? ""}
                  </>
                ),
              },
              {
                header: "Device",
                cell: (a) =>
                  a.deviceId ? (
                    <Link href={`/smi/devices/${a.deviceId}`} className="whitespace-nowrap font-mono text-xs text-brand-700 hover:underline">
                      {formatEui64(a.deviceId)}
                    </Link>
                  ) : (
                    <span className="text-slate-500">—</span>
                  ),
              },
              { header: "Message", cell: (a) => a.message },
              ...(all ? [{ header: "Party", cell: (a: (typeof page.data)[number]) => a.party.name }] : []),
            ]}
          />
          <Pagination page={page} basePath="/alerts" params={params} />
        </>
      )}
    </>
  );
}
