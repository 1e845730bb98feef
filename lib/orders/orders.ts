// CH orders (F5.7-F5.19): one Region and Delivery Month per order, at most one per Region per month, whole cartons,
// at most two Delivery Locations with one delivery each, auxiliary equipment only alongside hubs, and the tolerance
// check against the forecasts made 10 and 7 months before the Delivery Month. The DCC answers within 5 Working Days.
import { z } from "zod";
import type { ChOrderStatus, CspRegion } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import { actorLabel, type Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource, partyScope } from "@/lib/auth/policy";
import { addWorkingDays, formatLondon, isWorkingDay, now } from "@/lib/clock";
import { db, nextNumber, type Tx } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { formatMonth, plural } from "@/lib/format";
import { formKeyed, oncePerForm, type FormKeyed } from "@/lib/idempotency";
import { transition, type StateMachine } from "@/lib/state/transition";
import { email, isoDateUtc, isoMonth, optionalText, reference, requiredText, units } from "@/lib/validation";
import { deliveryMonthFor, isPastDeadline, monthEnd, monthOf, shiftMonth } from "./calendar";
import { HAN_VARIANTS, MAX_LOCATIONS_PER_ORDER, MESH_SHARE_LIMIT, REGION_LABELS, REGIONS, auxiliaryByCode, variantByCode, type HanVariant } from "./catalog";
import { forecastOfMonth } from "./forecasts";
import { CONSIGNMENT_MACHINE } from "./consignments";
import { emailOmsAccounts, emailOrderingContacts, omsRef } from "./oms-notices";
import { toleranceBounds } from "./tolerance";

export const ORDER_STATUS_LABELS: Record<ChOrderStatus, string> = {
  SUBMITTED: "Submitted",
  ACCEPTED: "Accepted",
  NON_COMPLIANT: "Not compliant (DCC deciding)",
  ACCEPTED_IN_PART: "Accepted in part",
  REJECTED: "Rejected",
  CANCELLED: "Cancelled",
};

/** An order's own events in its timeline, each worded once: the demo seed writes its history with these too. */
export const orderEventText = {
  submitted: (hubs: number, deliveryMonth: string, late: boolean) => `Order for ${plural(hubs, "CH")}, Delivery Month ${formatMonth(deliveryMonth)}${late ? "; late (after the month's deadline), so not compliant" : ""}.`,
  decision: (status: ChOrderStatus, reason: string | null) => `${ORDER_STATUS_LABELS[status]}${reason ? `: ${reason}` : ""}`,
  cancelled: () => "Cancelled by the party; the DCC's reasonable costs are billed on the next Invoice.",
};

/** The DCC's answers (F5.16-F5.17), as data: from a status, what it may decide. */
export const DECISIONS: Record<ChOrderStatus, readonly ChOrderStatus[]> = {
  SUBMITTED: ["ACCEPTED", "NON_COMPLIANT", "ACCEPTED_IN_PART", "REJECTED"],
  NON_COMPLIANT: ["ACCEPTED", "ACCEPTED_IN_PART", "REJECTED"],
  ACCEPTED: [],
  ACCEPTED_IN_PART: [],
  REJECTED: [],
  CANCELLED: [],
};

/** The order status machine: the DCC's answers, then the party's cancellation of an accepted order (F5.19). */
export const ORDER_MACHINE: StateMachine<ChOrderStatus> = {
  labels: ORDER_STATUS_LABELS,
  moves: { ...DECISIONS, ACCEPTED: ["CANCELLED"], ACCEPTED_IN_PART: ["CANCELLED"] },
};

/**
 * What the DCC owes on an order and by when: its answer within 5 Working Days of receipt (F5.16), then for a
 * non-compliant order the decision by the end of the month of receipt (F5.17). Null once decided.
 */
export function dccAnswerDue(order: { status: ChOrderStatus; answerDueAt: Date; submittedAt: Date }): { due: Date; what: string } | null {
  if (order.status === "SUBMITTED") return { due: order.answerDueAt, what: "Answer (5 Working Days)" };
  if (order.status === "NON_COMPLIANT") return { due: monthEnd(monthOf(order.submittedAt)), what: "Decision (end of the month of receipt)" };
  return null;
}

