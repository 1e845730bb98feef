// Returns records (CHIMSM 9, 11.1): a party notifies the removal of a CH with SRV 8.14.3 (fault) or 8.14.4 (no
// fault) within 5 Working Days, or the Service Desk records it for them (9.9). The record carries the F9.5 reason and,
// when the CHF was ever installed, the 90-day return deadline (F8.6).
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { ChReturnStatus } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import { actorLabel, type Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource, can, partyScope } from "@/lib/auth/policy";
import { addWorkingDays, endOfLondonDay, formatLondon, londonDate, now } from "@/lib/clock";
import { db, inTransaction, nextNumber, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { formKeyed, oncePerForm, type FormKeyed } from "@/lib/idempotency";
import { isoDate, optionalReference, optionalText, reference, requiredText } from "@/lib/validation";
import { emailOmsAccounts, omsRef } from "@/lib/orders/oms-notices";
import { deviceIdOrThrow, loadDevice } from "@/lib/smi/guards";
import { FAULT_TYPES, RETURN_REASONS, RETURN_RULES, SRV_OF_KIND, returnReason } from "./catalog";
import { returnEventText } from "./event-texts";
import { requireChHolder } from "./holding";
import { OUTSTANDING_RETURN_STATUSES, moveReturn } from "./status";

const notifySchema = z.object({
  deviceId: reference("Give the CHF's Device ID."),
  kind: z.enum(["FAULT", "NO_FAULT"], "Choose SRV 8.14.3 (fault) or SRV 8.14.4 (no fault)."),
  reason: z.enum(RETURN_REASONS.map((r) => r.code) as [string, ...string[]], "Choose the return reason."),
  faultType: z.enum(FAULT_TYPES).optional(),
  removedOn: isoDate("Give the removal date as YYYY-MM-DD."),
  note: optionalText("The note", 2000, { multiline: true }),
  /** The Service Desk only: the party it records the notification for. */
  partyId: optionalReference(),
});
export type NotifyReturnInput = z.input<typeof notifySchema>;

/**
 * SRV 8.14.3 / 8.14.4 from a party (within 5 Working Days of removal), or the Service Desk's record of a party's
 * notification when the SR could not be sent (CHIMSM 9.9, no deadline check, flagged when late).
 */
export async function notifyReturn(actor: Actor, input: NotifyReturnInput & FormKeyed, tx?: Tx) {
  const data = notifySchema.parse(input);
  const { formKey } = formKeyed.parse(input);
  const viaServiceDesk = can(actor, "ch.return.record");
  if (!viaServiceDesk) authorize(actor, "ch.return");
  const partyId = viaServiceDesk ? data.partyId : actor.partyId;
  if (!partyId) throw new AppError("INVALID", "Choose the party whose CH this is.", { partyId: "Choose the party." });
  const reason = returnReason(data.reason)!;
  if (reason.kind !== data.kind) throw new AppError("INVALID", `Reason (${reason.code}) ${reason.label} is notified with ${SRV_OF_KIND[reason.kind]}.`, { reason: `Use ${SRV_OF_KIND[reason.kind]} for this reason.` });
  if (data.kind === "FAULT" && !data.faultType) throw new AppError("INVALID", "SRV 8.14.3 needs the fault return type.", { faultType: "Choose the fault return type." });
  const deviceId = deviceIdOrThrow(data.deviceId);
  const removedAt = endOfLondonDay(new Date(`${data.removedOn}T12:00:00Z`));
  const at = now();
  if (data.removedOn > londonDate(at)) throw new AppError("INVALID", "The removal date cannot be in the future.", { removedOn: "In the future." });
  const notifyBy = endOfLondonDay(addWorkingDays(removedAt, RETURN_RULES.notifyWorkingDays));
  const late = at > notifyBy;
  if (late && !viaServiceDesk) {
    throw new AppError("CONFLICT", `${SRV_OF_KIND[data.kind]} must be sent within ${RETURN_RULES.notifyWorkingDays} Working Days of removal (by ${formatLondon(notifyBy, "d MMM yyyy")}). Contact the Service Desk to notify this return (CHIMSM 9.9).`, { removedOn: "More than 5 Working Days ago." });
  }

  return inTransaction(tx, (tx) =>
    oncePerForm(
      tx,
      actor,
      { action: "ch-return.notify", key: formKey },
      async () => {
        if (viaServiceDesk && !(await tx.party.findFirst({ where: { id: partyId, isDcc: false } }))) throw new AppError("INVALID", "Choose the party whose CH this is.", { partyId: "Unknown party." });
        const device = await loadDevice(tx, deviceId);
        if (device.deviceType !== "CHF") throw new AppError("INVALID", `Device ${formatEui64(deviceId)} is a ${device.deviceType}, not a Communications Hub Function.`, { deviceId: "Not a CHF." });
        // The Service Desk records the party's notification: the party must hold the CH all the same.
        const { everInstalled } = await requireChHolder(tx, device, partyId);
        // A CH whose earlier return is closed (refurbished and deployed again) may be returned again.
        const open = await tx.chReturn.findFirst({ where: { deviceId, status: { notIn: ["LOST", "CLOSED"] } }, select: { ref: true } });
        if (open) throw new AppError("CONFLICT", `CH ${formatEui64(deviceId)} is already notified for return as ${open.ref}.`, { deviceId: `Already ${open.ref}.` });

        const number = await nextNumber(tx, "ChReturn");
        const notifiedVia = viaServiceDesk ? "Service Desk" : SRV_OF_KIND[data.kind];
        const record = await tx.chReturn.create({
          data: {
            number,
            ref: omsRef("RET", number),
            partyId,
            deviceId,
            kind: data.kind,
            reason: data.reason,
            faultType: data.kind === "FAULT" ? data.faultType : null,
            note: data.note || null,
            removedAt,
            notifiedAt: at,
            notifiedVia,
            // Calendar days from the removal date (noon UTC stays on the same London date across a clock change).
            returnDueAt: everInstalled ? endOfLondonDay(new Date(Date.parse(`${data.removedOn}T12:00:00Z`) + RETURN_RULES.returnDays * 86_400_000)) : null,
            createdAt: at,
          },
        });
        await tx.chReturnEvent.create({
          data: { returnId: record.id, at, actorName: actorLabel(actor), kind: "notified", text: returnEventText.notified(notifiedVia, removedAt, data.reason, record.faultType, late ? notifyBy : null) },
        });
        await audit(tx, actor, { action: "ch-return.notify", entityType: "ChReturn", entityId: record.ref, partyId, after: record });
        const deadline = record.returnDueAt ? ` Return it by ${formatLondon(record.returnDueAt, "d MMM yyyy")}, or it is treated as lost and blocked from the SM WAN.` : "";
        await emailOmsAccounts(tx, partyId, "ch-return.notified", `Return ${record.ref} recorded for CH ${formatEui64(deviceId)}`, `The return of CH ${formatEui64(deviceId)} is recorded as ${record.ref}. Request an RMA in the OMS to book it in.${deadline}`);
        return record;
      },
      (ref) => tx.chReturn.findUniqueOrThrow({ where: { ref } }),
    ),
  );
}

const lostSchema = z.object({ ref: reference("Which return?"), note: requiredText("The note", 2000, { multiline: true, missing: "Say what happened to the CH." }) });

/** The party reports a notified CH lost or destroyed (F8.17); it is blocked from the SM WAN. */
export async function reportReturnLost(actor: Actor, input: z.input<typeof lostSchema>) {
  const data = lostSchema.parse(input);
  return db().$transaction(async (tx) => {
    const record = authorizeResource(actor, "ch.view", await tx.chReturn.findUnique({ where: { ref: data.ref.toUpperCase() } }), `Return ${data.ref}`);
    authorize(actor, "ch.return");
    await requireChHolder(tx, await loadDevice(tx, record.deviceId), record.partyId);
    const at = now();
    await moveReturn(tx, actor, record, "LOST", { data: { lostAt: at }, event: returnEventText.reportedLost(data.note) });
    await tx.device.update({ where: { id: record.deviceId }, data: { wanBlockedAt: at } });
    await emailOmsAccounts(tx, record.partyId, "ch-return.lost", `Return ${record.ref}: CH reported lost`, `CH ${formatEui64(record.deviceId)} (${record.ref}) is recorded as lost and is blocked from the SM WAN.`);
  });
}

export interface ReturnFilters {
  status?: ChReturnStatus | "OUTSTANDING";
  q?: string;
}

/** The list shows the newest records; filters and the search box find older ones. */
export const RETURNS_LIST_LIMIT = 200;

export async function listReturns(actor: Actor, filters: ReturnFilters = {}) {
  const where: Prisma.ChReturnWhereInput = { ...partyScope(actor, "ch.view") };
  if (filters.status === "OUTSTANDING") where.status = { in: [...OUTSTANDING_RETURN_STATUSES] };
  else if (filters.status) where.status = filters.status;
  const q = filters.q?.trim().toUpperCase().replace(/[^0-9A-Z]/g, "");
  if (q) where.OR = [{ ref: q }, { deviceId: { contains: q } }, { rma: { ref: q } }];
  return db().chReturn.findMany({
    where,
    orderBy: { notifiedAt: "desc" },
    select: {
      id: true,
      ref: true,
      deviceId: true,
      kind: true,
      reason: true,
      finalReason: true,
      notifiedVia: true,
      removedAt: true,
      returnDueAt: true,
      status: true,
      party: { select: { name: true } },
      rma: { select: { ref: true, status: true } },
    },
    take: RETURNS_LIST_LIMIT,
  });
}

export async function readReturn(actor: Actor, ref: string) {
  const record = await db().chReturn.findUnique({
    where: { ref: ref.toUpperCase() },
    include: { party: { select: { name: true } }, device: { select: { id: true, status: true, cspRegion: true, wanBlockedAt: true, manufacturer: true } }, rma: true, events: { orderBy: { at: "asc" } } },
  });
  const found = authorizeResource(actor, "ch.view", record, `Return ${ref}`);
  const rmaEvents = found.rmaId ? await db().chReturnEvent.findMany({ where: { rmaId: found.rmaId }, orderBy: { at: "asc" } }) : [];
  return { ...found, timeline: [...found.events, ...rmaEvents].sort((a, b) => a.at.getTime() - b.at.getTime()) };
}
