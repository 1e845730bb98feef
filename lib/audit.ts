import type { Prisma } from "@/generated/prisma/client";
import type { AuditAction } from "@/lib/audit-actions";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db";
import { currentRequestId } from "@/lib/request-id";

export interface AuditEntry {
  /** One of the trail's actions (lib/audit-actions.ts), e.g. `account.create`, `party.create`, `account.lock`. */
  action: AuditAction;
  entityType: string;
  entityId: string;
  /** The party whose trail this row belongs to (who may read it). Null: DCC-internal. */
  partyId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Secrets never reach the audit trail. */
const REDACTED_FIELDS = new Set(["passwordHash", "password"]);

function snapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (key, v) => (REDACTED_FIELDS.has(key) ? undefined : v)));
}

/**
 * Write the audit row for a change. Takes the caller's transaction client: the row commits or rolls back with the
 * change it describes. `actor` is null for the system (housekeeping jobs, failed sign-ins by unknown people). The row
 * carries the id of the request or job run that wrote it (lib/request-id.ts).
 */
export async function audit(tx: Tx, actor: Actor | null, entry: AuditEntry) {
  await tx.auditEvent.create({
    data: {
      at: now(),
      actorId: actor?.accountId ?? null,
      partyId: entry.partyId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
      requestId: currentRequestId(),
    },
  });
}

/**
 * One audit row per entry, written together in one INSERT with the columns as arrays (as lib/duis/pipeline.ts
 * stores requests): a batch decision's thousands of rows cost one statement, not Prisma's per-row query building.
 */
export async function auditMany(tx: Tx, actor: Actor | null, entries: AuditEntry[]) {
  if (!entries.length) return;
  const json = (value: unknown) => {
    const snap = snapshot(value);
    return snap === undefined ? null : JSON.stringify(snap);
  };
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" (id, at, "actorId", "partyId", action, "entityType", "entityId", before, after, "requestId")
    SELECT gen_random_uuid()::text, ${now().toISOString()}::timestamp(3), ${actor?.accountId ?? null}, t.party, t.action, t.type, t.entity, t.before::jsonb, t.after::jsonb,
      ${currentRequestId() ?? null}
    FROM unnest(${entries.map((e) => e.partyId)}::text[], ${entries.map((e) => e.action)}::text[], ${entries.map((e) => e.entityType)}::text[],
      ${entries.map((e) => e.entityId)}::text[], ${entries.map((e) => json(e.before))}::text[], ${entries.map((e) => json(e.after))}::text[])
      AS t(party, action, type, entity, before, after)`;
}