/** Cancellation: accepted orders only, at least 48 hours before the delivery (F5.19). */
export const CANCELLATION_NOTICE_HOURS = 48;

const lineSchema = z.object({
  locationId: reference("Choose a Delivery Location."),
  itemCode: reference("Choose an item."),
  quantity: units("Quantities"),
  preferredDate: isoDateUtc("Give a preferred delivery date as YYYY-MM-DD."),
});

const orderSchema = z.object({
  region: z.enum(REGIONS as [CspRegion, ...CspRegion[]], "Choose the order's Region."),
  contactPhone: requiredText("The contact phone number", 40, { missing: "Give a contact phone number for this order." }),
  contactEmail: email("Give a contact email address for this order."),
  lines: z.array(lineSchema).min(1, "Order at least one Communications Hub.").max(200, "An order has at most 200 lines."),
});
export type OrderInput = z.input<typeof orderSchema>;

const refuse = (message: string, field = "lines") => new AppError("INVALID", message, { [field]: message });

/**
 * Every F5.8 / CHHSM 3.12-3.14 rule on the lines; returns the lines with zero quantities dropped. The rules of each
 * location and line are all checked before refusing, so the form shows every problem at once, each on its field
 * ("lines.3.quantity" is the 4th submitted line's quantity).
 */
async function checkLines(tx: Tx, actor: Actor, region: CspRegion, deliveryMonth: string, input: z.output<typeof orderSchema>["lines"]) {
  const indexed = input.map((line, index) => ({ line, index })).filter(({ line }) => line.quantity > 0);
  const lines = indexed.map(({ line }) => line);
  if (!lines.length) throw refuse("Order at least one Communications Hub.");
  const locationIds = [...new Set(lines.map((l) => l.locationId))];
  if (locationIds.length > MAX_LOCATIONS_PER_ORDER) throw refuse(`An order has at most ${MAX_LOCATIONS_PER_ORDER} Delivery Locations.`);
  const locations = await tx.deliveryLocation.findMany({ where: { id: { in: locationIds }, partyId: actor.partyId } });
  if (locations.length !== locationIds.length) throw refuse("Choose one of your own Delivery Locations.");
  const problems: Record<string, string> = {};
  const problem = (message: string, field = "lines") => {
    problems[field] ??= message;
  };
  for (const location of locations) {
    const atLocation = indexed.filter(({ line }) => line.locationId === location.id);
    const dateField = `lines.${atLocation[0].index}.preferredDate`;
    const dates = new Set(atLocation.map(({ line }) => line.preferredDate.toISOString().slice(0, 10)));
    const date = atLocation[0].line.preferredDate;
    let dateOk = false;
    if (dates.size > 1) problem(`${location.name}: one delivery per location per order, so give one preferred date.`, dateField);
    else if (monthOf(date) !== deliveryMonth) problem(`${location.name}: the preferred date must be in the Delivery Month ${formatMonth(deliveryMonth)}.`, dateField);
    else if (!isWorkingDay(date)) problem(`${location.name}: the preferred date must be a Working Day.`, dateField);
    else dateOk = true;
    if (!atLocation.some(({ line }) => variantByCode(line.itemCode))) problem(`${location.name}: auxiliary equipment is delivered only alongside Communications Hubs.`);
    for (const { line, index } of atLocation) {
      const variant = variantByCode(line.itemCode);
      const field = `lines.${index}.quantity`;
      if (!variant && !auxiliaryByCode(line.itemCode)) problem(`${line.itemCode} is not a CH variant or auxiliary item.`, field);
      else if (!variant) continue;
      else if (variant.region !== region) problem(`${variant.name} is for the ${REGION_LABELS[variant.region]} Region, not this order's.`, field);
      else if (line.quantity % variant.cartonQuantity) problem(`${variant.name}: order whole cartons of ${variant.cartonQuantity}.`, field);
      else if (line.quantity < variant.minimumDelivery) problem(`${variant.name}: at least ${variant.minimumDelivery} per delivery.`, field);
    }
    const clash = dateOk ? await weeklyDeliveryClash(tx, location, date) : null;
    if (clash) problem(clash, dateField);
  }
  const messages = Object.values(problems);
  if (messages.length) throw new AppError("INVALID", messages.length === 1 ? messages[0] : `The order has ${messages.length} problems: ${messages[0]}`, problems);
  return lines;
}

