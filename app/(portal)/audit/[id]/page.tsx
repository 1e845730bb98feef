import type { Metadata } from "next";
import Link from "next/link";
import { Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { auditActionLabel, auditEntityLabel } from "@/lib/audit-actions";
import { getAuditEvent, listAuditEvents } from "@/lib/audit-trail/read-audit-events";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";

export const metadata: Metadata = { title: "Audit entry" };

// Focusable: a keyboard user scrolls a long value sideways (axe: scrollable-region-focusable).
function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <p className="text-sm text-slate-500">—</p>;
  return <pre tabIndex={0} className="overflow-x-auto rounded bg-slate-50 p-3 text-xs">{JSON.stringify(value, null, 2)}</pre>;
}

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const event = await orPageError(() => getAuditEvent(actor, id));
  // The rows the same request or job run wrote, as far as the actor may see them (this one included).
  const sameRequest = event.requestId ? (await listAuditEvents(actor, { requestId: event.requestId }, { perPage: 1 })).count : 0;
  return (
    <>
      <PageHeader title={auditActionLabel(event.action)} description={`${event.action} · ${formatLondon(event.at, "d MMM yyyy, HH:mm:ss")}`} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Card title="Entry" className="md:col-span-2">
          <DefinitionList
            items={[
              ["Record", `${auditEntityLabel(event.entityType)} ${event.entityId}`],
              ["Actor", event.actor ? `${event.actor.name} (${event.actor.email})` : "System"],
              ["Party", event.party?.name ?? "DCC internal"],
              [
                "Request",
                event.requestId ? (
                  <span data-testid="audit-request">
                    <span className="font-mono text-xs">{event.requestId}</span>
                    {" · "}
                    <Link href={`/audit?requestId=${encodeURIComponent(event.requestId)}`} className="text-brand-700 underline">
                      {sameRequest === 1 ? "the only entry of this request" : `all ${sameRequest} entries of this request`}
                    </Link>
                  </span>
                ) : (
                  "Not recorded"
                ),
              ],
            ]}
          />
        </Card>
        <Card title="Before">
          <Json value={event.before} />
        </Card>
        <Card title="After">
          <Json value={event.after} />
        </Card>
      </div>
    </>
  );
}
