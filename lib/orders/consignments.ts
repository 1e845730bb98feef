// Consignments (F6): the DCC raises one delivery per Delivery Location of an accepted order. The party confirms it,
// or rejects it on the only grounds F6.9 allows, within 5 Working Days of the Delivery Date (service.md §9.5: the
// BAD's 5 WD, the more lenient reading of the SEC's "5 days"); otherwise a job deems it compliant (F6.8). Short,
// damaged and "other" deliveries are replaced on a date the party picks from the DCC's offers (F6.13-F6.14); over-
// deliveries and rejected units wait for the DCC to collect them (F6.10-F6.11).
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { ChConsignmentStatus, ChDeliveryGround } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import { statusAuditAction } from "@/lib/audit-actions";
import { actorLabel, type Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource, partyScope } from "@/lib/auth/policy";
import { LONDON, addWorkingDays, endOfLondonDay, formatLondon, isWorkingDay, londonDate, now } from "@/lib/clock";
import { db, nextNumber, type Tx } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { formatMonth } from "@/lib/format";
import { guardedUpdate, transition, type StateMachine } from "@/lib/state/transition";
import { isoDate, optionalText, reference, units } from "@/lib/validation";
import { monthOf } from "./calendar";
import { auxiliaryByCode, hubCount, variantByCode } from "./catalog";
import { allocateDeliveredHubs, releaseUndeliveredHubs } from "./ch-holders";
import { emailOmsAccounts, omsRef } from "./oms-notices";

export const CONSIGNMENT_STATUS_LABELS: Record<ChConsignmentStatus, string> = {
  SCHEDULED: "Scheduled",
  CANCELLED: "Cancelled",
  DEEMED_CANCELLED: "Deemed cancelled",
  DELIVERED: "Delivered: confirm or reject",
  CONFIRMED_COMPLIANT: "Confirmed compliant",
  DEEMED_COMPLIANT: "Deemed compliant",
  NON_COMPLIANT_SHORT: "Short: replacement due",
  REJECTED: "Rejected: awaiting collection",
  COLLECTED: "Collected by the DCC",
};

/** The consignment status machine (service.md §1.3), as data: from a status, where it may go. */
export const CONSIGNMENT_TRANSITIONS: Record<ChConsignmentStatus, readonly ChConsignmentStatus[]> = {
  SCHEDULED: ["DELIVERED", "CANCELLED", "DEEMED_CANCELLED"],
  DELIVERED: ["CONFIRMED_COMPLIANT", "DEEMED_COMPLIANT", "NON_COMPLIANT_SHORT", "REJECTED"],
  REJECTED: ["COLLECTED"],
  NON_COMPLIANT_SHORT: [],
  CONFIRMED_COMPLIANT: [],
  DEEMED_COMPLIANT: [],
  CANCELLED: [],
  DEEMED_CANCELLED: [],
  COLLECTED: [],
};

export const CONSIGNMENT_MACHINE: StateMachine<ChConsignmentStatus> = { labels: CONSIGNMENT_STATUS_LABELS, moves: CONSIGNMENT_TRANSITIONS };

/** The only grounds for saying a delivery did not comply (F6.9), and what follows from each (F6.10-F6.14). */
export const DELIVERY_GROUNDS: Record<ChDeliveryGround, { label: string; affected: string; status: ChConsignmentStatus; replaced: boolean; collected: boolean }> = {
  SHORT: { label: "Short: nothing delivered, or fewer units than owed (F6.9(a))", affected: "Units missing", status: "NON_COMPLIANT_SHORT", replaced: true, collected: false },
  OVER: { label: "Over: more units than owed (F6.9(b))", affected: "Units over", status: "REJECTED", replaced: false, collected: true },
  DAMAGED: { label: "Damaged or looks tampered with, before delivery (F6.9(c))", affected: "Units rejected", status: "REJECTED", replaced: true, collected: true },
  OTHER: { label: "Another rejection right under CHHSM (F6.9(d))", affected: "Units rejected", status: "REJECTED", replaced: true, collected: true },
};

