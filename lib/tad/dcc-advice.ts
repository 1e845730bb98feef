// The DCC's side of a DCC-threshold quarantine (processing.md §1.9, AA 4.11-4.13): its advice to the User on each
// item (must delete, User decides, no action) and, where it advised deletion, its own decision (DELETED_BY_DCC). A
// packet-inspection breach follows the DCC-ADT path (P16). The advice bumps each item's version, so a User decision
// read before it is refused rather than applied against advice it never saw.
import { z } from "zod";
import { DccAdvice } from "@/generated/prisma/enums";
import { auditMany } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { prepareDuisQueues } from "@/lib/duis/duis-jobs";
import { AppError } from "@/lib/errors";
import { emailTadIncident } from "./incidents";
import { optionalReference } from "@/lib/validation";
import { DECIDABLE_SELECT, DECISION_LIMIT, decidable, decideQuarantined } from "./decide";
import { listRequestIds, lockIncidents, noteIncidents } from "./incident-closure";

export const ADVICE_LABELS: Record<DccAdvice, string> = {
  MUST_DELETE: "Must be deleted",
  USER_DECIDES: "The User decides",
  NO_ACTION: "No action: archived, then deleted by the DCC",
};

const ADVICE_TEXT: Record<DccAdvice, string> = {
  MUST_DELETE: "must be deleted; the DCC will delete them",
  USER_DECIDES: "may proceed: you decide whether to release or delete them",
  NO_ACTION: "need no action from you: they will be archived after 120 hours and then deleted by the DCC",
};

/** The items: every DCC-breach item of an incident still in quarantine, or the ids given (at most 100). */
const targetSchema = z
  .object({
    incidentId: optionalReference(),
    ids: z.array(z.string().trim().min(1)).max(DECISION_LIMIT, `Select at most ${DECISION_LIMIT} quarantined commands at a time.`).optional(),
  })
  .refine((t) => !!t.incidentId !== !!t.ids?.length, { message: "Give an incident or a selection of quarantined commands.", path: ["ids"] });

const adviceSchema = targetSchema.and(z.object({ advice: z.enum(DccAdvice, "Choose the DCC's advice.") }));

type Target = z.output<typeof targetSchema>;
const targetWhere = (t: Target) => (t.incidentId ? { incidentId: t.incidentId } : { id: { in: t.ids! } });

export async function recordDccAdvice(actor: Actor, input: z.input<typeof adviceSchema>): Promise<{ advised: number }> {
  authorize(actor, "tad.dcc.manage");
  const data = adviceSchema.parse(input);
  return db().$transaction(async (tx) => {
    const candidates = await tx.quarantineItem.findMany({ where: { ...targetWhere(data), status: "QUARANTINED" }, select: { incidentId: true } });
    await lockIncidents(tx, candidates.map((c) => c.incidentId));
    const items = await tx.quarantineItem.findMany({ where: { ...targetWhere(data), status: "QUARANTINED" }, select: { ...DECIDABLE_SELECT, breach: true } });
    const userBreach = items.filter((i) => i.breach === "USER");
    if (!items.length) throw new AppError("CONFLICT", "Nothing to advise on: no item of the selection is still in quarantine.");
    if (userBreach.length && data.ids) throw new AppError("INVALID", "The DCC advises only on DCC-threshold and packet-inspection quarantines; the User decides on breaches of its own thresholds.");
    const advised = items.filter((i) => i.breach !== "USER" && i.dccAdvice !== data.advice);
    if (!advised.length) return { advised: 0 };
    await tx.quarantineItem.updateMany({ where: { id: { in: advised.map((i) => i.id) }, status: "QUARANTINED" }, data: { dccAdvice: data.advice, version: { increment: 1 } } });
    await auditMany(
      tx,
      actor,
      advised.map((i) => ({ action: "tad.dcc.advice" as const, entityType: "QuarantineItem", entityId: i.id, partyId: i.partyId, before: { dccAdvice: i.dccAdvice }, after: { dccAdvice: data.advice } })),
    );
    const byIncident = groupBy(advised.map(decidable), (i) => i.incidentId);
    const notes = new Map([...byIncident].map(([id, list]) => [id, `DCC advice: ${ADVICE_LABELS[data.advice]} (${listRequestIds(list.map((i) => i.requestId))}).`]));
    await noteIncidents(tx, actor, "tad.dcc.advice", notes);
    for (const [incidentId, list] of byIncident) {
      await emailTadIncident(tx, incidentId, "tad.dcc-advice", "DCC advice on quarantined commands", `The DCC advises that ${list.length} quarantined command(s) ${ADVICE_TEXT[data.advice]}.`);
    }
    return { advised: advised.length };
  });
}

/** The DCC deletes the items it advised must be deleted (AA 4.12(a)); their incidents close when nothing is left. */
export async function deleteAsAdvised(actor: Actor, input: z.input<typeof targetSchema>): Promise<{ deleted: number }> {
  authorize(actor, "tad.dcc.manage");
  const target = targetSchema.parse(input);
  const receivedAt = now();
  await prepareDuisQueues();
  return db().$transaction(async (tx) => {
    const items = (await tx.quarantineItem.findMany({ where: { ...targetWhere(target), status: "QUARANTINED", dccAdvice: "MUST_DELETE" }, select: DECIDABLE_SELECT })).map(decidable);
    if (!items.length) throw new AppError("CONFLICT", "Nothing to delete: no item of the selection is in quarantine with the advice that it must be deleted.");
    const { decided } = await decideQuarantined(tx, actor, items.map((item) => ({ item, action: "DELETE" as const })), { receivedAt, via: "DCC" });
    for (const [incidentId, list] of groupBy(decided.map((d) => d.item), (i) => i.incidentId)) {
      await emailTadIncident(tx, incidentId, "tad.dcc-deleted", "quarantined commands deleted by the DCC", `The DCC deleted ${list.length} quarantined command(s) as it advised: ${listRequestIds(list.map((i) => i.requestId))}.`);
    }
    return { deleted: decided.length };
  });
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}
