// Verify (AB 6.1(a), processing.md §3.2), the body half: the one SR element of a request checked against the project's
// own schema for its SRV (body-schemas.ts); readDuisRequest (envelope.ts) checks the root and the header. Each problem
// names the element path and what is wrong, e.g. "ReadInventory/DeviceID: not an EUI-64"; none means the body passes.
// The pipeline answers a failure with CODE.VERIFY.
import { Node } from "@xmldom/xmldom";
import { BODY_SCHEMAS, type ElementType, type Format, type Particle } from "./body-schemas";
import { srvEntry } from "./catalogue";
import { parseRequestId } from "./envelope";
import { DUIS_NS, type Element } from "./xml";

const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

/** Problems with the body element of a request for `srv`: an unknown SRV or an element that SRV does not send count. */
export function verifyBody(srv: string, body: Element): string[] {
  const entry = srvEntry(srv);
  if (!entry) return [`ServiceReferenceVariant: ${srv} is not a DUIS Service Request Variant`];
  const name = body.localName ?? body.nodeName;
  if (body.namespaceURI !== DUIS_NS.sr) return [`${body.nodeName}: not an element of the DUIS namespace`];
  // A Signed Pre-Command completes any SRV that is transformed into a Pre-Command (Command Variants 5-7).
  const spc = name === "SignedPreCommand" && entry.commandVariants.some((cv) => cv >= 5 && cv <= 7);
  if (!spc && !entry.bodyElements.includes(name)) return [`${name}: not the body of SRV ${srv} (${entry.bodyElements.join(" or ")} is)`];
  const problems: string[] = [];
  checkElement(body, BODY_SCHEMAS[name], name, problems);
  return problems;
}

/** Element children and the concatenated text (and CDATA) of a node; comments and processing instructions are ignored. */
function children(parent: Element): { elements: Element[]; text: string } {
  const elements: Element[] = [];
  let text = "";
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === Node.ELEMENT_NODE) elements.push(node as Element);
    else if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE) text += node.nodeValue ?? "";
  }
  return { elements, text };
}

function checkElement(node: Element, type: ElementType, path: string, problems: string[]): void {
  checkAttributes(node, type, path, problems);
  const { elements, text } = children(node);
  if (type.value) {
    if (elements.length) problems.push(`${path}: unexpected element ${elements[0].nodeName}`);
    else report(problems, path, formatProblem(type.value, text));
    return;
  }
  if (text.trim()) problems.push(`${path}: unexpected text`);
  // Elements this content never names are reported and set aside, so that one misspelt element is one problem.
  const known = type.content ? elementNames(type.content) : new Set<string>();
  const candidates = elements.filter((child) => {
    const ok = child.namespaceURI === DUIS_NS.sr && known.has(child.localName ?? "");
    if (!ok) problems.push(`${path}: unexpected element ${child.nodeName}`);
    return ok;
  });
  const next = type.content ? match(type.content, candidates, 0, path, problems) : 0;
  if (next < candidates.length) problems.push(`${path}: unexpected element ${candidates[next].nodeName} (out of order or repeated)`);
}

function checkAttributes(node: Element, type: ElementType, path: string, problems: string[]): void {
  for (let i = 0; i < node.attributes.length; i++) {
    const attribute = node.attributes.item(i)!;
    if (attribute.namespaceURI === XMLNS_NS || attribute.namespaceURI === XSI_NS || attribute.name === "xmlns" || attribute.name.startsWith("xmlns:")) continue;
    const format = attribute.namespaceURI ? undefined : type.attributes[attribute.name];
    if (!format) problems.push(`${path}: unexpected attribute ${attribute.name}`);
    else report(problems, `${path}/@${attribute.name}`, formatProblem(format, attribute.value));
  }
  for (const name of Object.keys(type.attributes)) if (!node.hasAttribute(name)) problems.push(`${path}: missing attribute ${name}`);
}

const report = (problems: string[], path: string, problem: string | null) => {
  if (problem) problems.push(`${path}: ${problem}`);
};

// ---- Content models. DUIS's are deterministic (XSD's Unique Particle Attribution), so a greedy match that looks
// only at the next element's name decides every step.

const namesMemo = new WeakMap<Particle, Set<string>>();
const firstMemo = new WeakMap<Particle, Set<string>>();

