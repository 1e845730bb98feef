// One error type for every refusal the user should read. Pages, server actions and routes map it once.
import { ZodError } from "zod";

export type AppErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "INVALID" | "CONFLICT" | "LOCKED";

const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID: 422,
  CONFLICT: 409,
  LOCKED: 423,
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

/** Turn a thrown AppError (or zod error) into a form result; anything else is a bug and is rethrown. */
export function toActionError(error: unknown): ActionResult<never> {
  if (error instanceof ZodError) error = AppError.fromZod(error);
  if (error instanceof AppError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  throw error;
}
