// What a DUIS client does to a request before sending it, shared by the CLI, the composer and the template replay:
// give it a fresh counter, move its execution time, build the Signed Pre-Command that completes a Critical request,
// and read what an answer says.
import crypto from "node:crypto";
import { XMLSerializer } from "@xmldom/xmldom";
import { DUIS_NS, childElements, firstDescendant, parseDuisXml, srChild, textOf, type Element } from "./xml";

const serialize = (node: Parameters<XMLSerializer["serializeToString"]>[0]) => new XMLSerializer().serializeToString(node);

function headerOf(xml: string) {
  const doc = parseDuisXml(xml);
  const header = srChild(doc.documentElement as Element, "Header");
  if (!header) throw new Error("not a DUIS request: no sr:Header");
  return { doc, header };
}

/**
 * A counter no earlier request of this process used: epoch milliseconds and three random digits (below 2^64), so two
 * processes sending as one party in the same millisecond rarely collide (a collision is refused as a replay, E41).
 */
let lastCounter = 0n;
export function freshCounter(): string {
  const candidate = BigInt(Date.now()) * 1000n + BigInt(crypto.randomInt(1000));
  lastCounter = candidate > lastCounter ? candidate : lastCounter + 1n;
  return lastCounter.toString();
}

export function withCounter(xml: string, counter: string = freshCounter()): string {
  const { doc, header } = headerOf(xml);
  const requestId = srChild(header, "RequestID")!;
  requestId.textContent = textOf(requestId).replace(/:[^:]*$/, `:${counter}`);
  return serialize(doc);
}

/** Moves every ExecutionDateTime in the body except the cancellation marker (3000-12-31T00:00:00Z). */
export function withExecutionDateTime(xml: string, at: Date): string {
  const doc = parseDuisXml(xml);
  const times = doc.getElementsByTagNameNS(DUIS_NS.sr, "ExecutionDateTime");
  for (let i = 0; i < times.length; i++) {
    const element = times.item(i)!;
    if (!textOf(element).startsWith("3000-12-31")) element.textContent = at.toISOString();
  }
  return serialize(doc);
}

export function requestIdOf(xml: string): string {
  return textOf(srChild(headerOf(xml).header, "RequestID")!);
}

/** The Signed Pre-Command request completing a Critical request: same RequestID and SRV, CV 5 (6 or 7 for local delivery). */
export function signedPreCommandXml(requestXml: string, signedPayload: string, commandVariant: 5 | 6 | 7 = 5): string {
  const { doc, header } = headerOf(requestXml);
  srChild(header, "CommandVariant")!.textContent = String(commandVariant);
  const root = doc.documentElement as Element;
  const body = srChild(root, "Body")!;
  const original = childElements(body)[0];
  const executionDateTime = original ? firstDescendant(original, DUIS_NS.sr, "ExecutionDateTime") : null;
  while (body.firstChild) body.removeChild(body.firstChild);
  const spc = doc.createElementNS(DUIS_NS.sr, "sr:SignedPreCommand");
  if (executionDateTime) {
    const copy = doc.createElementNS(DUIS_NS.sr, "sr:ExecutionDateTime");
    copy.textContent = textOf(executionDateTime);
    spc.appendChild(copy);
  }
  const payload = doc.createElementNS(DUIS_NS.sr, "sr:GBCSPayload");
  payload.textContent = signedPayload;
  spc.appendChild(payload);
  body.appendChild(spc);
  const signature = childElements(root).find((el) => el.namespaceURI === DUIS_NS.ds);
  if (signature) root.removeChild(signature);
  return serialize(doc);
}

/** What an sr:Response says: its code and, for a Transform, the Pre-Command's GBCS payload. */
export function readAnswer(xml: string): { code: string | null; preCommandPayload: string | null; requestId: string | null } {
  const doc = parseDuisXml(xml);
  const first = (name: string) => {
    const element = doc.getElementsByTagNameNS(DUIS_NS.sr, name).item(0);
    return element ? textOf(element) : null;
  };
  const preCommand = doc.getElementsByTagNameNS(DUIS_NS.sr, "PreCommand").item(0);
  const payload = preCommand ? srChild(preCommand, "GBCSPayload") : null;
  return { code: first("ResponseCode"), preCommandPayload: payload ? textOf(payload) : null, requestId: first("RequestID") };
}
