import { routeWithActor } from "@/lib/auth/session";
import { forecastDownload } from "@/lib/orders/forecast-grid";

/** `?ref=FC…`: that forecast as CSV; without it, this month's forecast in force, or the blank template to fill in. */
export const GET = routeWithActor(async (actor, request) => {
  const { filename, csv } = await forecastDownload(actor, new URL(request.url).searchParams.get("ref"));
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
});
