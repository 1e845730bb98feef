// Reading and checking a Registration Data file (processing.md §2.4 step 3: "validates its structure").
// The CSV text in, lines and every error found out; no database. Party checks take the parties looked up by the
// caller, so the whole file is checked with one query.
import { setImmediate as nextTurn } from "node:timers/promises";
import { TZDate } from "@date-fns/tz";
import { parse, type CsvError, type CsvErrorCode } from "csv-parse";
import type { Fuel, UserRole } from "@/generated/prisma/enums";
import { LONDON } from "@/lib/clock";
import { formatEui64, parseEui64, parseMpxn, parsePostcode, parseUprn } from "@/lib/identifiers";
import { USER_ROLE_LABELS } from "@/lib/parties/schemas";
import { REGISTRATION_COLUMNS, type LineError } from "./schemas";

const MAX_ADDRESS_LENGTH = 200;
const MAX_TOWN_LENGTH = 100;

/** One data line as far as it could be read; a field is null when it was missing or malformed (an error says which). */
export interface DraftLine {
  line: number;
  mpxn: string | null;
  fuel: Fuel | null;
  /** Start of the effective_from day in London (D5), or null. */
  effectiveFrom: Date | null;
  supplier: string | null;
  networkOperator: string | null;
  agent: string | null;
  addressLine: string;
  town: string;
  postcode: string | null;
  uprn: string | null;
}

/** A line of a file with no errors: every required field present. */
export type RegistrationLine = DraftLine & { mpxn: string; fuel: Fuel; effectiveFrom: Date; supplier: string; networkOperator: string; postcode: string };

export interface ParsedRegistrationFile {
  /** Data lines (the header excluded), including those that could not be read. */
  lineCount: number;
  lines: DraftLine[];
  errors: LineError[];
}

const CSV_ERROR_TEXT: Partial<Record<CsvErrorCode, string>> = {
  CSV_INVALID_CLOSING_QUOTE: 'a quoted field is followed by other characters (write a quote inside a field as "")',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted field is followed by other characters (write a quote inside a field as "")',
  INVALID_OPENING_QUOTE: "a quote appears inside an unquoted field (put the whole field in quotes and double the quote)",
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  CSV_MAX_RECORD_SIZE: "a line is too long",
};

/** A record as csv-parse returns it with `info: true`. */
interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

export const lineError = (line: number, message: string): LineError => ({ line, message: `line ${line}: ${message}` });

const mpxnKind = (fuel: Fuel) => (fuel === "ELECTRICITY" ? "MPAN" : "MPRN");

function describeBadMpxn(value: string): string {
  const digits = value.replace(/\s/g, "");
  if (!value) return "mpxn is empty";
  if (/^\d{13}$/.test(digits)) return `MPAN ${digits} has a wrong check digit`;
  if (/^\d{6,10}$/.test(digits)) return `MPRN ${digits} has a wrong check digit`;
  return `mpxn "${value}" is neither a 13-digit MPAN nor a 6-10 digit MPRN`;
}

/** "YYYY-MM-DD", a real calendar date -> the start of that day in London. */
export function parseEffectiveDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  return new Date(new TZDate(year, month - 1, day, LONDON).getTime());
}

function readPartyId(value: string, column: string, required: boolean, errors: string[]): string | null {
  if (!value) {
    if (required) errors.push(`${column} is empty`);
    return null;
  }
  const eui = parseEui64(value);
  if (!eui) errors.push(`${column} "${value}" is not an EUI-64 Party ID (16 hexadecimal digits)`);
  return eui;
}

