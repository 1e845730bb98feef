// Tables shared by /integration and /admin/response-endpoints: the Receive Response URLs and the undelivered messages.
import { DecideEndpointButtons, RevokeEndpointButton } from "@/components/integration/forms";
import { Badge } from "@/components/ui/card";
import { DataTable, Pagination } from "@/components/ui/table";
import type { EndpointStatus } from "@/generated/prisma/enums";
import { formatLondon } from "@/lib/clock";
import { MESSAGE_KIND_LABELS, type undeliveredMessages } from "@/lib/duis/delivery";
import { ENDPOINT_STATUS_LABELS, type listResponseEndpoints } from "@/lib/duis/endpoints";
import { toPage } from "@/lib/lists";

const TONES: Record<EndpointStatus, "amber" | "green" | "red" | "slate"> = { PENDING: "amber", APPROVED: "green", REJECTED: "red", REVOKED: "slate" };

export function EndpointStatusBadge({ status }: { status: EndpointStatus }) {
  return (
    <span data-testid="endpoint-status">
      <Badge tone={TONES[status]}>{ENDPOINT_STATUS_LABELS[status]}</Badge>
    </span>
  );
}

type Endpoint = Awaited<ReturnType<typeof listResponseEndpoints>>[number];

const when = (at: Date | null, by: { name: string } | null) => (at ? `${formatLondon(at)}${by ? ` · ${by.name}` : ""}` : "—");

/** `decide`: the DCC admin's view, with the party and the approve/reject buttons. */
export function EndpointTable({ endpoints, decide = false }: { endpoints: Endpoint[]; decide?: boolean }) {
  return (
    <DataTable
      caption="Receive Response URLs"
      page={toPage(endpoints, endpoints.length, 1, Math.max(1, endpoints.length))}
      rowKey={(e) => e.id}
      columns={[
        ...(decide ? [{ header: "Party", cell: (e: Endpoint) => e.party.name }] : []),
        { header: "URL", cell: (e) => <span className="break-all font-mono text-xs" data-testid="endpoint-url">{e.url}</span> },
        { header: "Status", cell: (e) => <EndpointStatusBadge status={e.status} /> },
        { header: "Registered", cell: (e) => when(e.createdAt, e.requestedBy) },
        { header: "Decided", cell: (e) => when(e.decidedAt, e.decidedBy) },
        {
          header: "Actions",
          cell: (e) =>
            decide && e.status === "PENDING" ? (
              <DecideEndpointButtons id={e.id} url={e.url} />
            ) : e.status === "PENDING" || e.status === "APPROVED" ? (
              <RevokeEndpointButton id={e.id} url={e.url} />
            ) : null,
        },
      ]}
    />
  );
}

type Undelivered = Awaited<ReturnType<typeof undeliveredMessages>>;

/** `showParty`: the DCC admin's view across parties. */
export function UndeliveredTable({ page, showParty = false, basePath }: { page: Undelivered; showParty?: boolean; basePath: string }) {
  type Message = Undelivered["data"][number];
  return (
    <>
      <DataTable
        caption="Undelivered messages"
        page={page}
        rowKey={(m) => m.id}
        columns={[
          { header: "Created", cell: (m) => <span className="whitespace-nowrap">{formatLondon(m.createdAt)}</span> },
          ...(showParty ? [{ header: "Party", cell: (m: Message) => m.party.name }] : []),
          { header: "Kind", cell: (m) => MESSAGE_KIND_LABELS[m.kind] },
          { header: "Code", cell: (m) => <span className="font-mono text-xs">{m.code ?? "—"}</span> },
          { header: "RequestID", cell: (m) => <span className="break-all font-mono text-xs">{m.requestId ?? "—"}</span> },
          { header: "Attempts", className: "text-right tabular-nums", cell: (m) => m.deliveryAttempts },
          { header: "Last error", cell: (m) => <span className="break-all text-xs">{m.deliveryError ?? "—"}</span> },
        ]}
      />
      <Pagination page={page} basePath={basePath} params={{}} />
    </>
  );
}
