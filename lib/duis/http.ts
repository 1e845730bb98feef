// The HTTP face of the DUIS endpoints (DCC Boxed paths): body limits, the optional API key, and the answer's status.
import { authenticateApiKey } from "@/lib/api-keys/api-keys";
import { clientAddress } from "@/lib/auth/client-address";
import { submitXml } from "./gateway";
import type { Endpoint } from "./pipeline";
import { MAX_DUIS_BYTES } from "./xml";

const text = (status: number, body: string) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** Reads at most `limit` bytes of the body; null when it is longer. */
async function boundedBody(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get("content-length")) > limit) return null;
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * POST handler of one DUIS web service. The signature authenticates the sender (as with DCC Boxed, no other
 * credential is needed); a bearer API key, when given, must be live, hold SEND and be the signer's party's.
 */
export function duisEndpoint(endpoint: Endpoint) {
  return async function POST(request: Request): Promise<Response> {
    const authorization = request.headers.get("authorization");
    const key = authorization ? await authenticateApiKey(authorization, "SEND") : null;
    if (authorization && !key) return text(401, "The API key is not valid for sending requests.");
    const body = await boundedBody(request, MAX_DUIS_BYTES);
    if (body === null) return text(413, `A DUIS request is at most ${MAX_DUIS_BYTES / 1024} KiB.`);
    const answer = await submitXml(endpoint, body, { remoteAddress: clientAddress(Object.fromEntries(request.headers)) });
    if (key && answer.partyId && answer.partyId !== key.partyId) return text(401, "The API key belongs to another party than the request's signer.");
    if (answer.status === 200) return new Response(answer.xml, { status: 200, headers: { "content-type": "application/xml; charset=utf-8" } });
    if (answer.status === 202) return new Response(null, { status: 202 });
    return text(answer.status, answer.text ?? "");
  };
}
