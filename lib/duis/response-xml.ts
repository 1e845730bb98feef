// sr:Response documents as the DUIS 5.4 schema defines them: a header (RequestID and ResponseID when there is a
// request, ResponseCode, ResponseDateTime) and exactly one of ResponseMessage, DeviceAlertMessage, DCCAlertMessage.
// Built unsigned; the caller signs with signDuis. Every value written is escaped or checked against its format.
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import { parseRequestId } from "./envelope";
import { DUIS_NS, escapeXml } from "./xml";

/** The DUIS schema version this gateway answers in. */
export const RESPONSE_SCHEMA_VERSION = "5.4";

export type ResponseBody =
  | {
      message: {
        serviceReference: string;
        srv: string;
        /** At most one of gbcsPayload, preCommand, dspScheduleId, contentXml (the schema's choice). */
        gbcsPayload?: string;
        preCommand?: { gbcsVersion: string; gbcsPayload: string };
        dspScheduleId?: string;
        /** A pre-built sr: element (DSPInventory, DSPWANMatrix, DSPSchedulesRead...), written by the caller. */
        contentXml?: string;
      };
    }
  | {
      deviceAlert: {
        /** Four hex digits, e.g. 8F66. */
        alertCode: string;
        gbcsPayload: string;
        throttledAlertSequenceId?: number;
        throttledAlertCount?: number;
      };
    }
  | {
      dccAlert: {
        /** N1..N65, N999 or AD1. */
        code: string;
        throttledAlertSequenceId?: number;
        throttledAlertCount?: number;
      } & (
        | {
            /** The usual DCC alert about a command: its RequestID, the device, and its DCC Schedule if any. */
            commandFailure: { commandRequestId: string; deviceId: string; dspScheduleId?: string };
            contentXml?: never;
          }
        /** Any other DCCAlert choice, a pre-built sr: element (DSPScheduleRemoval, DeviceStatusChangeEvent...). */
        | { contentXml: string; commandFailure?: never }
      );
    };

export interface DuisResponseInput {
  requestId?: string;
  responseId?: string;
  code: string;
  at: Date;
  body: ResponseBody;
}

const RESPONSE_CODE = /^[A-Z]\d{1,7}$/;
const DCC_ALERT_CODE = /^(AD1|N\d{1,3})$/;
const SCHEDULE_ID = /^\d{1,13}$/;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

function normalisedRequestId(value: string, label: string): string {
  const id = parseRequestId(value.trim());
  if (!id) throw new Error(`${label} ${value} is not a DUIS RequestID.`);
  return id.requestId;
}

/** The ResponseID for a request: the same counter with the two EUIs swapped (target:originator:counter). */
export function responseIdFor(requestId: string): string {
  const id = parseRequestId(requestId.trim());
  if (!id) throw new Error(`${requestId} is not a DUIS RequestID.`);
  return `${formatEui64(id.targetEui)}:${formatEui64(id.originatorEui)}:${id.counter}`;
}

const element = (name: string, text: string) => `<sr:${name}>${escapeXml(text)}</sr:${name}>`;

function base64(value: string, label: string): string {
  if (!BASE64.test(value)) throw new Error(`${label} is not base64.`);
  return value.replace(/\s/g, "");
}

function scheduleId(value: string): string {
  if (!SCHEDULE_ID.test(value)) throw new Error(`DSPScheduleID ${value} is not a schedule number.`);
  return value;
}

function unsignedInt(name: string, value: number | undefined): string {
  if (value === undefined) return "";
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new Error(`${name} ${value} is not an unsigned 32-bit integer.`);
  return element(name, String(value));
}

const throttled = (alert: { throttledAlertSequenceId?: number; throttledAlertCount?: number }) =>
  unsignedInt("ThrottledAlertSequenceId", alert.throttledAlertSequenceId) + unsignedInt("ThrottledAlertCount", alert.throttledAlertCount);

