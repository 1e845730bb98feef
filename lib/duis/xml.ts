// The XML edge of the DUIS gateway: every DUIS document is read here, and nothing that could reach outside (a DOCTYPE,
// an entity declaration: XXE) or that is not plain, well-formed, UTF-8 XML of bounded size gets through.
import { DOMParser, Node, type Document, type Element } from "@xmldom/xmldom";

export type { Document, Element };

/** Largest DUIS document accepted, in bytes (the largest SR, a full tariff, is about 60 KB). */
export const MAX_DUIS_BYTES = 1024 * 1024;

export const DUIS_NS = {
  sr: "http://www.dccinterface.co.uk/ServiceUserGateway",
  ds: "http://www.w3.org/2000/09/xmldsig#",
  ra: "http://www.dccinterface.co.uk/ResponseAndAlert",
} as const;

/** A body that is not a DUIS document at all; the HTTP edge answers it with 400 and this short message. */
export class DuisFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DuisFormatError";
  }
}

const MAX_PARSER_MESSAGE = 160;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function decode(input: string | Buffer): string {
  if (typeof input === "string") return input.replace(/^\uFEFF/, "");
  try {
    return utf8.decode(input); // also drops a byte-order mark
  } catch {
    throw new DuisFormatError("The body is not UTF-8 text.");
  }
}

// XML 1.0 Char: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF. NUL in particular must never reach
// PostgreSQL text, raw or as a character reference, which xmldom would let through.
const FORBIDDEN_RAW = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CHARACTER_REFERENCE = /&#(x[0-9a-fA-F]+|[0-9]+);/g;

const isXmlChar = (code: number) =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);

const codePoint = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;

/** The first character, raw or referenced, that XML 1.0 does not allow, as "U+0000"; null when there is none. */
function invalidCharacter(text: string): string | null {
  const raw = FORBIDDEN_RAW.exec(text);
  if (raw) return codePoint(raw[0].charCodeAt(0));
  for (const [, ref] of text.matchAll(CHARACTER_REFERENCE)) {
    const code = ref[0] === "x" ? parseInt(ref.slice(1), 16) : parseInt(ref, 10);
    if (!isXmlChar(code)) return Number.isFinite(code) && code <= 0x10ffff ? codePoint(code) : `&#${ref.slice(0, 12)};`;
  }
  return null;
}

/** The parser's first line, without its position details: enough to fix the document, short enough to echo back. */
const parserMessage = (message: string) => message.split("\n")[0].replace(/^\[xmldom [a-zA-Z]+\]\s*/, "").slice(0, MAX_PARSER_MESSAGE);

/**
 * Parse a DUIS document. Throws DuisFormatError for anything over MAX_DUIS_BYTES, not UTF-8, carrying a DOCTYPE or an
 * entity declaration, or not well-formed (xmldom's warnings count too: each is a well-formedness error in XML).
 */
export function parseDuisXml(input: string | Buffer): Document {
  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.length;
  if (size > MAX_DUIS_BYTES) throw new DuisFormatError(`The body is larger than ${MAX_DUIS_BYTES} bytes.`);
  const text = decode(input);
  // Refused before parsing, wherever they appear: no entity can then be defined, so none can be expanded or fetched.
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new DuisFormatError("DOCTYPE and ENTITY declarations are not accepted.");
  }
  const encoding = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(text)?.[1];
  if (encoding !== undefined && !/^(utf-8|us-ascii)$/i.test(encoding)) {
    throw new DuisFormatError(`The XML encoding ${encoding.slice(0, 20)} is not accepted: send UTF-8.`);
  }
  const badCharacter = invalidCharacter(text);
  if (badCharacter) throw new DuisFormatError(`The body is not well-formed XML: it holds the character ${badCharacter}, which XML forbids.`);
  // xmldom wraps whatever onError throws; the first problem it reported is the one worth telling.
  let problem: string | undefined;
  let doc: Document;
  try {
    doc = new DOMParser({
      locator: false,
      onError: (level, message) => {
        // U+FFFD is a legal character; xmldom only suspects an encoding slip.
        if (level === "warning" && message.includes("replacement character")) return;
        problem ??= parserMessage(message);
        throw new DuisFormatError(problem);
      },
    }).parseFromString(text, "application/xml");
  } catch (error) {
    throw new DuisFormatError(`The body is not well-formed XML: ${problem ?? parserMessage(String((error as Error)?.message ?? error))}`);
  }
  if (!doc.documentElement || doc.doctype) throw new DuisFormatError("The body is not an XML document.");
  return doc;
}

const isElement = (node: Node): node is Element => node.nodeType === Node.ELEMENT_NODE;

/** Element children of `parent`, in document order, in any namespace. */
export function childElements(parent: Element | Document): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) if (isElement(node)) out.push(node);
  return out;
}

/** Whether `el` is `<sr:localName>` (any local name when omitted). */
export const isSrElement = (el: Element, localName?: string) =>
  el.namespaceURI === DUIS_NS.sr && (localName === undefined || el.localName === localName);

/** Element children of `parent` in the sr namespace, optionally only those with `localName`. */
export const srChildren = (parent: Element, localName?: string) => childElements(parent).filter((el) => isSrElement(el, localName));

/** The first sr child element named `localName`, or null. */
export const srChild = (parent: Element, localName: string): Element | null => srChildren(parent, localName)[0] ?? null;

/** The first descendant of `parent` in namespace `ns` named `localName` (document order), or null. */
export function firstDescendant(parent: Element, ns: string, localName: string): Element | null {
  return parent.getElementsByTagNameNS(ns, localName).item(0) ?? null;
}

/** The element's text content, trimmed ("" for an empty element). */
export const textOf = (el: Element): string => (el.textContent ?? "").trim();

/** XML-escaped text, safe in element content and in double- or single-quoted attribute values. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}
