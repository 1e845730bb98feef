"use server";

// Thin server actions of the CH ordering pages: parse the form, get the actor from the session, call one lib function.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ChOrderStatus, CspRegion } from "@/generated/prisma/enums";
import { CELL_PREFIX, slotField } from "@/components/orders/fields";
import { withActor } from "@/lib/auth/session";
import { AppError, type ActionResult } from "@/lib/errors";
import { AUXILIARY_ITEMS, CH_VARIANTS, MAX_LOCATIONS_PER_ORDER } from "@/lib/orders/catalog";
import { importForecast, submitForecast, type ForecastCell } from "@/lib/orders/forecasts";
import { createDeliveryLocation, removeDeliveryLocation, updateDeliveryLocation } from "@/lib/orders/locations";
import { ORDER_STATUS_LABELS, cancelOrder, decideOrder, submitOrder } from "@/lib/orders/orders";

/** A form result that also echoes what was submitted, so a refused form keeps the user's input. */
export type FormResult = ActionResult & { values?: Record<string, string> };

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

// ---------------------------------------------------------------------------------------------------------------
// Delivery Locations

const LOCATION_FIELDS = ["name", "addressLine", "town", "postcode", "operatingHours", "contactName", "contactEmail", "contactPhone"] as const;

export async function createLocationAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const values = Object.fromEntries(LOCATION_FIELDS.map((f) => [f, text(form, f)]));
  const result: ActionResult = await withActor(async (actor) => {
    const location = await createDeliveryLocation(actor, values as Record<(typeof LOCATION_FIELDS)[number], string>);
    revalidatePath("/orders/locations");
    return { ok: true, message: `Delivery Location "${location.name}" added.` };
  });
  return result.ok ? result : { ...result, values };
}

export async function updateLocationAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const values = Object.fromEntries(LOCATION_FIELDS.map((f) => [f, text(form, f)]));
  const result: ActionResult = await withActor(async (actor) => {
    const location = await updateDeliveryLocation(actor, { ...(values as Record<(typeof LOCATION_FIELDS)[number], string>), id: text(form, "id") });
    revalidatePath("/orders/locations");
    return { ok: true, message: `Delivery Location "${location.name}" saved.` };
  });
  return result.ok ? result : { ...result, values };
}

