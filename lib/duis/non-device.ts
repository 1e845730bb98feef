// Non-Device Service Requests (processing.md §3.4, AB 16.1): after the pipeline's checks pass, the DCC-side work of
// each SRV, done in the pipeline's transaction through the lib/smi, lib/returns and lib/incidents operations the
// portal's forms call (one implementation of each rule). The Command for local delivery (Command Variants 2, 3, 6, 7)
// is made here too. Refusals throw NonDeviceError (with its DUIS code) or an AppError from the
// operation, which nonDeviceErrorCode turns into one.
import type { AppError, AppErrorCode } from "@/lib/errors";
import { parseEui64 } from "@/lib/identifiers";
import { CODE } from "./codes";
import type { DuisRequest } from "./envelope";
import { chInstallReport, chReturn } from "./non-device/comms-hub";
import { NON_DEVICE_CODE, type NonDeviceContext, type NonDeviceResult } from "./non-device/context";
import { updateFirmware } from "./non-device/firmware";
import { decommission, preNotify, readInventory, serviceOptIn, updateInventory } from "./non-device/inventory";
import { localCommand, returnLocalCommandResponse } from "./non-device/local";
import { createSchedule, deleteSchedule, readSchedule } from "./non-device/schedules";
import { requestWanMatrix } from "./non-device/wan-matrix";
import { srChild } from "./xml";

export { NON_DEVICE_CODE, NonDeviceError, type NonDeviceContext, type NonDeviceResult, type PortalFormInput } from "./non-device/context";
export { MAX_SCHEDULES_PER_DEVICE, nextScheduleRun } from "./non-device/schedules";

type Executor = (ctx: NonDeviceContext) => Promise<NonDeviceResult> | NonDeviceResult;

/** One executor per Non-Device SRV of the catalogue (every one has a reference template). */
export const NON_DEVICE_EXECUTORS: Readonly<Record<string, Executor>> = {
  "5.1": createSchedule,
  "5.2": readSchedule,
  "5.3": deleteSchedule,
  "8.2": readInventory,
  "8.3": decommission,
  "8.4": updateInventory,
  "8.6": serviceOptIn,
  "8.13": returnLocalCommandResponse,
  "8.14.1": chInstallReport,
  "8.14.2": chInstallReport,
  "8.14.3": chReturn,
  "8.14.4": chReturn,
  "11.1": updateFirmware,
  "11.4": updateFirmware,
  "12.1": requestWanMatrix,
  "12.2": preNotify,
};

/** Command Variant of a device SR whose Command is returned to the User for local delivery, synchronously. */
export const LOCAL_DELIVERY_CV = 2;
/** Command Variants whose Command goes to the User for local delivery (DUIS §2): 2 and 6 only, 3 and 7 besides the Device. */
export const LOCAL_DELIVERY_CVS: ReadonlySet<number> = new Set([LOCAL_DELIVERY_CV, 3, 6, 7]);

/** The Device ID (16 hex, upper case) a Non-Device body names: its DeviceID, or the first of its DeviceIDList; else null. */
export function deviceIdNamedBy(request: DuisRequest): string | null {
  const named = srChild(request.body, "DeviceID") ?? srChild(request.body, "DeviceIDList");
  return named ? parseEui64((named.textContent ?? "").split(",")[0]) : null;
}

export async function executeNonDevice(ctx: NonDeviceContext): Promise<NonDeviceResult> {
  if (LOCAL_DELIVERY_CVS.has(ctx.request.commandVariant)) return localCommand(ctx);
  const executor = NON_DEVICE_EXECUTORS[ctx.request.srv];
  // The pipeline sends only catalogue Non-Device SRVs here; anything else is a programming error.
  if (!executor) throw new Error(`SRV ${ctx.request.srv} is not a Non-Device Service Request.`);
  return executor(ctx);
}

/** Per SRV, the code of an operation's refusal where the SRV has a more precise one than the generic table below. */
const SRV_ERROR_CODES: Readonly<Record<string, Partial<Record<AppErrorCode, string>>>> = {
  "8.3": { INVALID: NON_DEVICE_CODE.DECOMMISSION_INVALID },
  "8.4": { INVALID: NON_DEVICE_CODE.UPDATE_INVALID },
  "8.14.3": { INVALID: NON_DEVICE_CODE.RETURN_INVALID, CONFLICT: NON_DEVICE_CODE.RETURN_REFUSED },
  "8.14.4": { INVALID: NON_DEVICE_CODE.RETURN_INVALID, CONFLICT: NON_DEVICE_CODE.RETURN_REFUSED },
  "12.2": { INVALID: NON_DEVICE_CODE.PRE_NOTIFY_INVALID, CONFLICT: NON_DEVICE_CODE.PRE_NOTIFY_EXISTS },
};

const GENERIC_ERROR_CODES: Readonly<Record<Exclude<AppErrorCode, "BUSY">, string>> = {
  NOT_FOUND: CODE.E19,
  FORBIDDEN: CODE.E4,
  // The operations refuse with CONFLICT when the SMI Status (or a change meanwhile) does not allow the change.
  CONFLICT: CODE.E5,
  INVALID: CODE.VERIFY,
  UNAUTHENTICATED: CODE.E1,
  LOCKED: CODE.E3,
};

/**
 * The DUIS code for an AppError an operation refused with. BUSY is no refusal (the database is overloaded and the
 * request was not done): it is thrown back, for the edge to answer 503.
 */
export function nonDeviceErrorCode(srv: string, error: AppError): string {
  if (error.code === "BUSY") throw error;
  return SRV_ERROR_CODES[srv]?.[error.code] ?? GENERIC_ERROR_CODES[error.code];
}
