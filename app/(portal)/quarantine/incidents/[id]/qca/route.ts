import { routeWithActor } from "@/lib/auth/session";
import { qcaFile } from "@/lib/tad/qca";

/** The incident's QCA File: its items awaiting a decision, Action empty, for the ARO or SRO to mark and sign. */
export const GET = routeWithActor(async (actor, request) => {
  const incidentId = decodeURIComponent(new URL(request.url).pathname.split("/").at(-2) ?? "");
  const { fileName, csv } = await qcaFile(actor, { incidentId });
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"` } });
});