export async function removeLocationAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await withActor(async (actor) => {
    const location = await removeDeliveryLocation(actor, { id: text(form, "id") });
    return { ok: true, data: location.name };
  });
  if (!result.ok) return result;
  revalidatePath("/orders/locations");
  redirect(`/orders/locations?removed=${encodeURIComponent(result.data ?? "")}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Orders

export async function submitOrderAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === "string" && !name.startsWith("$")) values[name] = value;
  const region = text(form, "region");
  const codes = [...CH_VARIANTS.filter((v) => v.region === region).map((v) => v.code), ...AUXILIARY_ITEMS.map((a) => a.code)];

  // Each order line remembers the form field it came from, so the lib's per-line messages land on that field.
  const lines: { locationId: string; itemCode: string; quantity: string; preferredDate: string }[] = [];
  const origins: { slot: number; code: string }[] = [];
  const formErrors: Record<string, string> = {};
  const chosen = new Map<string, number>();
  for (let slot = 0; slot < MAX_LOCATIONS_PER_ORDER; slot++) {
    const locationId = text(form, slotField.location(slot));
    const preferredDate = text(form, slotField.date(slot));
    const entered = codes.filter((code) => text(form, slotField.quantity(slot, code)).trim() !== "");
    if (!entered.length) continue;
    // A missing location is the schema's to report, with every other problem of the form.
    if (locationId && chosen.has(locationId)) formErrors[slotField.location(slot)] = `This is the same Delivery Location as delivery ${chosen.get(locationId)! + 1}: put all its items there.`;
    chosen.set(locationId, slot);
    for (const code of entered) {
      lines.push({ locationId, itemCode: code, quantity: text(form, slotField.quantity(slot, code)).trim(), preferredDate });
      origins.push({ slot, code });
    }
  }
  if (Object.keys(formErrors).length) {
    return { ok: false, message: Object.values(formErrors)[0], fieldErrors: formErrors, values };
  }

  const result = await withActor(async (actor) => {
    const order = await submitOrder(actor, {
      region: region as CspRegion,
      contactPhone: text(form, "contactPhone"),
      contactEmail: text(form, "contactEmail").trim(),
      lines,
      formKey: text(form, "formKey") || undefined,
    });
    return { ok: true, data: order.ref };
  });
  if (result.ok) {
    revalidatePath("/orders");
    redirect(`/orders/${result.data}?submitted=1`);
  }
  // "lines.3.quantity" from the schema: show it on that quantity (or the slot's location / date).
  const fieldErrors: Record<string, string> = {};
  for (const [key, message] of Object.entries(result.fieldErrors ?? {})) {
    const match = /^lines\.(\d+)\.(\w+)$/.exec(key);
    const origin = match ? origins[Number(match[1])] : undefined;
    if (!match || !origin) fieldErrors[key] = message;
    else if (match[2] === "locationId") fieldErrors[slotField.location(origin.slot)] ??= message;
    else if (match[2] === "preferredDate") fieldErrors[slotField.date(origin.slot)] ??= message;
    else fieldErrors[slotField.quantity(origin.slot, origin.code)] ??= message;
  }
  // In the order of the form's fields, as the error summary lists them; errors of no one field last.
  const position = (key: string) => (key in values ? Object.keys(values).indexOf(key) : Infinity);
  const ordered = Object.fromEntries(Object.entries(fieldErrors).sort(([a], [b]) => position(a) - position(b)));
  return { ...result, fieldErrors: ordered, values };
}

export async function decideOrderAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const ref = text(form, "ref");
  const values = { status: text(form, "status"), reason: text(form, "reason") };
  const result: ActionResult = await withActor(async (actor) => {
    if (!values.status) throw new AppError("INVALID", "Choose the answer.", { status: "Choose the answer." });
    const order = await decideOrder(actor, { ref, status: values.status as Exclude<ChOrderStatus, "SUBMITTED" | "CANCELLED">, reason: values.reason.trim() || undefined });
    revalidatePath(`/orders/${order.ref}`);
    revalidatePath("/orders");
    return { ok: true, message: `${order.ref} is now ${ORDER_STATUS_LABELS[order.status]}. An email to the party's OMS accounts has been queued.` };
  });
  return result.ok ? result : { ...result, values };
}

export async function cancelOrderAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return withActor(async (actor) => {
    const order = await cancelOrder(actor, { ref: text(form, "ref") });
    revalidatePath(`/orders/${order.ref}`);
    revalidatePath("/orders");
    return { ok: true, message: `${order.ref} is cancelled. The DCC's reasonable costs are billed on your next Invoice.` };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Forecasts

/** Forecast refusals carry one message per problem (newline-separated in `fieldErrors.cells`). */
export type ForecastResult = ActionResult & { problems?: string[] };

function forecastResult(result: ActionResult<string>): ForecastResult {
  if (result.ok) {
    revalidatePath("/orders/forecasts");
    revalidatePath("/orders");
    redirect(`/orders/forecasts/${result.data}?submitted=1`);
  }
  const problems = result.fieldErrors?.cells?.split("\n").filter(Boolean);
  return { ...result, problems: problems?.length ? problems : undefined };
}

/** The grid: one input per cell, named "cell:YYYY-MM|REGION|HAN_VARIANT"; an empty input is a missing cell, not 0. */
export async function submitForecastAction(_: ForecastResult | null, form: FormData): Promise<ForecastResult> {
  const cells: ForecastCell[] = [];
  for (const [name, value] of form.entries()) {
    if (!name.startsWith(CELL_PREFIX)) continue;
    const [month, region, hanVariant] = name.slice(CELL_PREFIX.length).split("|");
    const raw = String(value).trim();
    if (raw !== "") cells.push({ month, region: region as CspRegion, hanVariant: hanVariant ?? "", quantity: Number(raw) });
  }
  const result = await withActor(async (actor) => {
    const forecast = await submitForecast(actor, { cells });
    return { ok: true, data: forecast.ref };
  });
  return forecastResult(result);
}

export async function importForecastAction(_: ForecastResult | null, form: FormData): Promise<ForecastResult> {
  const file = form.get("file");
  const result = await withActor(async (actor) => {
    const forecast = await importForecast(actor, file instanceof File ? file : null);
    return { ok: true, data: forecast.ref };
  });
  return forecastResult(result);
}
