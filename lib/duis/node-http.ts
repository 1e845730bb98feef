// The DUIS endpoints straight on node:http, for the web server processes of `npm start` on PostgreSQL
// (scripts/web.ts): the same handlers the Next.js routes use (lib/duis/http.ts), without Next.js's per-request work,
// which is most of the cost of a signed request. Page requests, and everything on the embedded database, still go
// through Next.js.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { duisEndpoint } from "./http";
import type { Endpoint } from "./pipeline";

const ENDPOINTS: Record<string, Endpoint> = { "/api/v1/serviceS": "serviceS", "/api/v1/serviceT": "serviceT", "/api/v1/serviceD": "serviceD" };
const HANDLERS = Object.fromEntries(Object.values(ENDPOINTS).map((endpoint) => [endpoint, duisEndpoint(endpoint)])) as Record<Endpoint, ReturnType<typeof duisEndpoint>>;

/** The DUIS web service a request is for, or null (a page or anything else: Next.js answers it). */
export function duisEndpointOf(req: IncomingMessage): Endpoint | null {
  if (req.method !== "POST" || !req.url) return null;
  return ENDPOINTS[req.url.split("?")[0]] ?? null;
}

export async function serveDuis(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
      method: "POST",
      headers,
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    const response = await HANDLERS[endpoint](request);
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), "x-content-type-options": "nosniff" });
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    console.error("[duis]", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("The DCC gateway failed to process the request; raise an Incident if it persists.");
  }
}
