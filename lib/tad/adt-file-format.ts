// The ADT File (processing.md §1.4, P7: a simulated layout, the real one being in SEC Appendix AA): its format check,
// every line's errors at once, and the DCC guidance check that decides whether the SRO must confirm it.
import type { ThresholdKind, UserRole } from "@/generated/prisma/enums";
import { SRV_CATALOGUE, srvEntry } from "@/lib/duis/catalogue";
import { plural } from "@/lib/format";
import { formatEui64 } from "@/lib/identifiers";
import { INT4_MAX } from "@/lib/validation";
import { MAX_PERIOD_MINUTES, MAX_THRESHOLD_ROWS } from "./thresholds";

export const ADT_HEADER = "UserId,UserRole,SRV,ThresholdKind,MaxCount,PeriodMinutes";
/** A file of 10,000 rows is about 450 KB; 2 MB leaves room for padding and comments a spreadsheet adds, no more. */
export const MAX_ADT_FILE_BYTES = 2 * 1024 * 1024;
const USER_ROLES: readonly UserRole[] = ["IS", "ES", "GS", "ED", "GT", "RSA", "OU"];
const KINDS: readonly ThresholdKind[] = ["ADT", "WARNING"];
/** Lines listed on the SMSR: the first hundred problems say what is wrong; the count says how much. */
const MAX_LINE_ERRORS = 100;

export interface LineError {
  line: number;
  message: string;
}

export interface AdtRow {
  srv: string;
  kind: ThresholdKind;
  maxCount: number;
  periodMinutes: number;
}

export type AdtParseResult = { ok: true; role: UserRole; rows: AdtRow[] } | { ok: false; reason: string; lineErrors: LineError[] };

/**
 * SRVs whose Service Responses carry data encrypted under GBCS (device-ops.md A1: consumption, profile, log, billing,
 * prepayment, balance, debt and tariff reads, i.e. the 4.x reads, and 6.24.x security credentials).
 */
export function encryptedResponse(srv: string): boolean {
  return srv.startsWith("4.") || srv.startsWith("6.24.");
}

/** The SRVs a role must set an ADT on (SEC G6.3): every Critical SRV and every encrypted-response SRV it may send. */
export function mandatorySrvs(role: UserRole): string[] {
  return [...SRV_CATALOGUE.values()].filter((e) => !e.nonDevice && e.roles.includes(role) && (e.critical || encryptedResponse(e.srv))).map((e) => e.srv);
}

const count = (value: string) => (/^\d{1,10}$/.test(value) && Number(value) <= INT4_MAX ? Number(value) : null);

/**
 * The format check (§1.4): header exact; UserId the party's EUI-64 with dashes; UserRole one of the party's roles and the
 * same on every row (one file per User Role, AA 3.4); SRV in the catalogue, a device SRV, eligible for that role;
 * ThresholdKind ADT or WARNING; MaxCount a whole number >= 0; PeriodMinutes a whole number > 0; no (Role, SRV, Kind) twice.
 */
