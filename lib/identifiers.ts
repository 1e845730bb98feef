// Identifier formats the seed leaves open (D4). Parsing accepts what people type; storage is canonical.

/** EUI-64 (Device ID, Party ID): 16 hex digits, with or without separators, any case -> "00DB1234567890A0". */
export function parseEui64(input: string): string | null {
  const compact = input.trim().replace(/[-:\s]/g, "").toUpperCase();
  return /^[0-9A-F]{16}$/.test(compact) ? compact : null;
}

/** Canonical EUI-64 shown as "00-DB-12-34-56-78-90-A0". */
export function formatEui64(eui64: string): string {
  return eui64.match(/.{2}/g)?.join("-") ?? eui64;
}
