import type { Metadata } from "next";
import Link from "next/link";
import { Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Countdown, QueueForm, StatusBadge, Values } from "@/components/tad/quarantine";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon, now } from "@/lib/clock";
import { ADVICE_LABELS } from "@/lib/tad/dcc-advice";
import { QUARANTINE_LABELS } from "@/lib/tad/quarantine-status";
import { quarantineItem } from "@/lib/tad/read-quarantine";

export const metadata: Metadata = { title: "Quarantined command" };

const VIA: Record<string, string> = { PORTAL: "in the portal", QCA: "by QCA File", DCC: "by the DCC" };

export default async function QuarantineItemPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("tad.view");
  const { id } = await params;
  const item = await orPageError(() => quarantineItem(actor, id));
  const serverNow = now().getTime();
  return (
    <>
      <PageHeader title={`SRV ${item.srv} ${item.srvName}`} description={<span className="font-mono" data-testid="quarantine-request-id">{item.requestId}</span>} />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title="Held command">
          <DefinitionList
            items={[
              ["Status", <StatusBadge key="s" status={item.status} labels={QUARANTINE_LABELS} />],
              ["Party", item.partyName],
              ["Device", <span key="d" className="font-mono">{item.deviceId ?? "No device"}</span>],
              ["Incident", <Link key="i" href={`/quarantine/incidents/${item.incident.id}`} className="text-brand-700 hover:underline">{item.incident.ref}</Link>],
              ["Threshold broken", item.threshold],
              ["Quarantined", formatLondon(item.quarantinedAt)],
              ["Actionable until", <span key="u">{formatLondon(item.downloadUntil)} {item.status === "QUARANTINED" ? <Countdown until={item.downloadUntil.toISOString()} serverNow={serverNow} /> : null}</span>],
              ["DCC advice", item.dccAdvice ? ADVICE_LABELS[item.dccAdvice] : "None"],
              ...(item.decidedAt ? ([["Decided", `${formatLondon(item.decidedAt)} ${VIA[item.decidedVia ?? ""] ?? ""}`]] as [string, string][]) : []),
            ]}
          />
        </Card>
        <Card title="Values as sent">
          <Values values={item.values} />
        </Card>
      </div>
      {item.canRelease || item.canDelete ? (
        <div className="mt-4">
          <QueueForm groups={[{ incident: item.incident, threshold: item.threshold, items: [item] }]} decide serverNow={serverNow} labels={{ status: QUARANTINE_LABELS, advice: ADVICE_LABELS }} showParty={false} />
        </div>
      ) : null}
    </>
  );
}
