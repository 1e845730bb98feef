// Where to go after signing in: only somewhere on the portal itself. Browsers read `/\evil.example` and `/<tab>/evil`
// as `//evil.example` (another host), so a prefix check on the string is not enough: resolve it as a URL, as the
// browser will, and compare origins.

/** The target as a path on `origin` ("/" when it resolves anywhere else or is not a URL at all). */
export function sameOriginPath(target: string | null | undefined, origin = "http://portal.invalid"): string {
  if (!target) return "/";
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  // "//host" as a path would again be another host for the browser.
  return `${url.pathname.replace(/^\/+/, "/")}${url.search}${url.hash}`;
}
