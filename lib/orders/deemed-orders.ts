// Mandatory and deemed orders (F5.13, CHHSM 3.6-3.9). When the compliant minimum for a Region is above zero and the
// party did not order by the month's deadline, the DCC deems an order at that minimum and tells every OMS account.
// The party has 2 Working Days to give Delivery Locations and dates; until then the DCC reuses its last ones. Not
// confirmed within 30 days of the notice, the order is treated as cancelled and its consignments deemed cancelled.
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import type { CspRegion } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import { actorLabel, type Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource } from "@/lib/auth/policy";
import { LONDON, addWorkingDays, formatLondon, isWorkingDay, now } from "@/lib/clock";
import { db, nextNumber, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatMonth, plural } from "@/lib/format";
import { email, isoDateUtc, reference, requiredText } from "@/lib/validation";
import { ChangedMeanwhile, guardedUpdate, transition } from "@/lib/state/transition";
import { deliveryMonthFor, monthOf, orderingMonth, shiftMonth } from "./calendar";
import { CH_VARIANTS, REGION_LABELS, REGIONS } from "./catalog";
import { emailOmsAccounts, omsRef } from "./oms-notices";
import { CONSIGNMENT_MACHINE } from "./consignments";
import { ORDER_MACHINE, toleranceChecks, weeklyDeliveryClash } from "./orders";

export const DEEMED_DETAILS_WORKING_DAYS = 2;
export const DEEMED_CONFIRMATION_DAYS = 30;

/** A deemed order's own events in its timeline, each worded once: the demo seed writes its history with these too. */
export const deemedOrderEventText = {
  deemed: (region: CspRegion, hubs: number) => `Deemed order (F5.13(c)): no order for the ${REGION_LABELS[region]} Region by the deadline, so the compliant minimum of ${plural(hubs, "CH")} is ordered.`,
  detailsConfirmed: (location: string, preferredDate: Date) => `Delivery details confirmed: ${location}, preferred ${formatLondon(preferredDate, "d MMM yyyy")}.`,
  deemedCancelled: (consignments: number) =>
    `Deemed cancelled: the delivery details were not confirmed within ${DEEMED_CONFIRMATION_DAYS} days (CHHSM 3.9)${consignments ? `; ${plural(consignments, "consignment")} deemed cancelled` : ""}. The DCC's reasonable costs are billed on the next Invoice.`,
};

/**
 * Where the DCC puts a deemed order's delivery until told otherwise: the first Working Day from the middle of the
 * Delivery Month (then from its start) at least a week from the location's other live deliveries (CHHSM 3.13(b)).
 */
async function deemedDeliveryDate(tx: Tx, locationId: string, month: string): Promise<Date> {
  const [y, m] = month.split("-").map(Number);
  const days = Array.from({ length: 31 }, (_, i) => new Date(new TZDate(y, m - 1, ((i + 14) % 31) + 1, 10, 0, LONDON).getTime())).filter((d) => monthOf(d) === month && isWorkingDay(d));
  const week = 7 * 86_400_000;
  const taken = await tx.chOrderLine.findMany({
    where: { locationId, order: { status: { notIn: ["REJECTED", "CANCELLED"] } }, preferredDate: { gt: new Date(days[0].getTime() - 40 * 86_400_000), lt: new Date(days[0].getTime() + 40 * 86_400_000) } },
    select: { preferredDate: true },
  });
  return days.find((d) => taken.every((t) => Math.abs(t.preferredDate.getTime() - d.getTime()) >= week)) ?? days[0];
}

/**
 * Job: after the month's deadline, deem an order for every party and Region whose compliant minimum is above zero
 * and that has no order for the month (F5.13(b)-(c)). Idempotent: a month with any order, even cancelled, is skipped.
 */
