// The DUIS endpoints straight on node:http, for the web server processes of `npm start` on PostgreSQL
// (scripts/web.ts): the same answers as the Next.js routes (lib/duis/http.ts), read from and written to node's own
// request and response, without Next.js's per-request work or web Request/Response objects, which are most of the
// cost of a signed request. Page requests, and everything on the embedded database, still go through Next.js.
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerDuisHttp } from "./http";
import type { Endpoint } from "./pipeline";

const ENDPOINTS: Record<string, Endpoint> = { "/api/v1/serviceS": "serviceS", "/api/v1/serviceT": "serviceT", "/api/v1/serviceD": "serviceD" };

/** The DUIS web service a request is for, or null (a page or anything else: Next.js answers it). */
export function duisEndpointOf(req: IncomingMessage): Endpoint | null {
  if (req.method !== "POST" || !req.url) return null;
  const query = req.url.indexOf("?");
  return ENDPOINTS[query < 0 ? req.url : req.url.slice(0, query)] ?? null;
}

/** Reads at most `limit` bytes of the body; null when it is longer (the rest is not read: the connection closes). */
function boundedBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData).off("end", onEnd).off("error", reject);
        req.pause();
        resolve(null);
      } else chunks.push(chunk);
    };
    const onEnd = () => resolve(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks, size).toString("utf8"));
    req.on("data", onData).on("end", onEnd).on("error", reject);
  });
}

/** As Next.js does, the socket's address stands for a client that sent no X-Forwarded-For. */
function forwardedHeaders(req: IncomingMessage): IncomingMessage["headers"] {
  return req.headers["x-forwarded-for"] || !req.socket.remoteAddress ? req.headers : { ...req.headers, "x-forwarded-for": req.socket.remoteAddress };
}

export async function serveDuis(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const length = req.headers["content-length"];
    const answer = await answerDuisHttp(endpoint, {
      authorization: req.headers.authorization ?? null,
      contentLength: length === undefined ? null : Number(length),
      headers: forwardedHeaders(req),
      readBody: (limit) => boundedBody(req, limit),
    });
    const body = answer.body === undefined ? undefined : Buffer.from(answer.body, "utf8");
    const headers: Record<string, string | number> = { "x-content-type-options": "nosniff", "content-length": body?.length ?? 0 };
    if (answer.contentType) headers["content-type"] = answer.contentType;
    // A body left unread (413) is not drained: the connection closes after the answer.
    if (!req.complete) headers.connection = "close";
    res.writeHead(answer.status, headers);
    res.end(body);
  } catch (error) {
    console.error("[duis]", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
    res.end("The DCC gateway failed to process the request; raise an Incident if it persists.");
  }
}
