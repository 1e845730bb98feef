// Return Material Authorisation (CHIMSM 10.5-10.19): allowed only for CHs already notified for return; the preferred
// Return Date is a Working Day at least 5 Working Days ahead. The DCC authorises it with a booking reference and a
// timeslot (the label can then be printed) or rejects it with a reason, and records what arrived.
import { z } from "zod";
import { audit } from "@/lib/audit";
import { statusAuditAction } from "@/lib/audit-actions";
import { actorLabel, type Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource, partyScope } from "@/lib/auth/policy";
import { addWorkingDays, formatLondon, isWorkingDay, londonDate, now } from "@/lib/clock";
import { db, nextNumber, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertMove, transition } from "@/lib/state/transition";
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import { formKeyed, oncePerForm, type FormKeyed } from "@/lib/idempotency";
import { email, isoDate, optionalText, reference, requiredText } from "@/lib/validation";
import { emailOmsAccounts, omsRef } from "@/lib/orders/oms-notices";
import { RETURNS_LOCATIONS, RETURN_RULES, RETURN_TIMESLOTS, returnsLocation } from "./catalog";
import { returnEventText, rmaEventText } from "./event-texts";
import { requireChHolder } from "./holding";
import { RMA_MACHINE, moveReturn } from "./status";
import { REGION_LABELS } from "@/lib/orders/catalog";

const requestSchema = z.object({
  chfIds: z.array(reference("List the CHF ID of every CH to return.")).min(1, "List the CHF ID of every CH to return.").max(1000, "An RMA returns at most 1,000 CHs."),
  returnsLocation: z.enum(RETURNS_LOCATIONS.map((l) => l.code) as [string, ...string[]], "Choose a DCC Returns Location."),
  contactName: requiredText("The contact name", 120, { missing: "Give a contact name." }),
  contactEmail: email("Give a contact email address."),
  contactPhone: requiredText("The contact phone number", 40, { missing: "Give a contact phone number." }),
  preferredReturnDate: isoDate("Give the preferred Return Date as YYYY-MM-DD."),
});
export type RmaRequestInput = z.input<typeof requestSchema>;

/** The earliest preferred Return Date for a request made at `at`: 5 Working Days later (CHIMSM 10.6(iv)). */
export const earliestReturnDate = (at: Date) => londonDate(addWorkingDays(at, RETURN_RULES.rmaLeadWorkingDays));

export async function requestRma(actor: Actor, input: RmaRequestInput & FormKeyed) {
  authorize(actor, "ch.return");
  const data = requestSchema.parse(input);
  const { formKey } = formKeyed.parse(input);
  const at = now();
  const date = new Date(`${data.preferredReturnDate}T12:00:00Z`);
  if (!isWorkingDay(date) || data.preferredReturnDate < earliestReturnDate(at)) {
    throw new AppError("INVALID", `The preferred Return Date must be a Working Day at least ${RETURN_RULES.rmaLeadWorkingDays} Working Days after today: ${formatLondon(new Date(`${earliestReturnDate(at)}T12:00:00Z`), "EEEE d MMM yyyy")} or later.`, {
      preferredReturnDate: "A Working Day at least 5 Working Days ahead.",
    });
  }
  const ids = [...new Set(data.chfIds.map((raw) => parseEui64(raw) ?? raw.toUpperCase()))];
  return db().$transaction((tx) =>
    oncePerForm(
      tx,
      actor,
      { action: "ch-rma.request", key: formKey },
      async () => {
        const records = await tx.chReturn.findMany({ where: { partyId: actor.partyId, deviceId: { in: ids }, status: { notIn: ["LOST", "CLOSED"] } }, include: { device: true } });
        const missing = ids.filter((id) => !records.some((r) => r.deviceId === id));
        if (missing.length) {
          throw new AppError("CONFLICT", `Return notification required first (SRV 8.14.3 / 8.14.4 or the Service Desk, CHIMSM 10.5): ${missing.map((id) => formatEui64(id) ?? id).join(", ")}.`, { chfIds: "Notify the return first." });
        }
        for (const record of records) await requireChHolder(tx, record.device, actor.partyId);
        const busy = records.filter((r) => r.status !== "NOTIFIED");
        if (busy.length) throw new AppError("CONFLICT", `Already booked or returned: ${busy.map((r) => `${formatEui64(r.deviceId)} (${r.ref})`).join(", ")}.`, { chfIds: "Already on an RMA." });
        const location = returnsLocation(data.returnsLocation)!;
        const elsewhere = records.filter((r) => r.device.cspRegion && r.device.cspRegion !== location.region);
        if (elsewhere.length) throw new AppError("INVALID", `${location.name} takes CHs of the ${REGION_LABELS[location.region]} Region; ${elsewhere.map((r) => formatEui64(r.deviceId)).join(", ")} belong elsewhere (returning to the wrong location incurs Charges, F8.9(d)).`, { returnsLocation: "Wrong Region." });

        const number = await nextNumber(tx, "ChRma");
        const rma = await tx.chRma.create({
          data: {
            number,
            ref: omsRef("RMA", number),
            partyId: actor.partyId,
            returnsLocation: location.code,
            contactName: data.contactName,
            contactEmail: data.contactEmail,
            contactPhone: data.contactPhone,
            preferredReturnDate: date,
            chfIds: records.map((r) => r.deviceId),
            requestedAt: at,
          },
        });
        for (const record of records) await moveReturn(tx, actor, record, "RMA_REQUESTED", { data: { rmaId: rma.id }, event: returnEventText.rmaRequested(rma.ref) });
        await tx.chReturnEvent.create({ data: { rmaId: rma.id, at, actorName: actorLabel(actor), kind: "requested", text: rmaEventText.requested(records.length, location.code, date) } });
        await audit(tx, actor, { action: "ch-rma.request", entityType: "ChRma", entityId: rma.ref, partyId: actor.partyId, after: { ...rma, returns: records.map((r) => r.ref) } });
        return rma;
      },
      (ref) => tx.chRma.findUniqueOrThrow({ where: { ref } }),
    ),
  );
}

