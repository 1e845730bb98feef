import type { Metadata } from "next";
import { Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getAuditEvent } from "@/lib/audit-trail/read-audit-events";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";

export const metadata: Metadata = { title: "Audit entry" };

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <p className="text-sm text-slate-500">—</p>;
  return <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-xs">{JSON.stringify(value, null, 2)}</pre>;
}

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const event = await orPageError(() => getAuditEvent(actor, id));
  return (
    <>
      <PageHeader title={event.action} description={formatLondon(event.at, "d MMM yyyy HH:mm:ss")} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Entry" className="md:col-span-2">
          <DefinitionList
            items={[
              ["Entity", `${event.entityType} ${event.entityId}`],
              ["Actor", event.actor ? `${event.actor.name} (${event.actor.email})` : "System"],
              ["Party", event.party?.name ?? "DCC internal"],
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
