"use server";

// Thin server actions for the SMI pages: parse the form, get the actor from the session, call one lib function. The SR
// forms send their Service Request through the DUIS pipeline (lib/duis/portal-service-requests.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { DeviceType, EsmeVariant, SmiStatus } from "@/generated/prisma/enums";
import { withActor } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { deleteSavedSearch, saveSearch } from "@/lib/saved-searches/saved-searches";
import {
  sendDecommission,
  sendDeviceDeletion,
  sendDeviceDetailsUpdate,
  sendDeviceMpxnUpdate,
  sendDeviceStatusUpdate,
  sendPreNotification,
} from "@/lib/duis/portal-service-requests";
import { STATUS_LABELS } from "@/lib/smi/status-machine";

/** A form result that also echoes what was submitted, so a refused form keeps the user's input. */
export type FormResult = ActionResult & { values?: Record<string, string> };

const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const optional = (form: FormData, name: string) => text(form, name).trim() || undefined;

const devicePath = (deviceId: string) => `/smi/devices/${deviceId.replace(/[-:\s]/g, "").toUpperCase()}`;

export async function saveSearchAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return withActor(async (actor) => {
    const saved = await saveSearch(actor, { name: text(form, "name"), query: text(form, "query") });
    revalidatePath("/smi");
    return { ok: true, message: `Search saved as "${saved.name}".` };
  });
}

export async function deleteSavedSearchAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return withActor(async (actor) => {
    await deleteSavedSearch(actor, { id: text(form, "id") });
    revalidatePath("/smi");
    return { ok: true, message: "Saved search deleted." };
  });
}

const PRE_NOTIFY_FIELDS = ["deviceId", "deviceType", "modelId", "esmeVariant", "mpxn", "secondaryMpxn", "description"];

/** SR 12.2 Device Pre-Notification; on success, the new device's page. */
export async function preNotifyAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const values = Object.fromEntries(PRE_NOTIFY_FIELDS.map((f) => [f, text(form, f)]));
  const result = await withActor(async (actor) => {
    const device = await sendPreNotification(actor, {
      deviceId: values.deviceId,
      deviceType: values.deviceType as DeviceType,
      modelId: values.modelId || undefined,
      esmeVariant: values.deviceType === "ESME" ? ((values.esmeVariant || undefined) as EsmeVariant | undefined) : undefined,
      mpxn: values.mpxn.trim(),
      secondaryMpxn: values.secondaryMpxn.trim(),
      description: values.description,
    });
    return { ok: true, data: { id: device.deviceId } };
  });
  if (result.ok) {
    revalidatePath("/smi");
    redirect(`/smi/devices/${(result.data as { id: string }).id}?created=1`);
  }
  return { ...result, values };
}

/** SR 8.4 function 3: a new SMI Status. */
export async function updateDeviceStatusAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const deviceId = text(form, "deviceId");
  return withActor(async (actor) => {
    const status = text(form, "status") as SmiStatus;
    const result = await sendDeviceStatusUpdate(actor, { deviceId, status });
    revalidatePath(devicePath(deviceId));
    const others = result.moved.length - 1;
    return {
      ok: true,
      message: `SMI Status updated to ${STATUS_LABELS[status]} (${result.transition})${others > 0 ? `; ${others} associated GPF moved with it` : ""}.`,
    };
  });
}

/** SR 8.4 function 4: one MPxN change. */
export async function updateDeviceMpxnAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const deviceId = text(form, "deviceId");
  const values = { role: text(form, "role") || "PRIMARY", mpxn: text(form, "mpxn") };
  const result: ActionResult = await withActor(async (actor) => {
    const changed = await sendDeviceMpxnUpdate(actor, { deviceId, changes: [{ role: values.role as "PRIMARY" | "SECONDARY", mpxn: values.mpxn }] });
    revalidatePath(devicePath(deviceId));
    return {
      ok: true,
      message: `${changed.role === "PRIMARY" ? "MPxN" : "Secondary MPAN"} changed to ${changed.mpxn}${changed.previous ? ` (was ${changed.previous})` : ""}. The Network Operator has been sent N16.`,
    };
  });
  // Errors in the "changes.0.mpxn" field come back from the schema under their path; show them on the MPxN input.
  if (!result.ok && result.fieldErrors) {
    const fieldErrors = { ...result.fieldErrors };
    for (const [key, message] of Object.entries(result.fieldErrors)) if (key.startsWith("changes")) fieldErrors.mpxn ??= message;
    return { ...result, fieldErrors, values };
  }
  return result.ok ? result : { ...result, values };
}

/** SR 8.4 function 1: details given at pre-notification. */
export async function updateDeviceDetailsAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const deviceId = text(form, "deviceId");
  const values = { modelId: text(form, "modelId"), esmeVariant: text(form, "esmeVariant"), description: text(form, "description") };
  const result: ActionResult = await withActor(async (actor) => {
    await sendDeviceDetailsUpdate(actor, {
      deviceId,
      modelId: optional(form, "modelId"),
      esmeVariant: optional(form, "esmeVariant") as EsmeVariant | undefined,
      description: values.description,
    });
    revalidatePath(devicePath(deviceId));
    return { ok: true, message: "Device details updated." };
  });
  return result.ok ? result : { ...result, values };
}

/** SR 8.4 function 2: delete a never-installed record; the device page no longer exists afterwards. */
export async function deleteDeviceAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const deviceId = text(form, "deviceId");
  const result = await withActor(async (actor) => {
    const { deleted } = await sendDeviceDeletion(actor, { deviceId });
    return { ok: true, data: deleted };
  });
  if (result.ok) {
    revalidatePath("/smi");
    const deleted = result.data as string[];
    redirect(`/smi?deleted=${encodeURIComponent(deleted.map(formatEui64).join(", "))}`);
  }
  return result;
}

/** SR 8.3 Decommission Device. */
export async function decommissionDeviceAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const deviceId = text(form, "deviceId");
  return withActor(async (actor) => {
    const { decommissioned } = await sendDecommission(actor, { deviceId });
    revalidatePath(devicePath(deviceId));
    const others = decommissioned.length - 1;
    return {
      ok: true,
      message: `Device decommissioned${others > 0 ? ` with ${others} associated GPF` : ""}. Its Associations and MPxN links have ended.`,
    };
  });
}
