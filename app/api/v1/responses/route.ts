// Polling for asynchronous Service Responses and alerts (no callback URL needed): GET ?after=<cursor>, bearer API
// key with the READ scope. Answers JSON { items: [{ cursor, requestId, xml }], next } in arrival order.
import { authenticateApiKey } from "@/lib/api-keys/api-keys";
import { pollMessages } from "@/lib/duis/messages";
import { AppError } from "@/lib/errors";

export async function GET(request: Request): Promise<Response> {
  const key = await authenticateApiKey(request.headers.get("authorization"), "READ");
  if (!key) return Response.json({ error: "Give an API key with the READ scope: Authorization: Bearer <key>." }, { status: 401 });
  try {
    return Response.json(await pollMessages(key.partyId, new URL(request.url).searchParams.get("after")));
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: 400 });
    throw error;
  }
}
