import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { AUDIT_ACTION_NAMES } from "@/lib/audit-actions";
import type { Actor } from "@/lib/auth/actor";
import { authorizeResource, partyScope } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { pageWindow, parseListFilters, toPage } from "@/lib/lists";
import { isoDate, optionalText, pageNumber } from "@/lib/validation";

export const auditListSchema = z.object({
  action: z.enum(AUDIT_ACTION_NAMES, "Choose the action from the list.").optional(),
  entityType: optionalText("The entity type filter", 80),
  entityId: optionalText("The entity id filter", 80),
  /** The rows one request or job run wrote (lib/request-id.ts). */
  requestId: optionalText("The request id filter", 128),
  from: isoDate("The From date is not a real date: give it as YYYY-MM-DD, e.g. 2026-11-24.").optional(),
  to: isoDate("The To date is not a real date: give it as YYYY-MM-DD, e.g. 2026-11-24.").optional(),
  page: pageNumber(),
});

const include = {
  actor: { select: { id: true, name: true, email: true } },
  party: { select: { id: true, name: true } },
} satisfies Prisma.AuditEventInclude;

function auditWhere(actor: Actor, filters: z.infer<typeof auditListSchema>): Prisma.AuditEventWhereInput {
  return {
    ...partyScope(actor, "audit.view"),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.entityType ? { entityType: filters.entityType } : {}),
    ...(filters.entityId ? { entityId: filters.entityId } : {}),
    ...(filters.requestId ? { requestId: filters.requestId } : {}),
    ...(filters.from || filters.to
      ? {
          at: {
            ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00Z`) } : {}),
            ...(filters.to ? { lt: new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
}

/** Audit trail: DCC admins see every row; a party's users see their own party's rows only. */
export async function listAuditEvents(actor: Actor, rawFilters: Record<string, unknown>, opts: { perPage?: number } = {}) {
  const { filters, problems } = parseListFilters(auditListSchema, rawFilters);
  const where = auditWhere(actor, filters);
  const perPage = opts.perPage ?? 50;
  const [data, count] = await Promise.all([
    db().auditEvent.findMany({ where, include, orderBy: [{ at: "desc" }, { id: "desc" }], ...pageWindow(filters.page, perPage) }),
    db().auditEvent.count({ where }),
  ]);
  return { ...toPage(data, count, filters.page, perPage), problems };
}

export async function getAuditEvent(actor: Actor, id: string) {
  const event = await db().auditEvent.findUnique({ where: { id }, include });
  return authorizeResource(actor, "audit.view", event, "That audit entry");
}

/** Every matching row for CSV export, in batches, through the same scope and filters as the list. */
export async function* auditEventsForExport(actor: Actor, rawFilters: unknown, batchSize = 1000) {
  const filters = auditListSchema.parse(rawFilters);
  const where = auditWhere(actor, filters);
  let cursor: string | undefined;
  for (;;) {
    const batch = await db().auditEvent.findMany({
      where,
      include,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < batchSize) return;
    cursor = batch[batch.length - 1].id;
  }
}
