// The simulator's background route (issue 12 item 7), for DCC admins signed in to the portal: GET the dashboard's
// state, POST { action, ... } to start or stop traffic, set or clear behaviours, inject events or change settings.
import { routeWithActor } from "@/lib/auth/session";
import { simulatorCommand, simulatorState } from "@/lib/simulator/api";

const NO_STORE = { "cache-control": "no-store" };

export const GET = routeWithActor(async (actor) => Response.json(await simulatorState(actor), { headers: NO_STORE }));

export const POST = routeWithActor(async (actor, request) => {
  // JSON only: a cross-site HTML form cannot send it, so the session cookie alone cannot drive the simulator.
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    return Response.json({ ok: false, error: "INVALID", message: "Send the action as JSON (Content-Type: application/json).", errors: [], fieldErrors: {} }, { status: 415, headers: NO_STORE });
  }
  const input: unknown = await request.json().catch(() => undefined);
  const answer = await simulatorCommand(actor, input === undefined ? "" : input);
  return Response.json(answer.body, { status: answer.status, headers: NO_STORE });
});
