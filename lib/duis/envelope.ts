// Reading an sr:Request: the root, the header checked fully in DUIS order, the one SR element in the body, and the
// facts the pipeline needs from it (future dating, the cancellation marker, a Signed Pre-Command). The body's own
// content is checked per SRV elsewhere (Verify).
import { Node } from "@xmldom/xmldom";
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import { childElements, DUIS_NS, firstDescendant, isSrElement, srChild, textOf, type Document, type Element } from "./xml";

export interface DuisRequest {
  /** Normalised: `ORIGINATOR:TARGET:counter`, each EUI as upper-case hex pairs joined by '-'. */
  requestId: string;
  /** 16 upper-case hex digits, no separators. */
  originatorEui: string;
  targetEui: string;
  /** Decimal, 0..2^64-1. */
  counter: string;
  schemaVersion: string;
  firstInSequence?: boolean;
  /** Normalised like requestId. */
  precedingRequestId?: string;
  commandVariant: number;
  serviceReference: string;
  /** ServiceReferenceVariant. */
  srv: string;
  /** The one SR element of the body. */
  body: Element;
  /** Its local name, e.g. ReadInstantaneousImportRegisters. */
  bodyName: string;
  /** The first ExecutionDateTime inside the body (for a cancellation: the marker's instant). */
  executionDateTime?: Date;
  /** ExecutionDateTime is DUIS's cancellation marker, 3000-12-31T00:00:00Z (any fractional precision). */
  isCancellation: boolean;
  signedPreCommand?: { gbcsPayload: string; executionDateTime?: Date };
}

export type ReadDuisRequestResult = { ok: true; request: DuisRequest } | { ok: false; problems: string[]; requestId?: string };

const EUI = "[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){7}";
const REQUEST_ID = new RegExp(`^(${EUI}):(${EUI}):(0|[1-9][0-9]{0,19})$`);
const MAX_COUNTER = 2n ** 64n - 1n;
const SCHEMA_VERSION = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const SERVICE_REFERENCE = /^\d{1,2}(\.\d{1,2}){1,2}$/;
const MAX_COMMAND_VARIANT = 8;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const CANCELLATION_MS = Date.UTC(3000, 11, 31);
/** Header children in DUIS order; `optional` ones may be left out. */
const HEADER = [
  { name: "RequestID", optional: false },
  { name: "FirstInSequence", optional: true },
  { name: "PrecedingServiceRequestID", optional: true },
  { name: "CommandVariant", optional: false },
  { name: "ServiceReference", optional: false },
  { name: "ServiceReferenceVariant", optional: false },
] as const;
type HeaderName = (typeof HEADER)[number]["name"];

/** A RequestID's parts, normalised; null when it is not `EUI:EUI:counter` with a counter of at most 2^64-1. */
export function parseRequestId(text: string): { requestId: string; originatorEui: string; targetEui: string; counter: string } | null {
  const match = REQUEST_ID.exec(text);
  if (!match || BigInt(match[3]) > MAX_COUNTER) return null;
  const originatorEui = parseEui64(match[1])!;
  const targetEui = parseEui64(match[2])!;
  return { requestId: `${formatEui64(originatorEui)}:${formatEui64(targetEui)}:${match[3]}`, originatorEui, targetEui, counter: match[3] };
}

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysInMonth = (year: number, month: number) => (month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

const XS_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An xs:dateTime with a time zone ('Z' or ±hh:mm), strictly: real calendar dates, 00:00:00-23:59:59, any number of
 * fractional digits (kept to the millisecond). Null for anything else, a value without a time zone included.
 */
export function parseXsDateTime(text: string): { date: Date; wholeSecond: boolean } | null {
  const m = XS_DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const fraction = m[7] ?? "";
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (m[8] !== "Z") {
    const [offsetHours, offsetMins] = [Number(m[10]), Number(m[11])];
    if (offsetMins > 59 || offsetHours * 60 + offsetMins > 14 * 60) return null;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day); // years below 100 stay as written
  utc.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, "0")));
  return { date: new Date(utc.getTime() - offsetMinutes * 60_000), wholeSecond: !/[1-9]/.test(fraction) };
}