/**
 * At most one delivery to a location in any week (CHHSM 3.13(b)), across the party's live orders other than
 * `exceptOrderId`: the refusal, or null. The same day counts too: another order's Consignment is another delivery
 * (no consolidation is modelled).
 */
export async function weeklyDeliveryClash(tx: Tx, location: { id: string; name: string }, date: Date, exceptOrderId?: string): Promise<string | null> {
  const week = 7 * 86_400_000;
  const nearby = await tx.chOrderLine.findFirst({
    where: {
      locationId: location.id,
      order: { status: { notIn: ["REJECTED", "CANCELLED"] }, ...(exceptOrderId ? { id: { not: exceptOrderId } } : {}) },
      preferredDate: { gt: new Date(date.getTime() - week), lt: new Date(date.getTime() + week) },
    },
    include: { order: { select: { ref: true } } },
  });
  return nearby ? `${location.name} already has a delivery on ${formatLondon(nearby.preferredDate, "d MMM yyyy")} (${nearby.order.ref}): one delivery a week per location.` : null;
}

/**
 * The tolerance (F5.10) of each Region and HAN Variant for a Delivery Month: that month's figures in the forecasts
 * made 10 and 7 months before (null where there was none: it counts as 0) and the bounds they give.
 */
async function tolerancesFor(tx: Tx, partyId: string, deliveryMonth: string) {
  const [forecast10, forecast7] = await Promise.all([forecastOfMonth(tx, partyId, shiftMonth(deliveryMonth, -10)), forecastOfMonth(tx, partyId, shiftMonth(deliveryMonth, -7))]);
  const figure = (forecast: Awaited<ReturnType<typeof forecastOfMonth>>, region: CspRegion, hanVariant: string) =>
    forecast ? (forecast.lines.find((l) => l.month === deliveryMonth && l.region === region && l.hanVariant === hanVariant)?.quantity ?? 0) : null;
  return (region: CspRegion, hanVariant: HanVariant) => {
    const f10 = figure(forecast10, region, hanVariant);
    const f7 = figure(forecast7, region, hanVariant);
    return { hanVariant, f10, f7, ...toleranceBounds(f10 ?? 0, f7 ?? 0) };
  };
}

/** Per HAN Variant: the ordered sum against the tolerance from the forecasts made 10 and 7 months earlier. */
export async function toleranceChecks(tx: Tx, partyId: string, region: CspRegion, deliveryMonth: string, lines: { itemCode: string; quantity: number }[]) {
  const tolerance = await tolerancesFor(tx, partyId, deliveryMonth);
  return HAN_VARIANTS.map((hanVariant) => {
    const ordered = lines.filter((l) => variantByCode(l.itemCode)?.hanVariant === hanVariant).reduce((sum, l) => sum + l.quantity, 0);
    const bounds = tolerance(region, hanVariant);
    return { ...bounds, ordered, compliant: ordered >= bounds.minimum && ordered <= bounds.maximum };
  });
}

export type OrderTolerance = Awaited<ReturnType<Awaited<ReturnType<typeof tolerancesFor>>>>;

/**
 * For the new-order form: the tolerance of each Region and HAN Variant for the Delivery Month an order placed now
 * gets, so the form can show the bounds while quantities are typed (the order is still checked on submission).
 */
export interface OrderTolerances {
  deliveryMonth: string;
  /** The submission months of the forecasts the bounds come from. */
  f10Month: string;
  f7Month: string;
  regions: Record<CspRegion, OrderTolerance[]>;
}

export async function orderTolerances(actor: Actor): Promise<OrderTolerances> {
  authorize(actor, "ch.order");
  const deliveryMonth = deliveryMonthFor(monthOf(now()));
  const tolerance = await tolerancesFor(db(), actor.partyId, deliveryMonth);
  return { deliveryMonth, f10Month: shiftMonth(deliveryMonth, -10), f7Month: shiftMonth(deliveryMonth, -7), regions: Object.fromEntries(REGIONS.map((region) => [region, HAN_VARIANTS.map((v) => tolerance(region, v))])) as Record<CspRegion, OrderTolerance[]> };
}

