// A Service Request body as the flat name/value map the Device models read (lib/simulator/types.ts CommandInput).
// The body is taken from the stored request XML, so a Command answered minutes later sees what the User sent.
import { childElements, parseDuisXml, textOf, type Element } from "@/lib/duis/xml";

/** Leaf values below `element`: local names joined by ".", the n-th repeat of a name (n ≥ 1) written `Name[n]`. */
export function flattenElement(element: Element, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  const seen = new Map<string, number>();
  for (const child of childElements(element)) {
    const name = child.localName ?? child.nodeName;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    const key = `${prefix}${name}${n ? `[${n}]` : ""}`;
    const children = childElements(child);
    if (children.length) flattenElement(child, `${key}.`, out);
    else out[key] = textOf(child);
  }
  return out;
}

/** The values of the SR element in a stored DUIS request (sr:Request/sr:Body/<SR element>), or {} if it has none. */
export function requestParams(requestXml: string): Record<string, string> {
  const doc = parseDuisXml(requestXml);
  const request = doc.documentElement;
  if (!request) return {};
  const body = childElements(request).find((el) => el.localName === "Body");
  const sr = body ? childElements(body)[0] : undefined;
  return sr ? flattenElement(sr) : {};
}

/** Every value under a repeated element: `list(params, "Rule", "Price")` reads Rule.Price, Rule[1].Price, ... */
export function repeated(params: Record<string, string>, element: string, leaf: string): string[] {
  const values: string[] = [];
  for (let i = 0; ; i++) {
    const value = params[`${element}${i ? `[${i}]` : ""}.${leaf}`];
    if (value === undefined) return values;
    values.push(value);
  }
}
