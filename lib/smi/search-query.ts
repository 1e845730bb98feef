// The SMI search as people type it (`/smi?q=...`): which key it is, and a specific message when it is none.
import { z } from "zod";
import { CspRegion, DeviceType, SmiStatus } from "@/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { isPartialPostcode, parseEui64, parseMpan, parseMprn, parsePostcode, parseUprn } from "@/lib/identifiers";
import { optionalText, pageNumber } from "@/lib/validation";

export type SearchKey =
  | { kind: "deviceId"; value: string }
  | { kind: "mpan"; value: string }
  /** 6-10 digits with a valid MPRN check digit could also be a UPRN: both are searched. */
  | { kind: "mprnOrUprn"; value: string; uprn: string }
  | { kind: "uprn"; value: string }
  | { kind: "postcode"; value: string; property?: string };

export const SEARCH_BY = { auto: "Any key", deviceId: "Device ID", mpxn: "MPAN / MPRN", postcode: "Postcode", uprn: "UPRN" } as const;

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const searchParamsSchema = z.object({
  q: optionalText("The search", 100).transform((v) => v ?? ""),
  by: z.enum(Object.keys(SEARCH_BY) as [keyof typeof SEARCH_BY]).optional().default("auto").catch("auto"),
  property: optionalText("The house name or number", 60).transform((v) => v ?? ""),
  type: z.preprocess(emptyToUndefined, z.enum(DeviceType).optional()).catch(undefined),
  status: z.preprocess(emptyToUndefined, z.enum(SmiStatus).optional()).catch(undefined),
  model: optionalText("The model", 64).catch(undefined),
  region: z.preprocess(emptyToUndefined, z.enum(CspRegion).optional()).catch(undefined),
  page: pageNumber(),
});
export type SearchParams = z.output<typeof searchParamsSchema>;

const invalid = (message: string) => new AppError("INVALID", message, { q: message });

/** The key in `q`, or null for a filter-only search. Throws INVALID with what to correct. */
export function parseSearchKey(params: Pick<SearchParams, "q" | "by" | "property">): SearchKey | null {
  const q = params.q.trim();
  if (!q) {
    if (params.property) throw invalid("Enter the full postcode to search by house name or number.");
    return null;
  }
  const compact = q.replace(/[\s:-]/g, "");
  const by = params.by;
  if (by === "deviceId" || (by === "auto" && /^[0-9a-f]{16}$/i.test(compact) && !/^\d+$/.test(compact))) {
    const id = parseEui64(q);
    if (!id) throw invalid(`"${q}" is not a Device ID: a Device ID is 16 hexadecimal digits, e.g. 00-DB-12-34-56-78-90-A0.`);
    return { kind: "deviceId", value: id };
  }
  if (by === "postcode" || (by === "auto" && /[a-z]/i.test(q))) {
    const postcode = parsePostcode(q);
    if (postcode) return { kind: "postcode", value: postcode, property: params.property || undefined };
    if (isPartialPostcode(q)) throw invalid(`"${q}" is only part of a postcode: enter the full postcode (e.g. CV4 8DE), optionally with the house name or number.`);
    // Hex digits only, or 16 characters (the length of a Device ID) with a stray letter: meant as a Device ID.
    if (/^[0-9a-f]+$/i.test(compact) || /^[0-9a-z]{16}$/i.test(compact)) throw invalid(`"${q}" is not a Device ID: a Device ID is 16 hexadecimal digits, e.g. 00-DB-12-34-56-78-90-A0.`);
    throw invalid(`"${q}" is not a Device ID, MPAN, MPRN, full postcode or UPRN.`);
  }
  if (!/^\d+$/.test(compact)) throw invalid(`"${q}" is not a Device ID, MPAN, MPRN, full postcode or UPRN.`);
  if (by === "uprn") {
    const uprn = parseUprn(compact);
    if (!uprn) throw invalid("A UPRN is up to 12 digits.");
    return { kind: "uprn", value: uprn };
  }
  if (compact.length === 13) {
    if (!parseMpan(compact)) throw invalid(`MPAN ${compact} is not valid: its check digit (the last digit) does not match.`);
    return { kind: "mpan", value: compact };
  }
  if (compact.length === 16) return { kind: "deviceId", value: compact };
  const mprn = parseMprn(compact);
  if (mprn) return { kind: "mprnOrUprn", value: mprn, uprn: by === "mpxn" ? "" : (parseUprn(compact) ?? "") };
  if (by === "mpxn") throw invalid(`${compact} is not a valid MPAN (13 digits) or MPRN (6-10 digits with a matching check digit).`);
  const uprn = parseUprn(compact);
  if (uprn) return { kind: "uprn", value: uprn };
  throw invalid(`${compact} is not a valid MPAN (13 digits), MPRN (6-10 digits) or UPRN (up to 12 digits).`);
}
