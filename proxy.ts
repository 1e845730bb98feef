// Every page gets a Content-Security-Policy with a fresh nonce (Next.js puts it on its own inline and chunk scripts,
// read from the request's CSP header; 'strict-dynamic' lets those load the rest). Styles allow 'unsafe-inline':
// React style attributes (the chart's bar heights) and next/font's inline @font-face cannot carry a nonce.
// The headers that need no nonce (nosniff, Referrer-Policy) are set for every file in next.config.js.
import { NextResponse, type NextRequest } from "next/server";

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
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