export async function deemMandatoryOrders(): Promise<{ deemed: number }> {
  const submissionMonth = shiftMonth(orderingMonth(now()), -1);
  const deliveryMonth = deliveryMonthFor(submissionMonth);
  const parties = await db().chForecast.findMany({
    where: { submissionMonth: { in: [shiftMonth(deliveryMonth, -10), shiftMonth(deliveryMonth, -7)] } },
    distinct: ["partyId"],
    select: { partyId: true },
  });
  let deemed = 0;
  for (const { partyId } of parties) {
    for (const region of REGIONS) {
      deemed += await db().$transaction(async (tx) => {
        // Any order of the month counts, a cancelled one too: a lapsed deemed order is not deemed again.
        if (await tx.chOrder.findFirst({ where: { partyId, region, submissionMonth }, select: { id: true } })) return 0;
        const checks = (await toleranceChecks(tx, partyId, region, deliveryMonth, [])).filter((c) => c.minimum > 0);
        if (!checks.length) return 0;
        // CHHSM 3.8: the DCC reuses the party's earlier Delivery Location.
        const lastLine = await tx.chOrderLine.findFirst({ where: { order: { partyId } }, orderBy: { order: { submittedAt: "desc" } }, select: { locationId: true } });
        const location = lastLine ?? (await tx.deliveryLocation.findFirst({ where: { partyId }, orderBy: { createdAt: "asc" }, select: { id: true } }).then((l) => (l ? { locationId: l.id } : null)));
        if (!location) return 0;
        const preferredDate = await deemedDeliveryDate(tx, location.locationId, deliveryMonth);
        const lines = checks.map((check) => {
          const variant = CH_VARIANTS.find((v) => v.region === region && v.hanVariant === check.hanVariant && !v.mesh)!;
          const quantity = Math.max(variant.minimumDelivery, Math.ceil(check.minimum / variant.cartonQuantity) * variant.cartonQuantity);
          return { locationId: location.locationId, itemCode: variant.code, quantity, preferredDate };
        });
        const at = now();
        const number = await nextNumber(tx, "ChOrder");
        // Rounding up to whole cartons can pass a narrow maximum: the checks say so, as for any order.
        const lineChecks = await toleranceChecks(tx, partyId, region, deliveryMonth, lines);
        const total = lines.reduce((sum, l) => sum + l.quantity, 0);
        const order = await tx.chOrder.create({
          data: {
            number,
            ref: omsRef("ORD", number),
            partyId,
            region,
            submissionMonth,
            deliveryMonth,
            status: "ACCEPTED",
            compliant: lineChecks.every((c) => c.compliant),
            deemed: true,
            contactPhone: "",
            contactEmail: "",
            submittedAt: at,
            answerDueAt: at,
            decidedAt: at,
            detailsDueAt: addWorkingDays(at, DEEMED_DETAILS_WORKING_DAYS),
            confirmDueAt: new Date(at.getTime() + DEEMED_CONFIRMATION_DAYS * 86_400_000),
            lines: { createMany: { data: lines } },
            checks: { createMany: { data: lineChecks } },
            events: { create: { at, actorName: actorLabel(null), kind: "deemed", text: deemedOrderEventText.deemed(region, total) } },
          },
        });
        await audit(tx, null, { action: "ch-order.deem", entityType: "ChOrder", entityId: order.ref, partyId, after: { ...order, lines } });
        await emailOmsAccounts(
          tx,
          partyId,
          "ch-order.deemed",
          `Deemed order ${order.ref} for the ${REGION_LABELS[region]} Region`,
          `You did not order for the ${REGION_LABELS[region]} Region by the deadline, and your forecasts make an order mandatory, so the DCC has deemed order ${order.ref} for ${plural(total, "CH")}, delivered in ${formatMonth(deliveryMonth)}. Give Delivery Locations and dates by ${formatLondon(order.detailsDueAt!)}; otherwise your earlier location is used. If the details are not confirmed by ${formatLondon(order.confirmDueAt!)}, the order is treated as cancelled and the DCC's costs are billed.`,
        );
        return 1;
      });
    }
  }
  return { deemed };
}

const detailsSchema = z.object({
  ref: reference("Which order?"),
  locationId: reference("Choose a Delivery Location."),
  preferredDate: isoDateUtc("Give a preferred delivery date as YYYY-MM-DD."),
  contactPhone: requiredText("The contact phone number", 40, { missing: "Give a contact phone number for this order." }),
  contactEmail: email("Give a contact email address for this order."),
});