function readLine(line: number, fields: string[], effectiveDate: (value: string) => Date | null): { draft: DraftLine; errors: string[] } {
  const errors: string[] = [];
  const [rawMpxn, rawDate, rawSupplier, rawOperator, rawAgent, addressLine, town, rawPostcode, rawUprn] = fields;

  const mpxn = parseMpxn(rawMpxn);
  if (!mpxn) errors.push(describeBadMpxn(rawMpxn));

  const effectiveFrom = effectiveDate(rawDate);
  if (!rawDate) errors.push("effective_from is empty");
  else if (!effectiveFrom) errors.push(`effective_from "${rawDate}" is not a date in the form YYYY-MM-DD`);

  const supplier = readPartyId(rawSupplier, "supplier_party_id", true, errors);
  const networkOperator = readPartyId(rawOperator, "network_operator_party_id", true, errors);
  const agent = readPartyId(rawAgent, "agent_party_id", false, errors);

  if (!addressLine) errors.push("address_line is empty");
  else if (addressLine.length > MAX_ADDRESS_LENGTH) errors.push(`address_line is longer than ${MAX_ADDRESS_LENGTH} characters`);
  if (!town) errors.push("town is empty");
  else if (town.length > MAX_TOWN_LENGTH) errors.push(`town is longer than ${MAX_TOWN_LENGTH} characters`);

  const postcode = parsePostcode(rawPostcode);
  if (!rawPostcode) errors.push("postcode is empty");
  else if (!postcode) errors.push(`postcode "${rawPostcode}" is not a full UK postcode`);

  const uprn = rawUprn ? parseUprn(rawUprn) : null;
  if (rawUprn && !uprn) errors.push(`UPRN "${rawUprn}" must be 1 to 12 digits`);

  return {
    draft: {
      line,
      mpxn: mpxn?.mpxn ?? null,
      fuel: mpxn?.fuel ?? null,
      effectiveFrom,
      supplier,
      networkOperator,
      agent,
      addressLine,
      town,
      postcode,
      uprn,
    },
    errors,
  };
}

/**
 * A 10 MB file takes seconds of CPU to read; the server serves nobody meanwhile unless reading gives way to other
 * requests between slices of this many characters, or data lines.
 */
const CHARS_PER_TURN = 64 * 1024;
const LINES_PER_TURN = 2_000;

async function readCsv(content: string, skipped: CsvError[]): Promise<ParsedRecord[]> {
  const records: ParsedRecord[] = [];
  const parser = parse({
    bom: true,
    info: true,
    trim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) skipped.push(error);
      return undefined;
    },
  });
  parser.on("data", (record: ParsedRecord) => records.push(record));
  const done = new Promise<void>((resolve, reject) => parser.on("end", resolve).on("error", reject));
  for (let at = 0; at < content.length; at += CHARS_PER_TURN) {
    parser.write(content.slice(at, at + CHARS_PER_TURN));
    await nextTurn();
  }
  parser.end();
  await done;
  return records;
}

/**
 * Parse the CSV and check everything that needs no database: header, field count, MPxN, date, Party ID formats,
 * address, postcode, UPRN, duplicate MPxNs, at least one data line. Every error is collected, with its line number.
 */