const hasStrayText = (el: Element) =>
  Array.from(el.childNodes).some(
    (node) => (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE) && (node.textContent ?? "").trim() !== "",
  );

/** The header's children matched against DUIS order: each found element by name, or the problems. */
function readHeader(header: Element, problems: string[]): Partial<Record<HeaderName, Element>> {
  const found: Partial<Record<HeaderName, Element>> = {};
  const children = childElements(header);
  let position = 0;
  for (const [k, child] of children.entries()) {
    const index = isSrElement(child) ? HEADER.findIndex((h, i) => i >= position && h.name === child.localName) : -1;
    if (index < 0) {
      const known = isSrElement(child) && HEADER.some((h) => h.name === child.localName);
      problems.push(
        known
          ? `Header: ${child.localName} is repeated or out of order (DUIS order: ${HEADER.map((h) => h.name).join(", ")}).`
          : `Header: unexpected element ${child.nodeName}.`,
      );
      continue;
    }
    // A required element skipped here but present later is reported as out of order there, not as missing.
    const later = children.slice(k + 1).filter((el) => isSrElement(el)).map((el) => el.localName);
    for (const h of HEADER.slice(position, index)) if (!h.optional && !later.includes(h.name)) problems.push(`Header: ${h.name} is missing.`);
    found[HEADER[index].name] = child;
    position = index + 1;
  }
  for (const h of HEADER.slice(position)) if (!h.optional) problems.push(`Header: ${h.name} is missing.`);
  if (hasStrayText(header)) problems.push("Header: text outside its elements.");
  return found;
}

/** The first ExecutionDateTime inside `el`, parsed; a problem when it is not a valid xs:dateTime with a time zone. */
function executionDateTimeIn(el: Element, problems: string[]) {
  const found = firstDescendant(el, DUIS_NS.sr, "ExecutionDateTime");
  if (!found) return undefined;
  const parsed = parseXsDateTime(textOf(found));
  if (!parsed) problems.push(`ExecutionDateTime "${textOf(found).slice(0, 40)}" is not a date and time with a time zone (e.g. 2030-01-15T09:00:00Z).`);
  return parsed ?? undefined;
}

/**
 * Read an sr:Request (already parsed by parseDuisXml) into a DuisRequest, checking the root, the header fully and the
 * body's shape. Every problem found is listed; requestId is there whenever the RequestID itself could be read.
 */
