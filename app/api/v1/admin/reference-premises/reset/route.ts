// `npm run duis -- reset`: puts the DUIS reference test premises back in their starting state, as the DCC (its API
// key), so that a User can re-run a test suite.
import { authenticateApiKey } from "@/lib/api-keys/api-keys";
import { db } from "@/lib/db";
import { gatewayActor } from "@/lib/duis/gateway-actor";
import { resetReferencePremises } from "@/lib/duis/reference-premises";

export async function POST(request: Request): Promise<Response> {
  const key = await authenticateApiKey(request.headers.get("authorization"), "SEND");
  const party = key ? await db().party.findUnique({ where: { id: key.partyId } }) : null;
  if (!party?.isDcc) return Response.json({ error: "Only the DCC's API key (SEND scope) may reset the reference premises." }, { status: 401 });
  return Response.json(await resetReferencePremises(await gatewayActor(party)));
}
