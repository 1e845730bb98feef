// What every Non-Device executor takes and gives back, the refusal it throws, and the small XML readers and writers
// they share. The executors (one file per SRV group) do the DCC-side work through the lib/smi and lib/returns
// operations the portal's forms call, in the pipeline's transaction.
import type { Device } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db";
import type { PreNotifyInput, UpdateDetailsInput, UpdateStatusInput } from "@/lib/smi/schemas";
import { CODE, type ResponseCode } from "../codes";
import type { DuisRequest } from "../envelope";
import { escapeXml, srChild, type Element } from "../xml";

export interface NonDeviceContext {
  tx: Tx;
  /** The sending party's actor: its portal account (composer) or its DUIS gateway system account. */
  actor: Actor;
  request: DuisRequest;
  /** The device deviceIdNamedBy() names, loaded by the pipeline; null when it names none or it is not in the SMI. */
  device: Device | null;
  receivedAt: Date;
  /** The ServiceRequest row the pipeline stores with this request. */
  serviceRequestId: string;
  /** From the SMI pages' forms only (never read from XML): see PortalFormInput. */
  formInput?: PortalFormInput;
}

/**
 * The portal form's own input to the lib/smi operation of its Service Request (lib/duis/portal-service-requests.ts).
 * It says what DUIS cannot (an MPxN or description at pre-notification, a new description, a CHF back to Pending,
 * a CPL entry by its id), so the operation takes it as the form gave it, with the form's field errors; the request's
 * body records what DUIS can say of it (docs/decisions.md, "DUIS gateway").
 */
export type PortalFormInput = { kind: "pre-notify"; input: PreNotifyInput } | { kind: "details"; input: UpdateDetailsInput } | { kind: "status"; input: UpdateStatusInput };

export interface NonDeviceResult {
  /** I0, or a W code (success with a warning), or an E code that still carries a body (11.1 / 11.4 warnings). */
  code: string;
  dspScheduleId?: string;
  /** An sr: element for the ResponseMessage body (DSPInventory, DSPWANMatrix, DSPSchedulesRead...). */
  contentXml?: string;
  /** What the lib/smi operation returned, which the portal's forms tell the user (e.g. the transition taken). */
  effect?: unknown;
}

/** A refusal that has its DUIS code already (AppErrors from the SMI operations are mapped by nonDeviceErrorCode). */
export class NonDeviceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "NonDeviceError";
  }
}

/**
 * Codes the DUIS 5.4 schema enumerates for these SRVs without a public meaning, given one here (docs/decisions.md,
 * "DUIS gateway"); the generic codes (E4, E5, E11, E19, E050101, E050301, W050301...) are lib/duis/codes.ts's.
 */
export const NON_DEVICE_CODE = {
  /** 5.1: the scheduled SRV is not one the DCC schedules, or its body does not match it. */
  NOT_SCHEDULABLE: "E050102",
  /** 5.1: the end date comes before the first run: the schedule would never run. */
  SCHEDULE_NEVER_RUNS: "E050103",
  /** 5.2: the DSPScheduleID does not exist or is another User's. */
  SCHEDULE_NOT_FOUND: "E050201",
  /** 5.2: the User has no schedules on that device. */
  NO_SCHEDULES: "W050201",
  /** 8.2: no device matches the search. */
  INVENTORY_NO_MATCH: "E080201",
  /** 8.2: more devices match than a DSPInventory holds (17). */
  INVENTORY_TOO_MANY: "E080202",
  /** 8.3: the device cannot be decommissioned with 8.3 (a Type 2 device, or a GPF: name its CHF). */
  DECOMMISSION_INVALID: "E080301",
  /** 8.4: the function is one this DCC's SMI does not hold (an Export MPAN). */
  UPDATE_UNSUPPORTED: "E080405",
  /** 8.4: the change is not valid for the device (type, status value, MPxN not in Registration Data...). */
  UPDATE_INVALID: "E080406",
  /** 8.4 details: no current CPL entry has that manufacturer, model and firmware version. */
  UPDATE_NOT_ON_CPL: "E080407",
  /** 8.14.3 / 8.14.4: the return details are not valid (e.g. a removal date in the future). */
  RETURN_INVALID: "E081401",
  /** 8.14.3 / 8.14.4: the CH is already notified for return, or the notification is later than 5 Working Days. */
  RETURN_REFUSED: "E081402",
  /** 8.14.1 / 8.14.2: accepted, but sent later than the seed allows (5 / 3 Working Days after the install). */
  CH_UPDATE_LATE: "W081401",
  /** 11.1: some listed devices will not get the image (DSPUpdateFirmwareWarning says which). */
  FIRMWARE_WARNING: "W110101",
  /** 11.1: no listed device can get the image. */
  FIRMWARE_NO_DEVICE: "E110101",
  /** 11.4: as W110101, for PPMIDs. */
  PPMID_FIRMWARE_WARNING: "W110401",
  /** 11.4: as E110101, for PPMIDs. */
  PPMID_FIRMWARE_NO_DEVICE: "E110401",
  /** 12.1: the UPRN is not in the Registration Data, or the postcode is not a full postcode. */
  WAN_MATRIX_NO_ADDRESS: "E120101",
  /** 12.2: no current CPL entry has that manufacturer, model and firmware version. */
  PRE_NOTIFY_NOT_ON_CPL: "E120201",
  /** 12.2: the Device ID is already in the SMI (only a Decommissioned device of the same type may be pre-notified again). */
  PRE_NOTIFY_EXISTS: "E120203",
  /** 12.2: the details are not valid for the device type (a CHF or GPF, which the DCC adds itself...). */
  PRE_NOTIFY_INVALID: "E120204",
} as const satisfies Record<string, ResponseCode>;

export const ok = (contentXml?: string): NonDeviceResult => ({ code: CODE.I0, ...(contentXml ? { contentXml } : {}) });

/** The text of the first sr child `name` of `parent`, trimmed; undefined when absent. */
export function childText(parent: Element, name: string): string | undefined {
  const child = srChild(parent, name);
  return child ? (child.textContent ?? "").trim() : undefined;
}

/** As childText, for a child Verify has already required: its absence is a Verify failure after all. */
export function requiredText(parent: Element, name: string): string {
  const value = childText(parent, name);
  if (value === undefined) throw new NonDeviceError(CODE.VERIFY, `${parent.localName}: ${name} is missing.`);
  return value;
}

/** `<sr:name>text</sr:name>`, escaped. */
export const srElement = (name: string, text: string) => `<sr:${name}>${escapeXml(text)}</sr:${name}>`;

/** As srElement, or "" when the value is absent. */
export const optionalSrElement = (name: string, text: string | null | undefined) => (text === null || text === undefined ? "" : srElement(name, text));

/** An instant as the xs:date of its UTC day, e.g. 2026-12-06. */
export const xsDate = (at: Date) => at.toISOString().slice(0, 10);
