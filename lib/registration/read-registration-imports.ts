import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { pageWindow, toPage } from "@/lib/lists";
import { registrationImportListSchema, type LineError, type RegistrationImportSummary } from "./schemas";

const LIST_SELECT = {
  id: true,
  createdAt: true,
  fileName: true,
  fileType: true,
  status: true,
  lineCount: true,
  appliedCount: true,
  importedBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.RegistrationImportSelect;

/** DCC admin: past imports, newest first, with how many errors each had (counted in SQL, not by loading them). */
export async function listRegistrationImports(actor: Actor, filters: unknown) {
  authorize(actor, "registration.import");
  const { status, fileType, page } = registrationImportListSchema.parse(filters);
  const where: Prisma.RegistrationImportWhereInput = { ...(status ? { status } : {}), ...(fileType ? { fileType } : {}) };
  const [rows, count] = await Promise.all([
    db().registrationImport.findMany({ where, select: LIST_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageWindow(page) }),
    db().registrationImport.count({ where }),
  ]);
  const counts = rows.length
    ? await db().$queryRaw<{ id: string; errors: number }[]>`
        SELECT "id", COALESCE(jsonb_array_length("lineErrors"), 0)::int AS errors
        FROM "RegistrationImport" WHERE "id" = ANY(${rows.map((r) => r.id)}::text[])`
    : [];
  const errorsById = new Map(counts.map((c) => [c.id, c.errors]));
  return toPage(
    rows.map((r) => ({ ...r, errorCount: errorsById.get(r.id) ?? 0 })),
    count,
    page,
  );
}

const ERRORS_PER_PAGE = 100;

/** DCC admin: one import with one page of its line errors (a rejected 10k-line file may have thousands). */
export async function getRegistrationImport(actor: Actor, id: string, opts: { page?: number; perPage?: number } = {}) {
  authorize(actor, "registration.import");
  const found = await db().registrationImport.findUnique({
    where: { id },
    include: { importedBy: { select: { id: true, name: true, email: true } } },
  });
  if (!found) throw notFound("That registration import");
  const { lineErrors, ...rest } = found;
  const all = (Array.isArray(lineErrors) ? lineErrors : []) as unknown as LineError[];
  const perPage = opts.perPage ?? ERRORS_PER_PAGE;
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), totalPages);
  const { skip, take } = pageWindow(page, perPage);
  // What an applied file changed is on its audit row, written in the same transaction.
  const audited = found.status === "APPLIED"
    ? await db().auditEvent.findFirst({ where: { action: "registration.import", entityType: "RegistrationImport", entityId: id }, select: { after: true } })
    : null;
  return {
    ...rest,
    // While a file is being applied, its running totals.
    summary: (audited?.after ?? found.summary ?? null) as Partial<RegistrationImportSummary> | null,
    linesWithErrors: new Set(all.map((e) => e.line)).size,
    errors: toPage(all.slice(skip, skip + take), all.length, page, perPage),
  };
}
