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

const MPAN_PRIMES = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43];

/** MPAN core check digit: each of the first 12 digits times its prime, summed, mod 11, mod 10. */
export function mpanCheckDigit(first12: string): number {
  const sum = [...first12].reduce((total, digit, i) => total + Number(digit) * MPAN_PRIMES[i], 0);
  return (sum % 11) % 10;
}

/** A 13-digit MPAN core (spaces allowed) whose check digit is right, or null. */
export function parseMpan(input: string): string | null {
  const digits = input.replace(/\s/g, "");
  if (!/^\d{13}$/.test(digits)) return null;
  return mpanCheckDigit(digits.slice(0, 12)) === Number(digits[12]) ? digits : null;
}

/**
 * MPRN check digit (product assumption, D4): the preceding digits weighted 2, 3, 4... from the right, summed,
 * mod 11, mod 10.
 */
export function mprnCheckDigit(body: string): number {
  const sum = [...body].reverse().reduce((total, digit, i) => total + Number(digit) * (i + 2), 0);
  return (sum % 11) % 10;
}

/** A 6-10 digit MPRN whose last digit is its check digit, or null. */
export function parseMprn(input: string): string | null {
  const digits = input.replace(/\s/g, "");
  if (!/^\d{6,10}$/.test(digits)) return null;
  return mprnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1)) ? digits : null;
}

/** An MPAN or MPRN, canonical, with its fuel; null when it is neither. */
export function parseMpxn(input: string): { mpxn: string; fuel: "ELECTRICITY" | "GAS" } | null {
  const mpan = parseMpan(input);
  if (mpan) return { mpxn: mpan, fuel: "ELECTRICITY" };
  const mprn = parseMprn(input);
  return mprn ? { mpxn: mprn, fuel: "GAS" } : null;
}

const FULL_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/;

/** A full UK postcode normalised to upper case with one space ("CV4 8DE"), or null. */
export function parsePostcode(input: string): string | null {
  const match = FULL_POSTCODE.exec(input.trim().toUpperCase());
  return match ? `${match[1]} ${match[2]}` : null;
}

/** Looks like the start of a postcode (an outward code, perhaps with part of the inward code) but is not a full one. */
export function isPartialPostcode(input: string): boolean {
  const value = input.trim().toUpperCase();
  return !parsePostcode(value) && /^[A-Z]{1,2}\d[A-Z\d]?(\s*\d[A-Z]?)?$/.test(value);
}

/** UPRN: 1-12 digits (D4), without leading zeros. */
export function parseUprn(input: string): string | null {
  const digits = input.trim();
  return /^\d{1,12}$/.test(digits) ? String(Number(digits)) : null;
}