async function loadRma(tx: Tx, actor: Actor, ref: string) {
  // A CH reported (or deemed) lost while on the RMA keeps its link but no longer moves with the RMA.
  const rma = await tx.chRma.findUnique({ where: { ref: ref.toUpperCase() }, include: { returns: { where: { status: { not: "LOST" } } } } });
  return authorizeResource(actor, "ch.view", rma, `RMA ${ref}`);
}

const decisionSchema = z.discriminatedUnion("decision", [
  z.object({ ref: reference("Which RMA?"), decision: z.literal("AUTHORISED"), timeslot: z.enum(RETURN_TIMESLOTS, "Choose the delivery timeslot.") }),
  z.object({ ref: reference("Which RMA?"), decision: z.literal("REJECTED"), reason: requiredText("The reason", 2000, { multiline: true, missing: "Give the reason: the party is told why." }) }),
]);

/** The DCC authorises (booking reference, timeslot, RMA reference: CHIMSM 10.7) or rejects with a reason. */
export async function decideRma(actor: Actor, input: z.input<typeof decisionSchema>) {
  authorize(actor, "ch.decide");
  const data = decisionSchema.parse(input);
  return db().$transaction(async (tx) => {
    const rma = await loadRma(tx, actor, data.ref);
    const at = now();
    if (data.decision === "AUTHORISED") {
      const bookingReference = `BK-${londonDate(rma.preferredReturnDate).replaceAll("-", "")}-${String(rma.number).padStart(5, "0")}`;
      await transition(tx, "chRma", RMA_MACHINE, rma, "AUTHORISED", { decidedAt: at, bookingReference, timeslot: data.timeslot });
      for (const record of rma.returns) await moveReturn(tx, actor, record, "RMA_AUTHORISED", { event: returnEventText.rmaAuthorised(rma.ref, bookingReference) });
      const when = `${formatLondon(rma.preferredReturnDate, "EEEE d MMM yyyy")}, ${data.timeslot}`;
      await tx.chReturnEvent.create({ data: { rmaId: rma.id, at, actorName: actorLabel(actor), kind: "authorised", text: rmaEventText.authorised(bookingReference, rma.preferredReturnDate, data.timeslot, rma.returnsLocation) } });
      await emailOmsAccounts(tx, rma.partyId, "ch-rma.authorised", `RMA ${rma.ref} authorised`, `RMA ${rma.ref} is authorised. Booking reference ${bookingReference}; deliver on ${when} to ${returnsLocation(rma.returnsLocation)?.name}. Print the RMA label from the OMS and fix it to every pallet, loose carton and loose CH.`);
    } else {
      await transition(tx, "chRma", RMA_MACHINE, rma, "REJECTED", { decidedAt: at, decisionReason: data.reason });
      for (const record of rma.returns) await moveReturn(tx, actor, record, "NOTIFIED", { data: { rmaId: null }, event: returnEventText.rmaRejected(rma.ref) });
      await tx.chReturnEvent.create({ data: { rmaId: rma.id, at, actorName: actorLabel(actor), kind: "rejected", text: rmaEventText.rejected(data.reason) } });
      await emailOmsAccounts(tx, rma.partyId, "ch-rma.rejected", `RMA ${rma.ref} rejected`, `RMA ${rma.ref} was rejected: ${data.reason}. Request a new RMA for these CHs.`);
    }
    await audit(tx, actor, { action: statusAuditAction("ch-rma", data.decision), entityType: "ChRma", entityId: rma.ref, partyId: rma.partyId, before: { status: rma.status }, after: data });
    return { ...rma, status: data.decision };
  });
}

