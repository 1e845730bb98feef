import type { Metadata } from "next";
import { ComposerForm, type ComposerSrvOption } from "@/components/service-requests/forms";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { COMPOSER_SRVS, entryOf, type ComposerSrv } from "@/lib/duis/composer";
import { signsForParty } from "@/lib/duis/send-service-request";
import { formatEui64 } from "@/lib/identifiers";

export const metadata: Metadata = { title: "Compose a Service Request" };

const GROUPS: Record<ComposerSrv, string> = {
  "4.1.1": "Reads",
  "4.8.1": "Reads",
  "4.17": "Reads",
  "7.4": "Reads",
  "11.2": "Reads",
  "6.2.7": "Reads",
  "7.1": "Supply",
  "7.2": "Supply",
  "7.3": "Supply",
  "1.1.1": "Tariff",
  "5.1": "Schedules",
  "5.2": "Schedules",
  "5.3": "Schedules",
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export default async function ComposePage({ searchParams }: { searchParams: Promise<{ srv?: string | string[]; device?: string | string[] }> }) {
  const actor = await requireActor("service-request.send");
  const query = await searchParams;
  const signs = await signsForParty(actor);
  const options: ComposerSrvOption[] = COMPOSER_SRVS.map((srv) => {
    const entry = entryOf(srv);
    return { srv, name: entry.name, group: GROUPS[srv], critical: entry.critical, nonDevice: entry.nonDevice, futureDated: !!entry.futureDated };
  });
  const initialSrv = COMPOSER_SRVS.find((srv) => srv === first(query.srv));
  return (
    <>
      <PageHeader
        title="Compose a Service Request"
        description={`A DUIS 5.4 request sent as ${actor.partyName} (${formatEui64(actor.partyEui64)}), through the same gateway as your systems' requests.`}
      />
      <Card>
        <ComposerForm options={options} signsHere={signs.xml} initialSrv={initialSrv} initialDevice={first(query.device)} />
      </Card>
    </>
  );
}