function parts(particle: Particle): readonly Particle[] {
  return "sequence" in particle ? particle.sequence : "choice" in particle ? particle.choice : [];
}

/** Every element name a particle mentions at this level (not inside child elements). */
function elementNames(particle: Particle): Set<string> {
  let names = namesMemo.get(particle);
  if (!names) {
    names = "element" in particle ? new Set([particle.element]) : new Set(parts(particle).flatMap((part) => [...elementNames(part)]));
    namesMemo.set(particle, names);
  }
  return names;
}

function nullable(particle: Particle): boolean {
  if (particle.min === 0) return true;
  if ("element" in particle) return false;
  return "sequence" in particle ? particle.sequence.every(nullable) : particle.choice.some(nullable);
}

/** The element names one occurrence of `particle` can start with. */
function firstNames(particle: Particle): Set<string> {
  let names = firstMemo.get(particle);
  if (!names) {
    names = new Set<string>();
    if ("element" in particle) names.add(particle.element);
    else if ("choice" in particle) for (const part of particle.choice) for (const name of firstNames(part)) names.add(name);
    else {
      for (const part of particle.sequence) {
        for (const name of firstNames(part)) names.add(name);
        if (!nullable(part)) break;
      }
    }
    firstMemo.set(particle, names);
  }
  return names;
}

const startsWith = (particle: Particle, node: Element | undefined) => !!node && firstNames(particle).has(node.localName ?? "");

function describe(particle: Particle): string {
  const names = [...firstNames(particle)];
  return names.length > 1 ? `one of ${names.join(", ")}` : names[0];
}

/** Matches `particle` (all its occurrences) against elements[i...]; returns the index after what it consumed. */
function match(particle: Particle, elements: Element[], i: number, path: string, problems: string[]): number {
  let count = 0;
  while (count < particle.max && startsWith(particle, elements[i])) {
    const before = i;
    i = matchOnce(particle, elements, i, path, problems, count, particle.max > 1);
    count++;
    if (i === before) break;
  }
  if (count >= particle.min) return i;
  if (count > 0) problems.push(`${path}: ${describe(particle)} occurs ${count} time${count > 1 ? "s" : ""}, at least ${particle.min} required`);
  // A required sequence that does not start here still names what it is missing, child by child.
  else if ("sequence" in particle) return matchOnce(particle, elements, i, path, problems, 0, false);
  else if ("element" in particle || !particle.choice.some(nullable)) problems.push(`${path}: missing ${describe(particle)}`);
  return i;
}

function matchOnce(particle: Particle, elements: Element[], i: number, path: string, problems: string[], index: number, indexed: boolean): number {
  if ("element" in particle) {
    checkElement(elements[i], particle.type, `${path}/${particle.element}${indexed ? `[${index + 1}]` : ""}`, problems);
    return i + 1;
  }
  if ("choice" in particle) {
    const alternative = particle.choice.find((part) => startsWith(part, elements[i]))!;
    return match(alternative, elements, i, path, problems);
  }
  for (const part of particle.sequence) i = match(part, elements, i, path, problems);
  return i;
}

// ---- Value formats (the XSD built-in types, with the DUIS facets).

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const EUI = "[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){7}";
const EUI64 = new RegExp(`^${EUI}$`);
const EUI64_LIST = new RegExp(`^${EUI}(?:,${EUI})*$`);
const TIMEZONE = "(Z|[+-](\\d{2}):(\\d{2}))?";
const DATE_TIME = new RegExp(`^(-?\\d{4,})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?${TIMEZONE}$`);
const DATE = new RegExp(`^(-?\\d{4,})-(\\d{2})-(\\d{2})${TIMEZONE}$`);
const TIME = new RegExp(`^(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?${TIMEZONE}$`);

function validDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return m >= 1 && m <= 12 && Number(day) >= 1 && Number(day) <= days;
}

/** hh:mm:ss with an optional fraction; 24:00:00 (end of day) is the one hour-24 value XSD allows. */
function validTime(hour: string, minute: string, second: string, fraction: string | undefined): boolean {
  if (hour === "24") return minute === "00" && second === "00" && !/[1-9]/.test(fraction ?? "");
  return Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59;
}

const validZone = (zone: string | undefined, hours: string | undefined, minutes: string | undefined) =>
  !zone || zone === "Z" || (Number(minutes) <= 59 && (Number(hours) < 14 || (hours === "14" && minutes === "00")));