/** Delivery Windows the DCC offers, all inside Working Hours (CHHSM 3.13(c); the hours are our configuration). */
export const DELIVERY_WINDOWS = ["08:00-12:00", "12:00-16:00", "09:00-17:00"] as const;
export const CONFIRMATION_WORKING_DAYS = 5;
export const CONSIGNMENT_CANCELLATION_HOURS = 48;
/** Statuses in which the goods reached the party (the chart's "delivered" counts these, less short or rejected units). */
export const ARRIVED_STATUSES: readonly ChConsignmentStatus[] = ["DELIVERED", "CONFIRMED_COMPLIANT", "DEEMED_COMPLIANT", "NON_COMPLIANT_SHORT", "REJECTED", "COLLECTED"];

/** CHs (not auxiliary equipment) the party kept from a consignment that arrived: short and rejected units are not. */
export function hubsDelivered(consignment: { status: ChConsignmentStatus; ground: ChDeliveryGround | null; lines: { itemCode: string; quantity: number; affectedQuantity: number }[] }): number {
  if (!ARRIVED_STATUSES.includes(consignment.status)) return 0;
  const lessAffected = consignment.ground !== null && consignment.ground !== "OVER";
  return consignment.lines.filter((l) => variantByCode(l.itemCode)).reduce((sum, l) => sum + l.quantity - (lessAffected ? l.affectedQuantity : 0), 0);
}

export const itemName = (code: string) => variantByCode(code)?.name ?? auxiliaryByCode(code)?.name ?? code;

/** A delivery's day and window, as the timeline and the emails give it. */
const deliveryWhen = (date: Date, window: string) => `${formatLondon(date, "EEEE d MMMM yyyy")}, ${window}`;
const listDates = (dates: Date[]) => dates.map((d) => formatLondon(d, "EEE d MMM yyyy")).join(", ");
/** What follows a non-compliant report on `ground` of `units` units (F6.10-F6.13). */
const groundFollows = (ground: ChDeliveryGround, units: number) =>
  [DELIVERY_GROUNDS[ground].collected ? `${units} units await collection by the DCC (F6.10-F6.11)` : null, DELIVERY_GROUNDS[ground].replaced ? "the DCC will offer replacement dates (F6.13)" : null].filter(Boolean).join("; ");

/** A consignment's events in its order's timeline, each worded once: the demo seed writes its history with these too. */
export const consignmentEventText = {
  scheduled: (ref: string, location: string, date: Date, window: string) => `${ref} to ${location} on ${deliveryWhen(date, window)}.`,
  replacement: (ref: string, replacedRef: string, date: Date, window: string) => `${ref} replaces the units of ${replacedRef}, on ${deliveryWhen(date, window)}.`,
  delivered: (ref: string, location: string, confirmDueAt: Date) => `${ref}: delivered to ${location}; the party confirms or rejects by ${formatLondon(confirmDueAt)}.`,
  confirmedCompliant: (ref: string) => `${ref}: confirmed compliant by the party.`,
  deemedCompliant: (ref: string, confirmDueAt: Date) => `${ref}: deemed compliant: nothing was confirmed by ${formatLondon(confirmDueAt)} (F6.8).`,
  nonCompliant: (ref: string, ground: ChDeliveryGround, units: number, note: string | null) =>
    `${ref}: reported non-compliant by the party: ${DELIVERY_GROUNDS[ground].label}, ${units} units${note ? ` (${note})` : ""}; ${groundFollows(ground, units)}.`,
  replacementOffered: (ref: string, dates: Date[]) => `${ref}: replacement dates offered: ${listDates(dates)}.`,
  collected: (ref: string) => `${ref}: rejected units collected by the DCC.`,
  cancelled: (ref: string) => `${ref}: cancelled by the party; the DCC's reasonable costs are billed on the next Invoice.`,
};

/** The instant a Delivery Window opens on a London calendar date ("2027-05-14", "08:00-12:00"). */
function windowStart(date: string, window: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = window.slice(0, 5).split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, LONDON).getTime());
}