export async function parseRegistrationFile(content: string): Promise<ParsedRegistrationFile> {
  const errors: LineError[] = [];
  if (content.includes("\u0000")) {
    return { lineCount: 0, lines: [], errors: [lineError(1, "this is not a text CSV file (a spreadsheet? save it as CSV, UTF-8)")] };
  }
  const skipped: CsvError[] = [];
  const records = await readCsv(content, skipped);

  // One CSV error per line: after a broken quote the parser often trips again on the same line.
  const csvErrorLines = new Set<number>();
  for (const error of skipped) {
    const line = Number(error.lines) || 1;
    if (csvErrorLines.has(line)) continue;
    csvErrorLines.add(line);
    errors.push(lineError(line, `not valid CSV: ${CSV_ERROR_TEXT[error.code] ?? error.message}`));
  }

  // A quoted field may span lines; report the line the record starts on.
  const startLine = (r: ParsedRecord) => r.info.lines - r.record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);

  const [header, ...rows] = records;
  const expected = REGISTRATION_COLUMNS.join(",");
  if (!header) {
    if (!errors.length) errors.push(lineError(1, `the file is empty: it must start with the header "${expected}"`));
    return { lineCount: skipped.length, lines: [], errors: sortErrors(errors) };
  }
  if (header.record.join(",") !== expected) {
    errors.push(lineError(startLine(header), `the header must be exactly "${expected}" but is "${header.record.join(",")}"`));
    return { lineCount: rows.length + skipped.length, lines: [], errors: sortErrors(errors) };
  }
  if (!rows.length && !skipped.length) {
    errors.push(lineError(startLine(header) + 1, "the file has a header but no data lines"));
    return { lineCount: 0, lines: [], errors: sortErrors(errors) };
  }

  const lines: DraftLine[] = [];
  const firstLineOf = new Map<string, number>();
  // A file holds few distinct dates, and a London date is slow to compute.
  const dates = new Map<string, Date | null>();
  const effectiveDate = (value: string) => {
    if (!dates.has(value)) dates.set(value, parseEffectiveDate(value));
    return dates.get(value) ?? null;
  };
  for (const [index, row] of rows.entries()) {
    if (index % LINES_PER_TURN === LINES_PER_TURN - 1) await nextTurn();
    const line = startLine(row);
    if (row.record.length !== REGISTRATION_COLUMNS.length) {
      errors.push(lineError(line, `expected ${REGISTRATION_COLUMNS.length} fields but found ${row.record.length}`));
      continue;
    }
    const { draft, errors: found } = readLine(line, row.record, effectiveDate);
    for (const message of found) errors.push(lineError(line, message));
    if (draft.mpxn && draft.fuel) {
      const first = firstLineOf.get(draft.mpxn);
      if (first !== undefined) errors.push(lineError(line, `${mpxnKind(draft.fuel)} ${draft.mpxn} is already on line ${first}; list each MPxN once`));
      else firstLineOf.set(draft.mpxn, line);
    }
    lines.push(draft);
  }
  return { lineCount: rows.length + skipped.length, lines, errors: sortErrors(errors) };
}

export function sortErrors(errors: LineError[]): LineError[] {
  return errors.map((e, i) => [e, i] as const).sort((a, b) => a[0].line - b[0].line || a[1] - b[1]).map(([e]) => e);
}

export interface PartyForCheck {
  id: string;
  eui64: string;
  name: string;
  roles: UserRole[];
}

/** Which User Role each party column must hold, by fuel (processing.md §2.5 role-to-field table). */
const REQUIRED_ROLE = {
  supplier: { ELECTRICITY: "IS", GAS: "GS" },
  networkOperator: { ELECTRICITY: "ED", GAS: "GT" },
  agent: { ELECTRICITY: "RSA", GAS: "RSA" },
} as const satisfies Record<string, Record<Fuel, UserRole>>;

const COLUMN_WORDS = { supplier: "supplier", networkOperator: "network operator", agent: "agent" } as const;

/** Each named party must be registered and hold the role its column needs for the line's fuel. */
export function checkParties(lines: DraftLine[], parties: Map<string, PartyForCheck>): LineError[] {
  const errors: LineError[] = [];
  for (const draft of lines) {
    for (const column of ["supplier", "networkOperator", "agent"] as const) {
      const eui = draft[column];
      if (!eui) continue;
      const party = parties.get(eui);
      const who = `${COLUMN_WORDS[column]} ${formatEui64(eui)}`;
      if (!party) {
        errors.push(lineError(draft.line, `${who} is not a registered party`));
        continue;
      }
      if (!draft.fuel) continue;
      const role = REQUIRED_ROLE[column][draft.fuel];
      if (!party.roles.includes(role)) errors.push(lineError(draft.line, `${who} (${party.name}) holds no ${USER_ROLE_LABELS[role]} role`));
    }
  }
  return errors;
}

/** Party IDs named anywhere in the file, for one lookup. */
export function partyIdsIn(lines: DraftLine[]): string[] {
  const ids = new Set<string>();
  for (const l of lines) for (const id of [l.supplier, l.networkOperator, l.agent]) if (id) ids.add(id);
  return [...ids];
}

export function isComplete(line: DraftLine): line is RegistrationLine {
  return !!(line.mpxn && line.fuel && line.effectiveFrom && line.supplier && line.networkOperator && line.postcode);
}

/** The line's MPxN in messages: "MPAN 1400…" or "MPRN 1234…". */
export function describeMpxn(line: RegistrationLine): string {
  return `${mpxnKind(line.fuel)} ${line.mpxn}`;
}