function significantFractionDigits(value: string): number {
  const fraction = value.split(".")[1] ?? "";
  return fraction.replace(/0+$/, "").length;
}

function formatProblem(format: Format, raw: string): string | null {
  if (format.kind === "text") {
    const length = [...raw].length;
    if (length < format.minLength) return format.minLength === 1 ? "empty" : `shorter than ${format.minLength} characters`;
    if (format.maxLength !== null && length > format.maxLength) return `longer than ${format.maxLength} characters`;
    return format.pattern && !format.pattern.test(raw) ? "not in the required format" : null;
  }
  // Every other type collapses whitespace in XSD, so surrounding whitespace is not an error.
  const value = raw.trim();
  switch (format.kind) {
    case "dateTime": {
      const m = DATE_TIME.exec(value);
      return m && validDate(m[1], m[2], m[3]) && validTime(m[4], m[5], m[6], m[7]) && validZone(m[8], m[9], m[10]) ? null : "not a date-time (YYYY-MM-DDThh:mm:ssZ)";
    }
    case "date": {
      const m = DATE.exec(value);
      return m && validDate(m[1], m[2], m[3]) && validZone(m[4], m[5], m[6]) ? null : "not a date (YYYY-MM-DD)";
    }
    case "time": {
      const m = TIME.exec(value);
      return m && validTime(m[1], m[2], m[3], m[4]) && validZone(m[5], m[6], m[7]) ? null : "not a time (hh:mm:ss)";
    }
    case "boolean":
      return /^(true|false|1|0)$/.test(value) ? null : "not a boolean (true or false)";
    case "eui64":
      return EUI64.test(value) ? null : "not an EUI-64";
    case "eui64List":
      return EUI64_LIST.test(value) ? null : "not a comma-separated list of EUI-64s";
    case "requestId":
      return parseRequestId(value) ? null : "not a RequestID (originator EUI-64:target EUI-64:counter)";
    case "mpan":
      return /^\d{13}$/.test(value) ? null : "not an MPAN (13 digits)";
    case "mprn":
      return /^\d{1,10}$/.test(value) ? null : "not an MPRN (up to 10 digits)";
    case "mpxn":
      return /^(\d{13}|\d{1,10})$/.test(value) ? null : "not an MPAN (13 digits) or MPRN (up to 10 digits)";
    case "integer": {
      if (!/^[+-]?\d+$/.test(value)) return "not an integer";
      const n = BigInt(value);
      if ((format.min !== null && n < format.min) || (format.max !== null && n > format.max)) {
        return format.max === null ? `less than ${format.min}` : format.min === null ? `more than ${format.max}` : `not in ${format.min}..${format.max}`;
      }
      return null;
    }
    case "decimal": {
      if (!DECIMAL.test(value)) return "not a decimal number";
      const n = Number(value);
      if (format.fractionDigits !== undefined && significantFractionDigits(value) > format.fractionDigits) return `more than ${format.fractionDigits} decimal places`;
      if (format.min !== undefined && n < format.min) return `less than ${format.min}`;
      if (format.max !== undefined && n > format.max) return `more than ${format.max}`;
      if (format.above !== undefined && n <= format.above) return `not more than ${format.above}`;
      if (format.below !== undefined && n >= format.below) return `not less than ${format.below}`;
      return null;
    }
    case "hex": {
      if (!/^([0-9A-Fa-f]{2})*$/.test(value)) return "not hexadecimal octets";
      const bytes = value.length / 2;
      if (bytes < format.minBytes || (format.maxBytes !== null && bytes > format.maxBytes)) {
        return format.minBytes === format.maxBytes ? `not ${format.minBytes} bytes of hexadecimal` : `not ${format.minBytes} to ${format.maxBytes ?? "any"} bytes of hexadecimal`;
      }
      return null;
    }
    case "base64": {
      const compact = value.replace(/\s+/g, "");
      if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return "not base64";
      const bytes = (compact.length / 4) * 3 - (compact.match(/=+$/)?.[0].length ?? 0);
      return format.maxBytes !== null && bytes > format.maxBytes ? `longer than ${format.maxBytes} bytes` : null;
    }
    case "enum":
      return format.values.includes(value) ? null : format.values.length <= 8 ? `not one of ${format.values.join(", ")}` : "not an allowed value";
  }
}
