// Every page gets a Content-Security-Policy with a fresh nonce (Next.js puts it on its own inline and chunk scripts,
// read from the request's CSP header; 'strict-dynamic' lets those load the rest). Styles allow 'unsafe-inline':
// React style attributes (the chart's bar heights) and next/font's inline @font-face cannot carry a nonce.
// The headers that need no nonce (nosniff, Referrer-Policy) are set for every file in next.config.js.
import { NextResponse, type NextRequest } from "next/server";
import { MAX_UPLOAD_BYTES, uploadTooLarge } from "@/lib/validation";

/** Room for a form's other fields beside its file; next.config.js lets server actions take a little more still. */
const MAX_ACTION_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;

function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    // Development only: React's dev build evaluates code for its error overlay and stack traces.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  // Next.js refuses a server action body over its limit with a generic error; answer first with the limit instead.
  // A plain-text 4xx is what a server action call in the browser throws as its error's message (app/error.tsx shows
  // it); a form posted without JavaScript shows it as the page. Nothing else posts large bodies.
  if (request.method === "POST" && Number(request.headers.get("content-length")) > MAX_ACTION_BODY_BYTES) {
    return new NextResponse(uploadTooLarge(), { status: 413, headers: { "content-type": "text/plain" } });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages, server actions and route handlers; build assets are files with no scripts to govern.
  // The DUIS HTTP API (/api/v1) answers XML and JSON to machines: no page policy, and its own size limit.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/v1/).*)"],
};