const refSchema = z.object({ ref: reference("Which consignment?") });
const dateSchema = isoDate("Give the date as YYYY-MM-DD.");

type Consignment = NonNullable<Awaited<ReturnType<typeof findConsignment>>>;

function findConsignment(tx: Tx, ref: string) {
  return tx.chConsignment.findUnique({ where: { ref: ref.toUpperCase() }, include: { lines: true, order: true, location: true } });
}

/** Loads a consignment the actor may see (404 otherwise, for another party's), then checks the action. */
async function loadConsignment(tx: Tx, actor: Actor, action: "ch.delivery" | "ch.order" | "ch.decide", ref: string) {
  const found = await findConsignment(tx, ref);
  const owned = authorizeResource(actor, "ch.view", found ? { ...found, partyId: found.order.partyId } : null, `Consignment ${ref}`);
  authorize(actor, action);
  return owned;
}

/** Moves a consignment along its machine, with its timeline event, audit row and the party's emails, in `tx`. */
async function move(tx: Tx, actor: Actor | null, consignment: Consignment, to: ChConsignmentStatus, change: { data?: Prisma.ChConsignmentUncheckedUpdateManyInput; event: string; email: string }) {
  const at = now();
  // Guarded: a concurrent change (or the deeming job) wins cleanly and this one is refused instead of overwriting.
  await transition(tx, "chConsignment", CONSIGNMENT_MACHINE, consignment, to, change.data);
  await tx.chOrderEvent.create({ data: { orderId: consignment.orderId, consignmentId: consignment.id, at, actorName: actorLabel(actor), kind: `consignment.${to.toLowerCase()}`, text: change.event } });
  await audit(tx, actor, { action: statusAuditAction("ch-consignment", to), entityType: "ChConsignment", entityId: consignment.ref, partyId: consignment.order.partyId, before: { status: consignment.status }, after: { status: to, ...change.data } });
  await emailOmsAccounts(tx, consignment.order.partyId, `ch-consignment.${to.toLowerCase()}`, `Consignment ${consignment.ref}: ${CONSIGNMENT_STATUS_LABELS[to]}`, change.email);
}

const raiseSchema = z.object({
  orderRef: reference("Which order?"),
  locationId: reference("Choose the Delivery Location."),
  deliveryDate: dateSchema,
  deliveryWindow: z.enum(DELIVERY_WINDOWS, "Choose a Delivery Window inside Working Hours."),
  /** Accepted-in-part orders: the quantities the DCC will deliver, per item code (each at most what was ordered). */
  quantities: z.record(reference(), units("Quantities")).optional(),
});