function bodyXml(body: ResponseBody): string {
  if ("message" in body) {
    const m = body.message;
    const content = [
      m.gbcsPayload !== undefined ? element("GBCSPayload", base64(m.gbcsPayload, "GBCSPayload")) : null,
      m.preCommand
        ? `<sr:PreCommand>${element("GBCSVersion", m.preCommand.gbcsVersion)}${element("GBCSPayload", base64(m.preCommand.gbcsPayload, "PreCommand GBCSPayload"))}</sr:PreCommand>`
        : null,
      m.dspScheduleId !== undefined ? element("DSPScheduleID", scheduleId(m.dspScheduleId)) : null,
      m.contentXml ?? null,
    ].filter((part) => part !== null);
    if (content.length > 1) throw new Error("A ResponseMessage holds at most one of GBCSPayload, PreCommand, DSPScheduleID and other content.");
    return `<sr:ResponseMessage>${element("ServiceReference", m.serviceReference)}${element("ServiceReferenceVariant", m.srv)}${content.join("")}</sr:ResponseMessage>`;
  }
  if ("deviceAlert" in body) {
    const a = body.deviceAlert;
    if (!/^[0-9A-Fa-f]{4}$/.test(a.alertCode)) throw new Error(`AlertCode ${a.alertCode} is not four hex digits.`);
    return `<sr:DeviceAlertMessage>${element("AlertCode", a.alertCode.toUpperCase())}${throttled(a)}${element("GBCSPayload", base64(a.gbcsPayload, "GBCSPayload"))}</sr:DeviceAlertMessage>`;
  }
  const a = body.dccAlert;
  if (!DCC_ALERT_CODE.test(a.code)) throw new Error(`DCCAlertCode ${a.code} is not a DCC alert code.`);
  let alert: string;
  if (a.commandFailure) {
    const f = a.commandFailure;
    const deviceId = parseEui64(f.deviceId);
    if (!deviceId) throw new Error(`DeviceID ${f.deviceId} is not an EUI-64.`);
    alert =
      `<sr:CommandFailure>${element("CommandRequestID", normalisedRequestId(f.commandRequestId, "CommandRequestID"))}` +
      `${f.dspScheduleId !== undefined ? element("DSPScheduleID", scheduleId(f.dspScheduleId)) : ""}${element("DeviceID", formatEui64(deviceId))}</sr:CommandFailure>`;
  } else {
    alert = a.contentXml;
  }
  return `<sr:DCCAlertMessage>${element("DCCAlertCode", a.code)}${throttled(a)}<sr:DCCAlert>${alert}</sr:DCCAlert></sr:DCCAlertMessage>`;
}

/**
 * An unsigned sr:Response (schemaVersion 5.4) with its header and body; ResponseDateTime is `at` in UTC with
 * milliseconds. Throws Error for values the schema would refuse (a malformed RequestID, alert code, payload...).
 */
export function buildDuisResponse(r: DuisResponseInput): string {
  if (!RESPONSE_CODE.test(r.code)) throw new Error(`ResponseCode ${r.code} is not a DUIS response code.`);
  if (Number.isNaN(r.at.getTime())) throw new Error("ResponseDateTime is not a date.");
  const header =
    (r.requestId !== undefined ? element("RequestID", normalisedRequestId(r.requestId, "RequestID")) : "") +
    (r.responseId !== undefined ? element("ResponseID", normalisedRequestId(r.responseId, "ResponseID")) : "") +
    element("ResponseCode", r.code) +
    element("ResponseDateTime", r.at.toISOString());
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    // Namespace declarations in C14N order (by prefix) and no empty-element tags: the text is its own canonical form,
    // which lets the DCC sign it without re-parsing (signOwnResponse).
    `<sr:Response xmlns:ra="${DUIS_NS.ra}" xmlns:sr="${DUIS_NS.sr}" schemaVersion="${RESPONSE_SCHEMA_VERSION}">` +
    `<sr:Header>${header}</sr:Header><sr:Body>${bodyXml(r.body)}</sr:Body></sr:Response>`
  );
}
