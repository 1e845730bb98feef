import { routeWithActor } from "@/lib/auth/session";
import { registrationTemplateCsv } from "@/lib/registration/registration-template";

/** A CSV template for Registration Data files (DCC admins). */
export const GET = routeWithActor(async (actor) => {
  const body = await registrationTemplateCsv(actor);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="registration-data-template.csv"',
      "cache-control": "no-store",
    },
  });
});
