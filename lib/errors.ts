// One error type for every refusal the user should read. Pages, server actions and routes map it once.
import { ZodError } from "zod";

export type AppErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "INVALID" | "CONFLICT" | "LOCKED" | "BUSY";

const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID: 422,
  CONFLICT: 409,
  LOCKED: 423,
  BUSY: 503,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Messages per form field, for INVALID. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  static fromZod(error: ZodError): AppError {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) {
      const key = issue.path.join(".") || "_form";
      fieldErrors[key] ??= issue.message;
    }
    const first = Object.entries(fieldErrors)[0];
    return new AppError("INVALID", first ? `Please correct the highlighted fields: ${first[1]}` : "Invalid input", fieldErrors);
  }
}

export const notFound = (what = "That page") => new AppError("NOT_FOUND", `${what} was not found.`);
export const forbidden = (why = "Your account does not have permission to do this.") => new AppError("FORBIDDEN", why);

type DriverError = { code?: string; originalCode?: string };

/**
 * The PostgreSQL error code behind a failed query. PGlite throws the driver error with the code on `cause`; adapter-pg
 * also wraps it in a Prisma error (P2010, P2020) carrying the driver error on `meta.driverAdapterError.cause`.
 */
function postgresCode(error: unknown): string | undefined {
  const e = error as (DriverError & { cause?: DriverError; meta?: { driverAdapterError?: { cause?: DriverError } } }) | null;
  const driver = e?.meta?.driverAdapterError?.cause;
  return e?.cause?.originalCode ?? e?.cause?.code ?? driver?.originalCode ?? driver?.code;
}

/** Values the input schemas should have refused but the database did: what the user is told. */
const DATA_ERROR_MESSAGES: Record<string, string> = {
  "22021": "A text field contains characters that cannot be stored (such as a NUL byte). Remove them and try again.",
  "22P05": "A text field contains characters that cannot be stored (such as a NUL byte). Remove them and try again.",
  "22001": "A text field is too long. Shorten it and try again.",
  "22003": "A number is too large. Check the quantities and try again.",
  "22007": "A date or time is not valid. Give dates as YYYY-MM-DD.",
  "22008": "A date or time is not valid. Give dates as YYYY-MM-DD.",
};

/** A database refusal of a value (PostgreSQL class 22) as INVALID; null for anything else. */
export function dataError(error: unknown): AppError | null {
  const code = postgresCode(error) ?? ((error as { code?: string } | null)?.code === "P2020" ? "22003" : undefined);
  const message = code ? DATA_ERROR_MESSAGES[code] : undefined;
  return message ? new AppError("INVALID", message) : null;
}

/**
 * A transaction that could not start or finish within the client's transactionOptions (lib/db.ts), Prisma P2028:
 * the database is busy, the change was rolled back, and trying again later is the answer.
 */
export function busyError(error: unknown): AppError | null {
  return (error as { code?: string } | null)?.code === "P2028"
    ? new AppError("BUSY", "The portal is busy and your change was not saved. Try again in a moment.")
    : null;
}

/** Unique-violation codes differ by backend: Prisma P2002 through adapter-pg, raw 23505 through PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string; originalCode?: string }; meta?: { code?: string } } | null;
  if (!e) return false;
  if (e.code === "P2002" || e.code === "23505") return true;
  if (e.cause?.code === "23505" || e.cause?.originalCode === "23505" || e.meta?.code === "23505") return true;
  return /unique constraint|duplicate key value/i.test(String((error as Error).message ?? ""));
}

/** The result every form-backed server action returns. */
export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

/**
 * Turn a thrown AppError (or zod error, a value the database refused, or a busy database) into a form result;
 * anything else is a bug and is rethrown.
 */
export function toActionError(error: unknown): ActionResult<never> {
  if (error instanceof ZodError) error = AppError.fromZod(error);
  error = dataError(error) ?? busyError(error) ?? error;
  if (error instanceof AppError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  throw error;
}
