// The zod building blocks every input schema is made of, so that no field reaches the database unbounded, with
// control characters, or as a date JavaScript would roll over (new Date("2026-02-31") is 3 March).
import { z } from "zod";

/** Largest value of a PostgreSQL `integer` column. */
export const INT4_MAX = 2_147_483_647;

/** Longest email address SMTP accepts (RFC 5321 path limit). */
const EMAIL_MAX = 254;

// NUL cannot be stored in PostgreSQL text at all; the other C0 controls and DEL only arrive from crafted requests.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const CONTROL_CHARACTERS_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Whether text holds a control character; `multiline` text may hold newlines, carriage returns and tabs. */
export const hasControlCharacters = (value: string, multiline = false) => (multiline ? CONTROL_CHARACTERS_EXCEPT_LINE_BREAKS : CONTROL_CHARACTERS).test(value);

export interface TextOptions {
  /** Multi-line fields (textareas) keep newlines and tabs. */
  multiline?: boolean;
  /** What to say when a required field is blank; "<label> is required." by default. */
  missing?: string;
}

/** Trimmed text of at most `max` characters with no control characters; empty is allowed (see `requiredText`). */
function boundedText(label: string, max: number, { multiline = false, missing }: TextOptions = {}) {
  return z
    .string(missing ?? `${label} is required.`)
    .trim()
    .max(max, `${label}: at most ${max} characters.`)
    .refine((value) => !hasControlCharacters(value, multiline), `${label} contains characters that are not allowed.`);
}

/** A required text field. */
export const requiredText = (label: string, max: number, options: TextOptions = {}) =>
  boundedText(label, max, options).refine((value) => value.length > 0, options.missing ?? `${label} is required.`);

/** An optional text field: missing or blank is `undefined`. */
export const optionalText = (label: string, max: number, options?: TextOptions) =>
  boundedText(label, max, options)
    .optional()
    .transform((value) => value || undefined);

/** A record reference or id sent by a form or a URL (INC0000001, a cuid, a Device ID); `message` when it is missing. */
export const reference = (message = "Which record?") => boundedText("The reference", 100).refine((value) => value.length > 0, message);

/** An optional id from a select (a party, an account, a model): blank is `undefined`. */
export const optionalReference = () => optionalText("The reference", 100);

export const email = (message: string) => z.string(message).trim().max(EMAIL_MAX, message).pipe(z.email(message));

/** A calendar date as YYYY-MM-DD that exists (2026-02-31 is refused); the value stays that string. */
export const isoDate = (message = "Give the date as YYYY-MM-DD, e.g. 2026-11-24.") => z.string(message).trim().pipe(z.iso.date(message));

/** A calendar date as YYYY-MM-DD, as the Date at 00:00 UTC of that day. */
export const isoDateUtc = (message?: string) => isoDate(message).transform((value) => new Date(`${value}T00:00:00Z`));

/** A required instant as ISO 8601 with a zone (`Z` or an offset), checked strictly, as a Date. */
export const isoDateTime = (label: string) =>
  z
    .string(`${label} is required.`)
    .trim()
    .min(1, `${label} is required.`)
    .pipe(z.iso.datetime({ offset: true, message: `${label} is not a valid date and time.` }))
    .transform((value) => new Date(value));

/** A month as YYYY-MM. */
export const isoMonth = (message = "Give the month as YYYY-MM, e.g. 2026-11.") => z.string(message).trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, message);

/** A whole number from a form field or JSON, within `[min, max]` (max at most a PostgreSQL integer). */
export const wholeNumber = (label: string, { min = 0, max = INT4_MAX }: { min?: number; max?: number } = {}) =>
  z.coerce
    .number(`${label} must be a whole number.`)
    .int(`${label} must be a whole number.`)
    .min(min, min === 0 ? `${label} cannot be negative.` : `${label} must be at least ${min}.`)
    .max(Math.min(max, INT4_MAX), `${label} must be at most ${Math.min(max, INT4_MAX).toLocaleString("en-GB")}.`);

/** Units of Communications Hubs or equipment on one line: far above any real order, far below int4. */
export const MAX_UNITS = 1_000_000;
export const units = (label = "A quantity") => wholeNumber(label, { max: MAX_UNITS });

/** A list page number: anything that is not a page (0, -1, "abc", past the end of any list) shows the first page. */
export const pageNumber = () => z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

/**
 * Largest file a form uploads. Server actions accept a little more (next.config.js `bodySizeLimit`), so an action
 * still runs, and refuses with this limit, for a file just over it; the forms check the size before sending.
 */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const uploadTooLarge = (maxBytes = MAX_UPLOAD_BYTES) => `The file is larger than the ${maxBytes / 1024 / 1024} MB limit.`;