/** The DCC schedules the delivery to one of an accepted order's locations (F6.1-F6.2). */
export async function raiseConsignment(actor: Actor, input: z.input<typeof raiseSchema>) {
  authorize(actor, "ch.decide");
  const data = raiseSchema.parse(input);
  return db().$transaction(async (tx) => {
    const order = await tx.chOrder.findUnique({ where: { ref: data.orderRef.toUpperCase() }, include: { lines: true, consignments: true } });
    if (!order) throw new AppError("NOT_FOUND", `Order ${data.orderRef} was not found.`);
    if (order.status !== "ACCEPTED" && order.status !== "ACCEPTED_IN_PART") throw new AppError("CONFLICT", `Only an accepted order is delivered; ${order.ref} is not.`);
    const ordered = order.lines.filter((l) => l.locationId === data.locationId);
    if (!ordered.length) throw new AppError("INVALID", "That location is not one of this order's Delivery Locations.", { locationId: "Not on this order." });
    // A cancelled consignment stays the location's: the party cancelled that delivery (F5.19), the DCC does not re-raise it.
    const existing = order.consignments.find((c) => c.locationId === data.locationId && !c.replacementOfId);
    if (existing) throw new AppError("CONFLICT", `This location already has its consignment (${existing.ref}): one delivery per location per order.`);
    const date = windowStart(data.deliveryDate, data.deliveryWindow);
    if (monthOf(date) !== order.deliveryMonth) throw new AppError("INVALID", `The Delivery Date must be in the Delivery Month ${formatMonth(order.deliveryMonth)}.`, { deliveryDate: "Outside the Delivery Month." });
    if (!isWorkingDay(date)) throw new AppError("INVALID", "The Delivery Date must be a Working Day.", { deliveryDate: "Not a Working Day." });
    if (londonDate(date) <= londonDate(now())) throw new AppError("INVALID", "The Delivery Date must be after today.", { deliveryDate: "Must be after today." });

    const lines = ordered.map((line) => {
      const quantity = order.status === "ACCEPTED_IN_PART" && data.quantities?.[line.itemCode] !== undefined ? data.quantities[line.itemCode] : line.quantity;
      if (quantity > line.quantity) throw new AppError("INVALID", `${itemName(line.itemCode)}: at most the ${line.quantity} ordered.`, { [`quantity.${line.itemCode}`]: "More than ordered." });
      const variant = variantByCode(line.itemCode);
      if (variant && quantity % variant.cartonQuantity) throw new AppError("INVALID", `${variant.name}: whole cartons of ${variant.cartonQuantity}.`, { [`quantity.${line.itemCode}`]: "Whole cartons." });
      return { itemCode: line.itemCode, quantity };
    });
    if (!lines.some((l) => l.quantity > 0 && variantByCode(l.itemCode))) throw new AppError("INVALID", "A consignment cannot contain only auxiliary equipment (CHHSM 3.12).");

    const number = await nextNumber(tx, "ChConsignment");
    const consignment = await tx.chConsignment.create({
      data: { number, ref: omsRef("CON", number), orderId: order.id, locationId: data.locationId, deliveryDate: date, deliveryWindow: data.deliveryWindow, createdAt: now(), lines: { createMany: { data: lines.filter((l) => l.quantity > 0) } } },
      include: { location: true },
    });
    const when = deliveryWhen(date, data.deliveryWindow);
    await tx.chOrderEvent.create({ data: { orderId: order.id, consignmentId: consignment.id, at: now(), actorName: actorLabel(actor), kind: "consignment.scheduled", text: consignmentEventText.scheduled(consignment.ref, consignment.location.name, date, data.deliveryWindow) } });
    await audit(tx, actor, { action: "ch-consignment.raise", entityType: "ChConsignment", entityId: consignment.ref, partyId: order.partyId, after: { ...consignment, lines } });
    await emailOmsAccounts(tx, order.partyId, "ch-consignment.scheduled", `Consignment ${consignment.ref} scheduled`, `Order ${order.ref}: consignment ${consignment.ref} will be delivered to ${consignment.location.name} on ${when}.`);
    return consignment;
  }).catch((error: unknown) => {
    // Raised at the same moment by someone else: the partial unique index on (order, location) refused this one.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "This location already has its consignment: one delivery per location per order.");
    throw error;
  });
}

/** The DCC records that the goods came off the vehicle (F6.4); the party's confirmation window opens. */
export async function recordDelivery(actor: Actor, input: z.input<typeof refSchema>) {
  authorize(actor, "ch.decide");
  const { ref } = refSchema.parse(input);
  return db().$transaction(async (tx) => {
    const consignment = await loadConsignment(tx, actor, "ch.decide", ref);
    if (londonDate(now()) < londonDate(consignment.deliveryDate)) throw new AppError("CONFLICT", `${consignment.ref} is due on ${formatLondon(consignment.deliveryDate, "d MMM yyyy")}: it cannot be delivered before its Delivery Date.`);
    const confirmDueAt = endOfLondonDay(addWorkingDays(consignment.deliveryDate, CONFIRMATION_WORKING_DAYS));
    await move(tx, actor, consignment, "DELIVERED", {
      data: { deliveredAt: now(), confirmDueAt },
      event: consignmentEventText.delivered(consignment.ref, consignment.location.name, confirmDueAt),
      email: `Consignment ${consignment.ref} (order ${consignment.order.ref}) was delivered to ${consignment.location.name}. Confirm in the OMS whether it complied by ${formatLondon(confirmDueAt)}; otherwise it is deemed compliant.`,
    });
    await allocateDeliveredHubs(tx, consignment);
    return { ...consignment, confirmDueAt };
  });
}