export async function submitOrder(actor: Actor, input: OrderInput & FormKeyed) {
  authorize(actor, "ch.order");
  const data = orderSchema.parse(input);
  const { formKey } = formKeyed.parse(input);
  const at = now();
  // An order stays in its calendar month; after the deadline it is late (F5.14), so not compliant, and the DCC
  // decides on it by the month's end (F5.17, service.md §7 scenario 2).
  const submissionMonth = monthOf(at);
  const deliveryMonth = deliveryMonthFor(submissionMonth);
  const late = isPastDeadline(at);
  try {
    return await db().$transaction((tx) =>
      oncePerForm(
        tx,
        actor,
        { action: "ch-order.submit", key: formKey },
        async () => {
          const existing = await tx.chOrder.findFirst({ where: { partyId: actor.partyId, region: data.region, submissionMonth, status: { not: "CANCELLED" } }, select: { ref: true, deemed: true } });
          if (existing?.deemed) {
            throw new AppError("CONFLICT", `The DCC deemed order ${existing.ref} for the ${REGION_LABELS[data.region]} Region this month, as you had not ordered by the deadline (F5.13): give its delivery details on its page.`, { region: "Deemed order this month." });
          }
          if (existing) throw oneOrderPerMonth(data.region);
          const lines = await checkLines(tx, actor, data.region, deliveryMonth, data.lines);
          const checks = await toleranceChecks(tx, actor.partyId, data.region, deliveryMonth, lines);
          const hubs = lines.filter((l) => variantByCode(l.itemCode));
          const total = hubs.reduce((sum, l) => sum + l.quantity, 0);
          const mesh = hubs.filter((l) => variantByCode(l.itemCode)!.mesh).reduce((sum, l) => sum + l.quantity, 0);
          const number = await nextNumber(tx, "ChOrder");
          const order = await tx.chOrder.create({
            data: {
              number,
              ref: omsRef("ORD", number),
              partyId: actor.partyId,
              region: data.region,
              submissionMonth,
              deliveryMonth,
              status: late ? "NON_COMPLIANT" : "SUBMITTED",
              compliant: !late && checks.every((c) => c.compliant),
              late,
              meshShareFlagged: data.region !== "NORTH" && mesh > total * MESH_SHARE_LIMIT,
              contactPhone: data.contactPhone,
              contactEmail: data.contactEmail,
              submittedAt: at,
              submittedById: actor.accountId,
              answerDueAt: addWorkingDays(at, 5),
              lines: { createMany: { data: lines } },
              checks: { createMany: { data: checks } },
              events: { create: { at, actorName: actorLabel(actor), kind: "submitted", text: orderEventText.submitted(total, deliveryMonth, late) } },
            },
          });
          await audit(tx, actor, { action: "ch-order.submit", entityType: "ChOrder", entityId: order.ref, partyId: actor.partyId, after: { ...order, lines, checks } });
          if (order.meshShareFlagged) {
            const share = Math.round((mesh / total) * 1000) / 10;
            await emailOrderingContacts(tx, order, "ch-order.mesh-share", `Order ${order.ref}: mesh CHs over ${MESH_SHARE_LIMIT * 100}%`, `Mesh CHs are ${share}% of order ${order.ref} for the ${REGION_LABELS[data.region]} Region, over ${MESH_SHARE_LIMIT * 100}%: the DCC may ask why, and you should answer promptly by email (CHHSM 3.11).`);
          }
          const answer = late
            ? `was received after this month's deadline (F5.14), so it is not compliant: the DCC decides by ${formatLondon(dccAnswerDue(order)!.due)}.`
            : `is ${order.compliant ? "compliant" : "not compliant"} with your forecasts. The DCC answers by ${formatLondon(order.answerDueAt)}.`;
          await emailOmsAccounts(tx, actor.partyId, "ch-order.submitted", `Order ${order.ref} received`, `Order ${order.ref} for the ${REGION_LABELS[data.region]} Region (${plural(total, "CH")}) ${answer}`);
          return order;
        },
        (ref) => tx.chOrder.findUniqueOrThrow({ where: { ref } }),
      ),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw oneOrderPerMonth(data.region);
    throw error;
  }
}

const oneOrderPerMonth = (region: CspRegion) =>
  new AppError("CONFLICT", `You already have an order for the ${REGION_LABELS[region]} Region this month: at most one order per Region per month.`, { region: "Already ordered this month." });

const decisionSchema = z.object({ ref: reference("Which order?"), status: z.enum(["ACCEPTED", "NON_COMPLIANT", "ACCEPTED_IN_PART", "REJECTED"]), reason: optionalText("The reason", 2000, { multiline: true }) });

/** The DCC's answer (F5.16-F5.17): a non-compliant order's decision, a part-acceptance and a rejection need reasons. */
export async function decideOrder(actor: Actor, input: z.input<typeof decisionSchema>) {
  authorize(actor, "ch.decide");
  const data = decisionSchema.parse(input);
  return db().$transaction(async (tx) => {
    const order = await tx.chOrder.findUnique({ where: { ref: data.ref.toUpperCase() } });
    if (!order) throw new AppError("NOT_FOUND", `Order ${data.ref} was not found.`);
    if (!DECISIONS[order.status].includes(data.status)) throw new AppError("CONFLICT", `${order.ref} is ${ORDER_STATUS_LABELS[order.status]}: it cannot become ${ORDER_STATUS_LABELS[data.status]}.`);
    if (data.status === "NON_COMPLIANT" && order.compliant) throw new AppError("CONFLICT", `${order.ref} is compliant with the forecasts.`);
    if ((!order.compliant || data.status !== "ACCEPTED") && !data.reason) throw new AppError("INVALID", "Give the reason: the party is told why.", { reason: "A reason is required." });
    const at = now();
    const updated = await transition(tx, "chOrder", ORDER_MACHINE, order, data.status, { decidedAt: at, decisionReason: data.reason ?? null });
    await tx.chOrderEvent.create({ data: { orderId: order.id, at, actorName: actorLabel(actor), kind: "decision", text: orderEventText.decision(data.status, data.reason ?? null) } });
    await audit(tx, actor, { action: "ch-order.decide", entityType: "ChOrder", entityId: order.ref, partyId: order.partyId, before: { status: order.status }, after: { status: data.status, reason: data.reason } });
    await emailOmsAccounts(tx, order.partyId, "ch-order.decision", `Order ${order.ref}: ${ORDER_STATUS_LABELS[data.status]}`, `The DCC's answer on ${order.ref} is in the OMS: ${ORDER_STATUS_LABELS[data.status]}.${data.reason ? ` Reason: ${data.reason}` : ""}`);
    return updated;
  });
}

/**
 * The party cancels an accepted order at least 48 hours before its earliest delivery (a scheduled consignment's
 * Delivery Date, else the preferred date), cancelling its scheduled consignments with it; the DCC's costs are charged.
 * Once anything was delivered, the rest is cancelled consignment by consignment.
 */
export async function cancelOrder(actor: Actor, input: { ref: string }) {
  authorize(actor, "ch.order");
  return db().$transaction(async (tx) => {
    const found = await tx.chOrder.findUnique({ where: { ref: String(input.ref).toUpperCase() }, include: { lines: true, consignments: true } });
    const order = authorizeResource(actor, "ch.view", found, `Order ${input.ref}`);
    if (order.status !== "ACCEPTED" && order.status !== "ACCEPTED_IN_PART") throw new AppError("CONFLICT", `Only an accepted order can be cancelled; ${order.ref} is ${ORDER_STATUS_LABELS[order.status]}.`);
    if (order.consignments.some((c) => c.status !== "SCHEDULED" && c.status !== "CANCELLED")) {
      throw new AppError("CONFLICT", `${order.ref} has been delivered in part: cancel its remaining consignments one at a time.`);
    }
    const scheduled = order.consignments.filter((c) => c.status === "SCHEDULED");
    const dates = [
      ...scheduled.map((c) => c.deliveryDate.getTime()),
      ...order.lines.filter((l) => !order.consignments.some((c) => c.locationId === l.locationId)).map((l) => l.preferredDate.getTime()),
    ];
    const firstDelivery = new Date(Math.min(...dates));
    if (firstDelivery.getTime() - now().getTime() < CANCELLATION_NOTICE_HOURS * 3_600_000) {
      throw new AppError("CONFLICT", `${order.ref} can no longer be cancelled: its delivery on ${formatLondon(firstDelivery, "d MMM yyyy")} is less than 48 hours away.`);
    }
    const at = now();
    const updated = await transition(tx, "chOrder", ORDER_MACHINE, order, "CANCELLED");
    for (const consignment of scheduled) await transition(tx, "chConsignment", CONSIGNMENT_MACHINE, consignment, "CANCELLED");
    await tx.chOrderEvent.create({ data: { orderId: order.id, at, actorName: actorLabel(actor), kind: "cancelled", text: orderEventText.cancelled() } });
    await audit(tx, actor, { action: "ch-order.cancel", entityType: "ChOrder", entityId: order.ref, partyId: order.partyId, before: { status: order.status }, after: { status: "CANCELLED", consignmentsCancelled: scheduled.map((c) => c.ref) } });
    await emailOmsAccounts(tx, order.partyId, "ch-order.cancelled", `Order ${order.ref} cancelled`, `Order ${order.ref} was cancelled. The DCC's reasonable costs will be billed on your next Invoice.`);
    return updated;
  });
}

/** Statuses the DCC still has to answer: those its decision table allows an answer on. */
export const AWAITING_ANSWER = (Object.keys(DECISIONS) as ChOrderStatus[]).filter((status) => DECISIONS[status].length > 0);

/** A blank form field is no filter. */
const blank = (value: unknown) => (value === "" ? undefined : value);
const orderFiltersSchema = z.object({
  region: z.preprocess(blank, z.enum(REGIONS as [CspRegion, ...CspRegion[]], "Unknown Region.").optional()),
  status: z.preprocess(blank, z.enum(Object.keys(ORDER_STATUS_LABELS) as [ChOrderStatus, ...ChOrderStatus[]], "Unknown order status.").optional()),
  deliveryMonth: z.preprocess(blank, isoMonth("Give the Delivery Month as YYYY-MM.").optional()),
  /** Only the orders the DCC still has to answer. */
  toAnswer: z.boolean().optional(),
});
export type OrderFilters = z.output<typeof orderFiltersSchema>;
/** Filters from a query string; a bad value is refused with its message. */
export const orderFilters = (raw: Record<string, unknown>): OrderFilters => orderFiltersSchema.parse(raw);
/** Filters from a page's query string: a value that is not valid is dropped (a hand-edited URL may hold anything). */
export const pageOrderFilters = (raw: Record<string, unknown>): OrderFilters =>
  Object.fromEntries(Object.entries(orderFiltersSchema.shape).map(([key, schema]) => [key, schema.safeParse(raw[key]).data]));

export const ORDERS_LIST_LIMIT = 200;

/** The actor's orders (the DCC: every party's), newest first, filtered; the list shows the latest 200, the CSV all. */
export async function listOrders(actor: Actor, filters: OrderFilters = {}, take: number | undefined = ORDERS_LIST_LIMIT) {
  const f = orderFilters(filters);
  const status = f.toAnswer ? { in: f.status ? AWAITING_ANSWER.filter((s) => s === f.status) : AWAITING_ANSWER } : f.status;
  return db().chOrder.findMany({
    where: { ...partyScope(actor, "ch.view"), region: f.region, deliveryMonth: f.deliveryMonth, status },
    orderBy: { submittedAt: "desc" },
    include: { party: { select: { name: true } }, lines: { select: { itemCode: true, quantity: true } } },
    take,
  });
}

/** How many orders the DCC still has to answer (the "To answer" view's count). */
export async function countOrdersToAnswer(actor: Actor) {
  return db().chOrder.count({ where: { ...partyScope(actor, "ch.view"), status: { in: AWAITING_ANSWER } } });
}

export async function readOrder(actor: Actor, ref: string) {
  const order = await db().chOrder.findUnique({
    where: { ref: ref.toUpperCase() },
    include: {
      party: { select: { name: true } },
      lines: { include: { location: true } },
      checks: true,
      consignments: { orderBy: { number: "asc" }, include: { lines: true, location: true, replacement: { select: { ref: true } }, replacementOf: { select: { ref: true } } } },
      events: { orderBy: { at: "asc" }, include: { consignment: { select: { ref: true } } } },
      submittedBy: { select: { name: true } },
    },
  });
  return authorizeResource(actor, "ch.view", order, `Order ${ref}`);
}