const receiptSchema = z.object({
  ref: reference("Which RMA?"),
  /** The CHF IDs that arrived; the rest of the RMA's CHs go back to "notified" and need a new RMA. */
  receivedChfIds: z.array(reference()).max(1000).default([]),
  discrepancies: optionalText("The discrepancies", 2000, { multiline: true }),
});

/** The DCC checks the delivery against the RMA and records it (CHIMSM 10.16-10.18); the diagnosis clock starts. */
export async function recordRmaReceipt(actor: Actor, input: z.input<typeof receiptSchema>) {
  authorize(actor, "ch.decide");
  const data = receiptSchema.parse(input);
  return db().$transaction(async (tx) => {
    const rma = await loadRma(tx, actor, data.ref);
    assertMove(RMA_MACHINE, rma.ref, rma.status, "RECEIVED");
    const received = new Set(data.receivedChfIds.map((raw) => parseEui64(raw) ?? raw));
    if (!rma.returns.some((r) => received.has(r.deviceId))) throw new AppError("INVALID", "Tick the CHs that arrived; if none did, leave the RMA authorised.", { receivedChfIds: "None ticked." });
    const missing = rma.returns.filter((r) => !received.has(r.deviceId));
    if (missing.length && !data.discrepancies) throw new AppError("INVALID", "Some CHs did not arrive: record the discrepancy (CHIMSM 10.18).", { discrepancies: "Describe the discrepancy." });
    const at = now();
    await transition(tx, "chRma", RMA_MACHINE, rma, "RECEIVED", { receivedAt: at, discrepancies: data.discrepancies || null });
    const noticeDue = new Date(at.getTime() + RETURN_RULES.diagnosisNoticeDays * 86_400_000);
    for (const record of rma.returns) {
      if (received.has(record.deviceId)) {
        await moveReturn(tx, actor, record, "RECEIVED", { data: { receivedAt: at, diagnosisNoticeDueAt: noticeDue }, event: returnEventText.received(rma.returnsLocation, rma.ref, noticeDue) });
      } else {
        await moveReturn(tx, actor, record, "NOTIFIED", { data: { rmaId: null }, event: returnEventText.notInDelivery(rma.ref) });
      }
    }
    await tx.chReturnEvent.create({ data: { rmaId: rma.id, at, actorName: actorLabel(actor), kind: "received", text: rmaEventText.received(rma.returns.length - missing.length, rma.returns.length, data.discrepancies ?? null) } });
    await audit(tx, actor, { action: "ch-rma.receive", entityType: "ChRma", entityId: rma.ref, partyId: rma.partyId, before: { status: rma.status }, after: { status: "RECEIVED", missing: missing.map((r) => r.ref), discrepancies: data.discrepancies } });
    await emailOmsAccounts(tx, rma.partyId, "ch-rma.received", `RMA ${rma.ref} received`, `The DCC received ${rma.returns.length - missing.length} of the ${rma.returns.length} CHs on RMA ${rma.ref}.${missing.length ? ` Missing: ${missing.map((r) => formatEui64(r.deviceId)).join(", ")}; request a new RMA for them.` : ""}`);
    return { received: rma.returns.length - missing.length, missing: missing.length };
  });
}

export async function listRmas(actor: Actor) {
  return db().chRma.findMany({ where: partyScope(actor, "ch.view"), orderBy: { requestedAt: "desc" }, include: { party: { select: { name: true } }, _count: { select: { returns: true } } }, take: 200 });
}

export async function readRma(actor: Actor, ref: string) {
  const rma = await db().chRma.findUnique({
    where: { ref: ref.toUpperCase() },
    include: { party: { select: { name: true, eui64: true } }, returns: { orderBy: { number: "asc" } }, events: { where: { returnId: null }, orderBy: { at: "asc" } } },
  });
  return authorizeResource(actor, "ch.view", rma, `RMA ${ref}`);
}

