"use client";

// Live statuses (issue 11 item 9): the list and a request's page poll /service-requests/live for the requests still
// moving (Pre-Command issued, waiting, command sent) every few seconds, and stop once none is.
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ServiceRequestStatus } from "@/generated/prisma/enums";
import { LIVE_STATUSES } from "@/lib/duis/service-request-labels";
import { ResponseCode, ServiceRequestStatusBadge } from "./badges";

const POLL_MS = 3_000;

interface LiveStatus {
  id: string;
  status: ServiceRequestStatus;
  responseCode: string | null;
}

/** React Query keys of the Service Request pages. */
export const serviceRequestKeys = {
  all: ["service-requests"] as const,
  statuses: (ids: string[]) => [...serviceRequestKeys.all, "statuses", ids] as const,
};

async function fetchStatuses(ids: string[]): Promise<LiveStatus[]> {
  const response = await fetch(`/service-requests/live?${new URLSearchParams({ ids: ids.join(",") })}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`Statuses not available (HTTP ${response.status}).`);
  return ((await response.json()) as { statuses: LiveStatus[] }).statuses;
}

const isLive = (status: ServiceRequestStatus) => LIVE_STATUSES.includes(status);

/** The latest status of each request that was moving when the page was rendered; polling ends when none moves. */
function useLiveStatuses(initial: LiveStatus[]): (row: LiveStatus) => LiveStatus {
  const ids = initial.filter((row) => isLive(row.status)).map((row) => row.id);
  const { data } = useQuery({
    queryKey: serviceRequestKeys.statuses(ids),
    queryFn: () => fetchStatuses(ids),
    enabled: ids.length > 0,
    refetchInterval: (query) => (query.state.data && !query.state.data.some((s) => isLive(s.status)) ? false : POLL_MS),
    refetchIntervalInBackground: false,
  });
  const latest = new Map((data ?? []).map((s) => [s.id, s]));
  return (row) => latest.get(row.id) ?? row;
}

/** The pages' own client: no other page of the portal polls yet. */
function QueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export interface ServiceRequestRow extends LiveStatus {
  requestId: string;
  receivedIso: string;
  receivedLabel: string;
  srv: string;
  srvName: string;
  device: string | null;
  commandVariant: number;
  party?: string;
}

function Rows({ rows, showParty }: { rows: ServiceRequestRow[]; showParty: boolean }) {
  const live = useLiveStatuses(rows);
  return (
    <tbody className="divide-y divide-slate-100">
      {rows.map((row) => {
        const current = live(row);
        return (
          <tr key={row.id} className="hover:bg-slate-50" data-testid="sr-row" data-id={row.id}>
            <td className="whitespace-nowrap px-2 py-1.5">
              <time dateTime={row.receivedIso}>{row.receivedLabel}</time>
            </td>
            <td className="px-2 py-1.5 font-mono text-xs">
              <Link href={`/service-requests/${row.id}`} className="text-brand-700 hover:underline">
                {row.requestId}
              </Link>
            </td>
            <td className="px-2 py-1.5">
              <span className="font-mono text-xs">{row.srv}</span> {row.srvName}
            </td>
            <td className="whitespace-nowrap px-2 py-1.5 font-mono text-xs">{row.device ?? <span className="text-slate-500">Non-Device</span>}</td>
            <td className="px-2 py-1.5 text-center tabular-nums">{row.commandVariant}</td>
            {showParty ? <td className="px-2 py-1.5">{row.party}</td> : null}
            <td className="px-2 py-1.5">
              <ServiceRequestStatusBadge status={current.status} />
            </td>
            <td className="px-2 py-1.5">
              <ResponseCode code={current.responseCode} />
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}

/** The dense list of Service Requests, statuses kept up to date. */
export function ServiceRequestTable({ rows, showParty, caption }: { rows: ServiceRequestRow[]; showParty: boolean; caption: string }) {
  const headers = ["Received (UK)", "RequestID", "SRV", "Device", "CV", ...(showParty ? ["Party"] : []), "Status", "Code"];
  return (
    <QueryProvider>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col" className="px-2 py-2 font-semibold">
                  {h === "CV" ? <abbr title="Command Variant">CV</abbr> : h}
                </th>
              ))}
            </tr>
          </thead>
          <Rows rows={rows} showParty={showParty} />
        </table>
      </div>
    </QueryProvider>
  );
}

function WatchedStatus({ initial }: { initial: LiveStatus }) {
  const current = useLiveStatuses([initial])(initial);
  const router = useRouter();
  // A new status brings new events and XML: the server page renders them.
  useEffect(() => {
    if (current.status !== initial.status || current.responseCode !== initial.responseCode) router.refresh();
  }, [current.status, current.responseCode, initial.status, initial.responseCode, router]);
  return (
    <span className="inline-flex items-center gap-2" data-testid="sr-live-status">
      <ServiceRequestStatusBadge status={current.status} />
      <ResponseCode code={current.responseCode} />
    </span>
  );
}

/** One request's status, polled while it is moving; the page re-renders when it changes. */
export function LiveStatusBadge(props: LiveStatus) {
  // A fresh client per rendered status: a poll from before the page's last render must not count as a change.
  return (
    <QueryProvider key={`${props.status}:${props.responseCode}`}>
      <WatchedStatus initial={props} />
    </QueryProvider>
  );
}
