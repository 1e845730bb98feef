import { z } from "zod";
import { DeviceType, EsmeVariant, SmiStatus } from "@/generated/prisma/enums";
import { parseEui64, parseMpxn } from "@/lib/identifiers";
import { optionalText } from "@/lib/validation";

const deviceId = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const id = parseEui64(value);
    if (!id) ctx.addIssue({ code: "custom", message: "Enter a 16-digit hexadecimal Device ID, e.g. 00-DB-12-34-56-78-90-A0." });
    return id ?? "";
  });

const mpxn = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const parsed = parseMpxn(value);
    if (!parsed) ctx.addIssue({ code: "custom", message: "Enter a valid MPAN (13 digits) or MPRN (6-10 digits); the check digit did not match." });
    return parsed?.mpxn ?? "";
  });

/** An optional MPxN field: "" means not given; anything else must parse, and the check-digit message reaches the field. */
const optionalMpxn = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const parsed = parseMpxn(value);
    if (!parsed) ctx.addIssue({ code: "custom", message: "Enter a valid MPAN (13 digits) or MPRN (6-10 digits); the check digit did not match." });
    return parsed?.mpxn;
  });

/** SR 12.2 Device Pre-Notification. */
export const preNotifySchema = z.object({
  deviceId,
  deviceType: z.enum(DeviceType, "Choose a Device Type."),
  modelId: optionalText("The Device Model", 64),
  esmeVariant: z.enum(EsmeVariant).optional(),
  mpxn: optionalMpxn,
  secondaryMpxn: optionalMpxn,
  description: optionalText("The description", 200),
});
export type PreNotifyInput = z.input<typeof preNotifySchema>;

/** SR 8.4 function 1: update details given at pre-notification. Device ID and Device Type are not changeable. */
export const updateDetailsSchema = z.object({
  deviceId,
  deviceType: z.enum(DeviceType).optional(),
  newDeviceId: optionalText("The new Device ID", 100),
  modelId: optionalText("The Device Model", 64),
  esmeVariant: z.enum(EsmeVariant).optional(),
  description: optionalText("The description", 200),
});
export type UpdateDetailsInput = z.input<typeof updateDetailsSchema>;

export const deviceRefSchema = z.object({ deviceId });
export type DeviceRefInput = z.input<typeof deviceRefSchema>;

/** SR 8.4 function 3: update SMI Status. */
export const updateStatusSchema = z.object({ deviceId, status: z.enum(SmiStatus, "Choose the new SMI Status.") });
export type UpdateStatusInput = z.input<typeof updateStatusSchema>;

/** SR 8.4 function 4: one MPxN change per request (L740). */
export const updateMpxnSchema = z.object({
  deviceId,
  changes: z
    .array(z.object({ role: z.enum(["PRIMARY", "SECONDARY"]), mpxn }))
    .min(1, "Give the new MPxN.")
    .max(1, "SR 8.4 changes exactly one MPxN per request; send one request per MPxN."),
});
export type UpdateMpxnInput = z.input<typeof updateMpxnSchema>;
