// GET /incidents/related?deviceId=&mpxn=&summary= : open incidents that look like the one being raised (the raise
// form's duplicate check, AG 2.1.4). Other parties' incidents on the same device or MPxN are only counted; active
// Service Alerts that look related are listed (they are notices to every party).
import { routeWithActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { relatedOpenIncidents } from "@/lib/incidents/read-incidents";
import { STATUS_LABELS } from "@/lib/incidents/status-machine";

export const dynamic = "force-dynamic";

const param = (url: URL, name: string) => url.searchParams.get(name)?.trim().slice(0, 200) || undefined;

export const GET = routeWithActor(async (actor, request) => {
  const url = new URL(request.url);
  const { visible, elsewhere, serviceAlerts } = await relatedOpenIncidents(actor, {
    deviceId: param(url, "deviceId"),
    mpxn: param(url, "mpxn"),
    summary: param(url, "summary"),
  });
  return Response.json(
    {
      visible: visible.map((i) => ({
        ref: i.ref,
        summary: i.summary,
        category: i.category,
        status: i.status,
        statusLabel: STATUS_LABELS[i.status],
        raisedBy: i.raisedByParty.name,
        createdAt: i.createdAt.toISOString(),
      })),
      elsewhere,
      serviceAlerts: serviceAlerts.map((a) => ({
        id: a.id,
        title: a.title,
        service: a.service,
        since: a.activeFrom.toISOString(),
        sinceLabel: formatLondon(a.activeFrom),
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