const confirmSchema = z.object({
  ref: reference("Which consignment?"),
  /** Null: the delivery complied. */
  ground: z.enum(["SHORT", "OVER", "DAMAGED", "OTHER"]).nullable(),
  note: optionalText("The note", 2000, { multiline: true }),
  /** Per item code: units missing (short), over, or rejected. */
  affected: z.record(reference(), units("Units")).default({}),
});

/** The party's answer within the window (F6.7, F6.9): compliant, or non-compliant on one ground with the units. */
export async function confirmDelivery(actor: Actor, input: z.input<typeof confirmSchema>) {
  const data = confirmSchema.parse(input);
  return db().$transaction(async (tx) => {
    const consignment = await loadConsignment(tx, actor, "ch.delivery", data.ref);
    if (consignment.status !== "DELIVERED") throw new AppError("CONFLICT", `${consignment.ref} is ${CONSIGNMENT_STATUS_LABELS[consignment.status]}: there is nothing to confirm.`);
    if (consignment.confirmDueAt && now() > consignment.confirmDueAt) throw new AppError("CONFLICT", `The window to confirm ${consignment.ref} closed at ${formatLondon(consignment.confirmDueAt)}: the delivery is deemed compliant (F6.8).`);
    if (!data.ground) {
      await move(tx, actor, consignment, "CONFIRMED_COMPLIANT", { data: { confirmedAt: now() }, event: consignmentEventText.confirmedCompliant(consignment.ref), email: `Consignment ${consignment.ref} is confirmed as compliant.` });
      return { status: "CONFIRMED_COMPLIANT" as const };
    }
    const ground = DELIVERY_GROUNDS[data.ground];
    // Units are reported against the consignment's lines; anything else has nowhere to be recorded or collected from.
    const notCarried = Object.keys(data.affected).find((code) => data.affected[code] > 0 && !consignment.lines.some((l) => l.itemCode === code));
    if (notCarried) {
      throw new AppError("INVALID", `${itemName(notCarried)} is not on ${consignment.ref}: give units only for the items it carries.`, { [`affected.${notCarried}`]: "Not on this consignment." });
    }
    const affected = consignment.lines.map((line) => {
      const units = data.affected[line.itemCode] ?? 0;
      if (data.ground !== "OVER" && units > line.quantity) throw new AppError("INVALID", `${itemName(line.itemCode)}: at most the ${line.quantity} owed.`, { [`affected.${line.itemCode}`]: `At most ${line.quantity}.` });
      return { itemCode: line.itemCode, units };
    });
    const total = affected.reduce((sum, a) => sum + a.units, 0);
    if (!total) throw new AppError("INVALID", `${ground.affected}: give the units, per item, that the delivery got wrong.`, { affected: "Give at least one unit." });
    if (data.ground === "OTHER" && !data.note) throw new AppError("INVALID", "Say which CHHSM rejection right applies.", { note: "A reason is required." });
    // Over-delivered units were never allocated (only the units carried are), so only missing or rejected ones go back.
    if (data.ground !== "OVER") await releaseUndeliveredHubs(tx, consignment.id, hubCount(affected.map((a) => ({ itemCode: a.itemCode, quantity: a.units }))));
    for (const a of affected) {
      await tx.chConsignmentLine.update({ where: { consignmentId_itemCode: { consignmentId: consignment.id, itemCode: a.itemCode } }, data: { affectedQuantity: a.units } });
    }
    await move(tx, actor, consignment, ground.status, {
      data: { confirmedAt: now(), ground: data.ground, groundNote: data.note ?? null },
      event: consignmentEventText.nonCompliant(consignment.ref, data.ground, total, data.note ?? null),
      email: `Consignment ${consignment.ref} was reported non-compliant (${ground.label}, ${total} units): ${groundFollows(data.ground, total)}.`,
    });
    return { status: ground.status };
  });
}