/** The party gives (or confirms) a deemed order's Delivery Location, date and contacts (CHHSM 3.7). */
export async function confirmDeemedOrder(actor: Actor, input: z.input<typeof detailsSchema>) {
  authorize(actor, "ch.order");
  const data = detailsSchema.parse(input);
  return db().$transaction(async (tx) => {
    const found = await tx.chOrder.findUnique({ where: { ref: data.ref.toUpperCase() } });
    const order = authorizeResource(actor, "ch.order", found, `Order ${data.ref}`);
    if (!order.deemed || order.status !== "ACCEPTED" || order.detailsConfirmedAt) throw new AppError("CONFLICT", `${order.ref} has no delivery details to confirm.`);
    if (order.confirmDueAt && now() > order.confirmDueAt) throw new AppError("CONFLICT", `The details of ${order.ref} were due by ${formatLondon(order.confirmDueAt)}.`);
    const location = await tx.deliveryLocation.findFirst({ where: { id: data.locationId, partyId: actor.partyId } });
    if (!location) throw new AppError("INVALID", "Choose one of your own Delivery Locations.", { locationId: "Not one of yours." });
    if (monthOf(data.preferredDate) !== order.deliveryMonth) throw new AppError("INVALID", `The preferred date must be in the Delivery Month ${formatMonth(order.deliveryMonth)}.`, { preferredDate: "Outside the Delivery Month." });
    if (!isWorkingDay(data.preferredDate)) throw new AppError("INVALID", "The preferred date must be a Working Day.", { preferredDate: "Not a Working Day." });
    const clash = await weeklyDeliveryClash(tx, location, data.preferredDate, order.id);
    if (clash) throw new AppError("INVALID", clash, { preferredDate: "Another delivery that week." });
    // Once the DCC has scheduled a delivery on its provisional details, moving it is the DCC's to arrange.
    const scheduled = await tx.chConsignment.findFirst({ where: { orderId: order.id, status: { notIn: ["CANCELLED", "DEEMED_CANCELLED"] } }, select: { ref: true } });
    if (scheduled) throw new AppError("CONFLICT", `The DCC has already scheduled ${scheduled.ref} for ${order.ref} on its provisional details: ask the DCC to change it.`);
    const at = now();
    const updated = await guardedUpdate(tx, "chOrder", order.ref, order, { detailsConfirmedAt: at, contactPhone: data.contactPhone, contactEmail: data.contactEmail });
    await tx.chOrderLine.updateMany({ where: { orderId: order.id }, data: { locationId: location.id, preferredDate: data.preferredDate } });
    await tx.chOrderEvent.create({ data: { orderId: order.id, at, actorName: actorLabel(actor), kind: "details", text: deemedOrderEventText.detailsConfirmed(location.name, data.preferredDate) } });
    await audit(tx, actor, { action: "ch-order.confirm-deemed", entityType: "ChOrder", entityId: order.ref, partyId: order.partyId, after: { locationId: location.id, preferredDate: data.preferredDate } });
    await emailOmsAccounts(tx, order.partyId, "ch-order.details", `Deemed order ${order.ref}: delivery details confirmed`, `The delivery details of deemed order ${order.ref} are confirmed: ${location.name}, preferred date ${formatLondon(data.preferredDate, "d MMM yyyy")}.`);
    return updated;
  });
}

/** Job: deemed orders whose details were not confirmed within 30 days are treated as cancelled (CHHSM 3.9). */
export async function cancelUnconfirmedDeemedOrders(): Promise<{ cancelled: number }> {
  const due = await db().chOrder.findMany({ where: { deemed: true, status: "ACCEPTED", detailsConfirmedAt: null, confirmDueAt: { lt: now() } }, select: { id: true } });
  let cancelled = 0;
  for (const { id } of due) {
    const cancelling = db().$transaction(async (tx) => {
      const order = await tx.chOrder.findUniqueOrThrow({ where: { id }, include: { consignments: { where: { status: "SCHEDULED" } } } });
      // Re-checked inside the transaction: the details may have been confirmed since the scan.
      if (order.status !== "ACCEPTED" || order.detailsConfirmedAt) return 0;
      await transition(tx, "chOrder", ORDER_MACHINE, order, "CANCELLED");
      for (const consignment of order.consignments) await transition(tx, "chConsignment", CONSIGNMENT_MACHINE, consignment, "DEEMED_CANCELLED");
      const count = order.consignments.length;
      await tx.chOrderEvent.create({ data: { orderId: id, at: now(), actorName: actorLabel(null), kind: "cancelled", text: deemedOrderEventText.deemedCancelled(count) } });
      await audit(tx, null, { action: "ch-order.deemed-cancel", entityType: "ChOrder", entityId: order.ref, partyId: order.partyId, before: { status: "ACCEPTED" }, after: { status: "CANCELLED" } });
      await emailOmsAccounts(tx, order.partyId, "ch-order.deemed-cancelled", `Deemed order ${order.ref} cancelled`, `The delivery details of deemed order ${order.ref} were not confirmed within ${DEEMED_CONFIRMATION_DAYS} days, so it is treated as cancelled (CHHSM 3.9). The DCC's reasonable costs will be billed on your next Invoice.`);
      return 1;
    });
    // The party's confirmation won the race: the order stays.
    cancelled += await cancelling.catch((error: unknown) => {
      if (error instanceof ChangedMeanwhile) return 0;
      throw error;
    });
  }
  return { cancelled };
}