export function readDuisRequest(doc: Document): ReadDuisRequestResult {
  const problems: string[] = [];
  const root = doc.documentElement;
  if (!root || !isSrElement(root, "Request")) {
    return { ok: false, problems: [`The document is ${root ? `a ${root.nodeName}` : "empty"}, not an sr:Request (${DUIS_NS.sr}).`] };
  }
  const schemaVersion = root.getAttribute("schemaVersion")?.trim() ?? "";
  if (!root.hasAttribute("schemaVersion")) problems.push("sr:Request has no schemaVersion.");
  else if (!SCHEMA_VERSION.test(schemaVersion)) problems.push(`schemaVersion "${schemaVersion.slice(0, 20)}" is not a decimal.`);

  const parts = childElements(root);
  const names = parts.map((el) => (isSrElement(el) ? el.localName : el.namespaceURI === DUIS_NS.ds ? `ds:${el.localName}` : el.nodeName));
  if (!(names.join(",") === "Header,Body" || names.join(",") === "Header,Body,ds:Signature")) {
    problems.push(`sr:Request must hold Header, Body and then ds:Signature; it holds ${names.join(", ") || "nothing"}.`);
  }
  if (hasStrayText(root)) problems.push("sr:Request: text outside its elements.");
  const header = srChild(root, "Header");
  const bodyWrapper = srChild(root, "Body");
  if (!header || !bodyWrapper) return { ok: false, problems };

  const h = readHeader(header, problems);
  const requestIdText = h.RequestID ? textOf(h.RequestID) : "";
  const id = h.RequestID ? parseRequestId(requestIdText) : null;
  if (h.RequestID && !id) {
    problems.push(
      `RequestID "${requestIdText.slice(0, 80)}" is not originatorEUI:targetEUI:counter (EUIs as 8 hex pairs joined by '-', counter 0 to 18446744073709551615).`,
    );
  }

  let firstInSequence: boolean | undefined;
  if (h.FirstInSequence) {
    const value = textOf(h.FirstInSequence);
    if (value === "true" || value === "1") firstInSequence = true;
    else if (value === "false" || value === "0") firstInSequence = false;
    else problems.push(`FirstInSequence "${value.slice(0, 20)}" is not a boolean.`);
  }

  let precedingRequestId: string | undefined;
  if (h.PrecedingServiceRequestID) {
    const preceding = parseRequestId(textOf(h.PrecedingServiceRequestID));
    if (preceding) precedingRequestId = preceding.requestId;
    else problems.push(`PrecedingServiceRequestID "${textOf(h.PrecedingServiceRequestID).slice(0, 80)}" is not a RequestID.`);
  }

  const cvText = h.CommandVariant ? textOf(h.CommandVariant) : "";
  const commandVariant = /^[1-9]$/.test(cvText) ? Number(cvText) : NaN;
  if (h.CommandVariant && !(commandVariant <= MAX_COMMAND_VARIANT)) {
    problems.push(`CommandVariant "${cvText.slice(0, 20)}" is not 1 to ${MAX_COMMAND_VARIANT}.`);
  }
  const serviceReference = h.ServiceReference ? textOf(h.ServiceReference) : "";
  if (h.ServiceReference && !SERVICE_REFERENCE.test(serviceReference)) problems.push(`ServiceReference "${serviceReference.slice(0, 20)}" is not a Service Reference such as 4.1.`);
  const srv = h.ServiceReferenceVariant ? textOf(h.ServiceReferenceVariant) : "";
  if (h.ServiceReferenceVariant && !SERVICE_REFERENCE.test(srv)) problems.push(`ServiceReferenceVariant "${srv.slice(0, 20)}" is not a Service Reference Variant such as 4.1.1.`);

  const bodies = childElements(bodyWrapper);
  if (bodies.length !== 1) problems.push(`Body must hold exactly one Service Request element; it holds ${bodies.length}.`);
  else if (!isSrElement(bodies[0])) problems.push(`Body: ${bodies[0].nodeName} is not in the DUIS namespace.`);
  if (hasStrayText(bodyWrapper)) problems.push("Body: text outside its elements.");
  const body = bodies[0];

  const execution = body ? executionDateTimeIn(body, problems) : undefined;
  let signedPreCommand: DuisRequest["signedPreCommand"];
  if (body && isSrElement(body, "SignedPreCommand")) {
    const payload = srChild(body, "GBCSPayload");
    const gbcsPayload = payload ? textOf(payload).replace(/\s/g, "") : "";
    if (!payload) problems.push("SignedPreCommand has no GBCSPayload.");
    else if (!gbcsPayload || !BASE64.test(gbcsPayload)) problems.push("SignedPreCommand: GBCSPayload is not base64.");
    const spcExecution = srChild(body, "ExecutionDateTime") ? execution?.date : undefined;
    signedPreCommand = { gbcsPayload, ...(spcExecution ? { executionDateTime: spcExecution } : {}) };
  }

  if (problems.length || !id || !body) return { ok: false, problems, ...(id ? { requestId: id.requestId } : {}) };
  return {
    ok: true,
    request: {
      ...id,
      schemaVersion,
      ...(firstInSequence !== undefined ? { firstInSequence } : {}),
      ...(precedingRequestId ? { precedingRequestId } : {}),
      commandVariant,
      serviceReference,
      srv,
      body,
      bodyName: body.localName ?? "",
      ...(execution ? { executionDateTime: execution.date } : {}),
      isCancellation: !!execution && execution.wholeSecond && execution.date.getTime() === CANCELLATION_MS,
      ...(signedPreCommand ? { signedPreCommand } : {}),
    },
  };
}