export function parseAdtFile(csv: string, party: { eui64: string; roles: readonly UserRole[] }): AdtParseResult {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length && lines.at(-1)!.trim() === "") lines.pop();
  if (lines[0]?.trim() !== ADT_HEADER) {
    return { ok: false, reason: `The first line must be exactly the header ${ADT_HEADER}.`, lineErrors: [{ line: 1, message: `Expected the header ${ADT_HEADER}.` }] };
  }
  if (lines.length < 2) return { ok: false, reason: "The file has no thresholds below its header.", lineErrors: [] };
  if (lines.length - 1 > MAX_THRESHOLD_ROWS) {
    return { ok: false, reason: `The file has ${(lines.length - 1).toLocaleString("en-GB")} rows: at most ${MAX_THRESHOLD_ROWS.toLocaleString("en-GB")}.`, lineErrors: [] };
  }
  const userId = formatEui64(party.eui64);
  const errors: LineError[] = [];
  let errorCount = 0;
  const fail = (line: number, message: string) => {
    errorCount++;
    if (errors.length < MAX_LINE_ERRORS) errors.push({ line, message });
  };
  const rows: AdtRow[] = [];
  const seen = new Map<string, number>();
  let fileRole: UserRole | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const fields = lines[i].split(",").map((f) => f.trim());
    if (fields.length !== 6) {
      fail(line, `Expected 6 fields, found ${fields.length}.`);
      continue;
    }
    const [id, roleText, srv, kindText, maxText, periodText] = fields;
    const problems: string[] = [];
    if (id !== userId) problems.push(`UserId ${id || "(blank)"} is not your organisation's ${userId}.`);
    const role = USER_ROLES.find((r) => r === roleText);
    if (!role) problems.push(`UserRole ${roleText || "(blank)"} is not one of ${USER_ROLES.join(", ")}.`);
    else if (!party.roles.includes(role)) problems.push(`Your organisation does not hold the ${role} User Role.`);
    else if (fileRole && role !== fileRole) problems.push(`UserRole ${role}: a file holds one User Role (${fileRole}, from line 2); send ${role} in a file of its own.`);
    fileRole ??= role && party.roles.includes(role) ? role : undefined;
    const entry = srvEntry(srv);
    if (!entry) problems.push(`SRV ${srv || "(blank)"} is not in the DUIS catalogue.`);
    else if (entry.nonDevice) problems.push(`SRV ${srv} is a Non-Device Service Request: TAD never applies to it.`);
    else if (role && !entry.roles.includes(role)) problems.push(`SRV ${srv} (${entry.name}) cannot be sent in the ${role} User Role.`);
    const kind = KINDS.find((k) => k === kindText);
    if (!kind) problems.push(`ThresholdKind ${kindText || "(blank)"} is not ADT or WARNING.`);
    const maxCount = count(maxText);
    if (maxCount === null) problems.push(`MaxCount ${maxText || "(blank)"} is not a whole number of 0 or more.`);
    const periodMinutes = count(periodText);
    if (periodMinutes === null || periodMinutes < 1 || periodMinutes > MAX_PERIOD_MINUTES) {
      problems.push(`PeriodMinutes ${periodText || "(blank)"} is not a whole number from 1 to ${MAX_PERIOD_MINUTES.toLocaleString("en-GB")}.`);
    }
    if (role && entry && kind) {
      const key = `${role}|${srv}|${kind}`;
      const first = seen.get(key);
      if (first) problems.push(`A second ${kind} for ${role} SRV ${srv} (the first is on line ${first}).`);
      else seen.set(key, line);
    }
    if (problems.length) fail(line, problems.join(" "));
    else rows.push({ srv, kind: kind!, maxCount: maxCount!, periodMinutes: periodMinutes! });
  }
  if (errorCount) {
    const more = errorCount > errors.length ? ` (the first ${errors.length} are listed)` : "";
    return { ok: false, reason: `The file format check failed on ${plural(errorCount, "line")}${more}.`, lineErrors: errors };
  }
  return { ok: true, role: fileRole!, rows };
}

export interface GuidanceIssues {
  /** Mandatory SRVs (Critical or encrypted-response) with no ADT in the file. */
  missingSrvs: string[];
  /** Keys whose Warning Threshold is not below their ADT. */
  warningNotBelowAdt: { srv: string; warning: string; adt: string }[];
}

const rate = (r: Pick<AdtRow, "maxCount" | "periodMinutes">) => `${r.maxCount} per ${r.periodMinutes} min`;

/**
 * DCC guidance (§1.4, §1.5 step 6): every mandatory SRV has an ADT, and a Warning Threshold sits below its ADT (a lower
 * rate: fewer per minute, compared across the two periods). Null when the file is within guidance.
 */
export function guidanceIssues(role: UserRole, rows: readonly AdtRow[]): GuidanceIssues | null {
  const adts = new Map(rows.filter((r) => r.kind === "ADT").map((r) => [r.srv, r]));
  const missingSrvs = mandatorySrvs(role).filter((srv) => !adts.has(srv));
  const warningNotBelowAdt = rows
    .filter((r) => r.kind === "WARNING")
    .flatMap((w) => {
      const adt = adts.get(w.srv);
      // Per minute, so 10 a day and 50 an hour compare as rates; cross-multiplied to stay in whole numbers.
      return adt && w.maxCount * adt.periodMinutes >= adt.maxCount * w.periodMinutes ? [{ srv: w.srv, warning: rate(w), adt: rate(adt) }] : [];
    });
  return missingSrvs.length || warningNotBelowAdt.length ? { missingSrvs, warningNotBelowAdt } : null;
}
