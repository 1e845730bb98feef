// The address a sign-in comes from, for throttling. Next.js fills X-Forwarded-For with the socket's address only when
// the request has none, so a client can write its own: the header is believed only as far as TRUST_PROXY says.

/**
 * TRUST_PROXY is the number of reverse proxies in front of the portal that append the address they saw to
 * X-Forwarded-For (default 0). The client's address is then that many entries from the right (the last one for 0 or
 * 1): entries further left were written by the client and could be anything. With no trusted proxy, the last entry is
 * the one Next.js took from the socket unless the client sent the header itself, in which case the client also decides
 * the address: limits per address are then only as good as that, which is why the limits per account do not depend
 * on it. Behind a reverse proxy, set TRUST_PROXY.
 */
export function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const raw = headers?.["x-forwarded-for"];
  const entries = (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").map((e) => e.trim()).filter(Boolean);
  const hops = Math.max(1, Number.parseInt(process.env.TRUST_PROXY ?? "0", 10) || 0);
  return (entries[entries.length - hops] ?? entries[0] ?? "unknown").slice(0, 64);
}
