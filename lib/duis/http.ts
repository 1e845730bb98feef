// The HTTP face of the DUIS endpoints (DCC Boxed paths): body limits, the optional API key, and the answer's status.
// One rule for both servers: the Next.js routes (web Request/Response) and the node:http processes (node-http.ts).
import { authenticateApiKey } from "@/lib/api-keys/api-keys";
import { clientAddress } from "@/lib/auth/client-address";
import { submitXml } from "./gateway";
import type { Endpoint } from "./pipeline";
import { MAX_DUIS_BYTES } from "./xml";

export interface DuisHttpAnswer {
  status: number;
  /** Absent for an empty answer (202, silent reject). */
  contentType?: string;
  body?: string;
}

/** What an HTTP request brings, however the server reads it. */
export interface DuisHttpRequest {
  authorization: string | null;
  /** Declared body length (Content-Length), when given. */
  contentLength: number | null;
  /** For the client's address (X-Forwarded-For, as TRUST_PROXY says). */
  headers: Record<string, string | string[] | undefined>;
  /** Reads at most `limit` bytes of the body; null when it is longer. Called once the API key passed. */
  readBody: (limit: number) => Promise<string | null>;
}

const TEXT = "text/plain; charset=utf-8";
const text = (status: number, body: string): DuisHttpAnswer => ({ status, contentType: TEXT, body });

/**
 * One DUIS web service's answer. The signature authenticates the sender (as with DCC Boxed, no other credential is
 * needed); a bearer API key, when given, must be live, hold SEND and be the signer's party's.
 */
export async function answerDuisHttp(endpoint: Endpoint, request: DuisHttpRequest): Promise<DuisHttpAnswer> {
  const key = request.authorization ? await authenticateApiKey(request.authorization, "SEND") : null;
  if (request.authorization && !key) return text(401, "The API key is not valid for sending requests.");
  const tooLarge = text(413, `A DUIS request is at most ${MAX_DUIS_BYTES / 1024} KiB.`);
  if ((request.contentLength ?? 0) > MAX_DUIS_BYTES) return tooLarge;
  const body = await request.readBody(MAX_DUIS_BYTES);
  if (body === null) return tooLarge;
  const answer = await submitXml(endpoint, body, { remoteAddress: clientAddress(request.headers) });
  if (key && answer.partyId && answer.partyId !== key.partyId) return text(401, "The API key belongs to another party than the request's signer.");
  if (answer.status === 200) return { status: 200, contentType: "application/xml; charset=utf-8", body: answer.xml };
  if (answer.status === 202) return { status: 202 };
  return text(answer.status, answer.text ?? "");
}

/** Reads at most `limit` bytes of a web request's body; null when it is longer. */
async function boundedBody(request: Request, limit: number): Promise<string | null> {
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

/** POST handler of one DUIS web service, for its Next.js route. */
export function duisEndpoint(endpoint: Endpoint) {
  return async function POST(request: Request): Promise<Response> {
    const length = request.headers.get("content-length");
    const answer = await answerDuisHttp(endpoint, {
      authorization: request.headers.get("authorization"),
      contentLength: length === null ? null : Number(length),
      headers: Object.fromEntries(request.headers),
      readBody: (limit) => boundedBody(request, limit),
    });
    return new Response(answer.body ?? null, { status: answer.status, headers: answer.contentType ? { "content-type": answer.contentType } : {} });
  };
}