const offerSchema = z.object({ ref: reference("Which consignment?"), dates: z.array(dateSchema).min(1, "Offer at least one date.").max(5, "Offer at most 5 dates.") });

/** The DCC offers dates for replacing short or rejected units (F6.13); the party picks one. */
export async function offerReplacementDates(actor: Actor, input: z.input<typeof offerSchema>) {
  authorize(actor, "ch.decide");
  const data = offerSchema.parse(input);
  return db().$transaction(async (tx) => {
    const consignment = await loadConsignment(tx, actor, "ch.decide", data.ref);
    if (!consignment.ground || !DELIVERY_GROUNDS[consignment.ground].replaced) throw new AppError("CONFLICT", `${consignment.ref} has nothing to replace.`);
    const existing = await tx.chConsignment.findUnique({ where: { replacementOfId: consignment.id } });
    if (existing) throw new AppError("CONFLICT", `${consignment.ref} is already replaced by ${existing.ref}.`);
    const dates = [...new Set(data.dates)].sort().map((d) => windowStart(d, consignment.deliveryWindow));
    for (const date of dates) {
      if (!isWorkingDay(date) || londonDate(date) <= londonDate(now())) throw new AppError("INVALID", `${formatLondon(date, "EEEE d MMM yyyy")} cannot be offered: offer future Working Days.`, { dates: "Future Working Days only." });
    }
    const at = now();
    await guardedUpdate(tx, "chConsignment", consignment.ref, consignment, { replacementDates: dates });
    await tx.chOrderEvent.create({ data: { orderId: consignment.orderId, consignmentId: consignment.id, at, actorName: actorLabel(actor), kind: "consignment.replacement-offered", text: consignmentEventText.replacementOffered(consignment.ref, dates) } });
    await audit(tx, actor, { action: "ch-consignment.offer-replacement", entityType: "ChConsignment", entityId: consignment.ref, partyId: consignment.order.partyId, after: { replacementDates: dates } });
    await emailOmsAccounts(tx, consignment.order.partyId, "ch-consignment.replacement-offered", `Consignment ${consignment.ref}: pick a replacement date`, `The DCC offers these dates to replace the units of ${consignment.ref}: ${listDates(dates)}. Pick one in the OMS.`);
    return dates;
  });
}

const pickSchema = z.object({ ref: reference("Which consignment?"), date: dateSchema });

/** The party picks an offered date: it becomes the Delivery Date of a deemed Valid Order for the units (F6.14). */
export async function pickReplacementDate(actor: Actor, input: z.input<typeof pickSchema>) {
  const data = pickSchema.parse(input);
  return db().$transaction(async (tx) => {
    const consignment = await loadConsignment(tx, actor, "ch.delivery", data.ref);
    const date = consignment.replacementDates.find((d) => londonDate(d) === data.date);
    if (!date) throw new AppError("INVALID", "Pick one of the dates the DCC offered.", { date: "Not an offered date." });
    if (londonDate(date) <= londonDate(now())) throw new AppError("CONFLICT", "That date has passed: ask the DCC for new dates.");
    const lines = consignment.lines.filter((l) => l.affectedQuantity > 0).map((l) => ({ itemCode: l.itemCode, quantity: l.affectedQuantity }));
    if (await tx.chConsignment.findUnique({ where: { replacementOfId: consignment.id } })) throw new AppError("CONFLICT", `${consignment.ref} already has its replacement.`);
    const number = await nextNumber(tx, "ChConsignment");
    try {
      const replacement = await tx.chConsignment.create({
        data: { number, ref: omsRef("CON", number), orderId: consignment.orderId, locationId: consignment.locationId, deliveryDate: date, deliveryWindow: consignment.deliveryWindow, replacementOfId: consignment.id, createdAt: now(), lines: { createMany: { data: lines } } },
      });
      const when = deliveryWhen(date, consignment.deliveryWindow);
      await tx.chOrderEvent.create({ data: { orderId: consignment.orderId, consignmentId: replacement.id, at: now(), actorName: actorLabel(actor), kind: "consignment.replacement", text: consignmentEventText.replacement(replacement.ref, consignment.ref, date, consignment.deliveryWindow) } });
      await audit(tx, actor, { action: "ch-consignment.pick-replacement", entityType: "ChConsignment", entityId: replacement.ref, partyId: consignment.order.partyId, after: { replacementOf: consignment.ref, deliveryDate: date, lines } });
      await emailOmsAccounts(tx, consignment.order.partyId, "ch-consignment.scheduled", `Consignment ${replacement.ref} scheduled`, `${replacement.ref} replaces the units of ${consignment.ref} and will be delivered on ${when}.`);
      return replacement;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("CONFLICT", `${consignment.ref} already has its replacement.`);
      throw error;
    }
  });
}

