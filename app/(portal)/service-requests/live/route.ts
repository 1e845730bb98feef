import { routeWithActor } from "@/lib/auth/session";
import { serviceRequestStatuses } from "@/lib/duis/read-service-requests";

/** The current statuses of the requests on screen (`?ids=a,b,c`) that the signed-in account may see; polled by the list. */
export const GET = routeWithActor(async (actor, request) => {
  const ids = (new URL(request.url).searchParams.get("ids") ?? "").split(",");
  const statuses = await serviceRequestStatuses(actor, ids);
  return Response.json({ statuses }, { headers: { "cache-control": "no-store" } });
});
