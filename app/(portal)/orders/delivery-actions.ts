"use server";

// Thin server actions of CH deliveries (consignments, F6) and deemed orders (F5.13(c)): parse the form, get the actor
// from the session, call one lib function. A refused form comes back with what was typed.
import { revalidatePath } from "next/cache";
import type { ChDeliveryGround } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { withActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { AppError, type ActionResult } from "@/lib/errors";
import { plural } from "@/lib/format";
import {
  DELIVERY_GROUNDS,
  DELIVERY_WINDOWS,
  cancelConsignment,
  confirmDelivery,
  offerReplacementDates,
  pickReplacementDate,
  raiseConsignment,
  recordCollection,
  recordDelivery,
} from "@/lib/orders/consignments";
import { confirmDeemedOrder } from "@/lib/orders/deemed-orders";
import type { FormResult } from "./actions";

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

/** Every string field of the form, to give back on a refusal. */
function echo(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === "string" && !name.startsWith("$")) values[name] = value;
  return values;
}

/** Non-blank number fields named `${prefix}${itemCode}`, as { itemCode: "12" } (a blank field is left to the lib's default). */
function perItem(form: FormData, prefix: string): Record<string, string> {
  const items: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name.startsWith(prefix) && typeof value === "string" && value.trim() !== "") items[name.slice(prefix.length)] = value.trim();
  }
  return items;
}

/** The order page (and the lists on /orders) show consignments: refresh both. */
function refresh(orderRef: string) {
  if (orderRef) revalidatePath(`/orders/${encodeURIComponent(orderRef.toUpperCase())}`);
  revalidatePath("/orders");
}

async function run(form: FormData, work: (actor: Actor) => Promise<ActionResult>): Promise<FormResult> {
  const result: ActionResult = await withActor(work);
  if (result.ok) refresh(text(form, "orderRef"));
  return result.ok ? result : { ...result, values: echo(form) };
}

// ---------------------------------------------------------------------------------------------------------------
// The DCC

export async function raiseConsignmentAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return run(form, async (actor) => {
    const window = text(form, "deliveryWindow");
    if (!DELIVERY_WINDOWS.includes(window as (typeof DELIVERY_WINDOWS)[number])) {
      throw new AppError("INVALID", "Choose a Delivery Window.", { deliveryWindow: "Choose a Delivery Window." });
    }
    const quantities = perItem(form, "quantity.");
    const consignment = await raiseConsignment(actor, {
      orderRef: text(form, "orderRef"),
      locationId: text(form, "locationId"),
      deliveryDate: text(form, "deliveryDate"),
      deliveryWindow: window as (typeof DELIVERY_WINDOWS)[number],
      quantities: Object.keys(quantities).length ? quantities : undefined,
    });
    return {
      ok: true,
      message: `${consignment.ref} scheduled for ${consignment.location.name} on ${formatLondon(consignment.deliveryDate, "EEEE d MMMM yyyy")}, ${consignment.deliveryWindow}. An email to the party's OMS accounts has been queued.`,
    };
  });
}

export async function recordDeliveryAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return run(form, async (actor) => {
    const consignment = await recordDelivery(actor, { ref: text(form, "ref") });
    return { ok: true, message: `${consignment.ref} is delivered. The party confirms or rejects it by ${formatLondon(consignment.confirmDueAt)}.` };
  });
}

export async function offerReplacementDatesAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return run(form, async (actor) => {
    const dates = [0, 1, 2, 3, 4].map((i) => text(form, `date${i}`).trim()).filter(Boolean);
    if (!dates.length) throw new AppError("INVALID", "Offer at least one date.", { dates: "Give at least one date." });
    const offered = await offerReplacementDates(actor, { ref: text(form, "ref"), dates });
    return { ok: true, message: `${plural(offered.length, "date")} offered for ${text(form, "ref")}. An email asking the party to pick one has been queued.` };
  });
}

export async function recordCollectionAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return run(form, async (actor) => {
    await recordCollection(actor, { ref: text(form, "ref") });
    return { ok: true, message: `${text(form, "ref")}: the rejected units are recorded as collected.` };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The party

export async function confirmCompliantAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return run(form, async (actor) => {
    await confirmDelivery(actor, { ref: text(form, "ref"), ground: null });
    return { ok: true, message: `${text(form, "ref")} is confirmed compliant.` };
  });
}

export async function reportNonCompliantAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return run(form, async (actor) => {
    const ground = text(form, "ground");
    if (!Object.hasOwn(DELIVERY_GROUNDS, ground)) throw new AppError("INVALID", "Choose the ground on which the delivery did not comply.", { ground: "Choose a ground." });
    await confirmDelivery(actor, {
      ref: text(form, "ref"),
      ground: ground as ChDeliveryGround,
      note: text(form, "note").trim() || undefined,
      affected: perItem(form, "affected."),
    });
    const follows = DELIVERY_GROUNDS[ground as ChDeliveryGround];
    const next = [follows.collected ? "Make the units available for the DCC to collect" : null, follows.replaced ? "the DCC will offer replacement dates here" : null].filter(Boolean).join("; ");
    return { ok: true, message: `${text(form, "ref")} is reported non-compliant. ${next.charAt(0).toUpperCase()}${next.slice(1)}.` };
  });
}

export async function pickReplacementDateAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return run(form, async (actor) => {
    const date = text(form, "date");
    if (!date) throw new AppError("INVALID", "Pick one of the offered dates.", { date: "Pick a date." });
    const replacement = await pickReplacementDate(actor, { ref: text(form, "ref"), date });
    return { ok: true, message: `${replacement.ref} will deliver the replacement units on ${formatLondon(replacement.deliveryDate, "EEEE d MMMM yyyy")}, ${replacement.deliveryWindow}.` };
  });
}

export async function cancelConsignmentAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return run(form, async (actor) => {
    await cancelConsignment(actor, { ref: text(form, "ref") });
    return { ok: true, message: `${text(form, "ref")} is cancelled. The DCC's reasonable costs are billed on your next Invoice.` };
  });
}

/** A deemed order's Delivery Location, preferred date and contacts (CHHSM 3.7). */
export async function confirmDeemedOrderAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return run(form, async (actor) => {
    const order = await confirmDeemedOrder(actor, {
      ref: text(form, "orderRef"),
      locationId: text(form, "locationId"),
      preferredDate: text(form, "preferredDate"),
      contactPhone: text(form, "contactPhone"),
      contactEmail: text(form, "contactEmail").trim(),
    });
    return { ok: true, message: `The delivery details of ${order.ref} are confirmed. The DCC raises its consignment.` };
  });
}