/** The DCC collected rejected or surplus units (F6.11). */
export async function recordCollection(actor: Actor, input: z.input<typeof refSchema>) {
  authorize(actor, "ch.decide");
  const { ref } = refSchema.parse(input);
  return db().$transaction(async (tx) => {
    const consignment = await loadConsignment(tx, actor, "ch.decide", ref);
    await move(tx, actor, consignment, "COLLECTED", { event: consignmentEventText.collected(consignment.ref), email: `The DCC collected the rejected units of consignment ${consignment.ref}.` });
  });
}

/** The party cancels one consignment at least 48 hours before its Delivery Date, owing the DCC's costs (F5.19). */
export async function cancelConsignment(actor: Actor, input: z.input<typeof refSchema>) {
  const { ref } = refSchema.parse(input);
  return db().$transaction(async (tx) => {
    const consignment = await loadConsignment(tx, actor, "ch.order", ref);
    if (consignment.status === "SCHEDULED" && consignment.deliveryDate.getTime() - now().getTime() < CONSIGNMENT_CANCELLATION_HOURS * 3_600_000) {
      throw new AppError("CONFLICT", `${consignment.ref} can no longer be cancelled: its delivery at ${formatLondon(consignment.deliveryDate)} is less than ${CONSIGNMENT_CANCELLATION_HOURS} hours away.`);
    }
    await move(tx, actor, consignment, "CANCELLED", {
      event: consignmentEventText.cancelled(consignment.ref),
      email: `Consignment ${consignment.ref} was cancelled. The DCC's reasonable costs will be billed on your next Invoice.`,
    });
  });
}

/** Job: deliveries nobody confirmed or rejected in time are deemed compliant (F6.8). Idempotent. */
export async function deemDeliveriesCompliant(): Promise<{ deemed: number }> {
  const due = await db().chConsignment.findMany({ where: { status: "DELIVERED", confirmDueAt: { lt: now() } }, select: { ref: true }, take: 500 });
  let deemed = 0;
  for (const { ref } of due) {
    await db().$transaction(async (tx) => {
      const consignment = await findConsignment(tx, ref);
      if (consignment?.status !== "DELIVERED") return;
      await move(tx, null, consignment, "DEEMED_COMPLIANT", {
        event: consignmentEventText.deemedCompliant(consignment.ref, consignment.confirmDueAt!),
        email: `Consignment ${consignment.ref} is deemed compliant: it was not confirmed or rejected by ${formatLondon(consignment.confirmDueAt!)}.`,
      });
      deemed++;
    });
  }
  return { deemed };
}

/** Consignments the actor's party must act on, or (the DCC) all consignments in a status, soonest first. */
export async function listConsignments(actor: Actor, status: ChConsignmentStatus) {
  const scope = partyScope(actor, "ch.view");
  return db().chConsignment.findMany({
    where: { status, order: scope },
    orderBy: [{ confirmDueAt: "asc" }, { deliveryDate: "asc" }],
    include: { order: { select: { ref: true, region: true, party: { select: { name: true } } } }, location: { select: { name: true } }, lines: true },
    take: 200,
  });
}
