// A simulated User's system sending one Service Request through the real gateway, as its party: signed with the
// party's XML-signing key the portal holds (the demo parties'), checked by the same edge as any User's request, and
// for a Critical one, its Pre-Command signed with the party's Digital Signing key and sent back as the Signed
// Pre-Command, as lib/duis/send-service-request.ts does for the portal's composer.
import { ENDPOINT_FOR_CV, srvEntry } from "@/lib/duis/catalogue";
import { requestXml } from "@/lib/duis/composer";
import { submitXml } from "@/lib/duis/gateway";
import { signPreCommand } from "@/lib/duis/gbcs";
import { freshCounter, readAnswer, signedPreCommandXml } from "@/lib/duis/requests";
import { REFERENCE_EUI } from "@/lib/duis/reference-users";
import { signDuis } from "@/lib/duis/signature";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { signingKeyFor, type SigningKey } from "@/lib/smki/keys";
import type { Sender } from "./targets";

export interface TrafficRequest {
  from: Sender;
  srv: string;
  /** The Device ID, or null for a Non-Device request (sent to the DCC). */
  to: string | null;
  /** The SR element, e.g. `<sr:ReadSupplyStatus/>`. */
  body: string;
}

/** The unsigned DUIS request: Command Variant 8 for Non-Device, 4 (Transform first) for Critical, 1 otherwise. */
export function trafficXml(request: TrafficRequest): { xml: string; endpoint: "serviceS" | "serviceT" | "serviceD"; critical: boolean } {
  const entry = srvEntry(request.srv);
  if (!entry) throw new Error(`SRV ${request.srv} is not in the catalogue.`);
  const commandVariant = entry.nonDevice ? 8 : entry.critical ? 4 : 1;
  const requestId = `${formatEui64(request.from.eui64)}:${formatEui64(request.to ?? REFERENCE_EUI.dcc)}:${freshCounter()}`;
  const xml = requestXml({ requestId, commandVariant, serviceReference: entry.serviceReference, srv: entry.srv }, request.body);
  return { xml, endpoint: ENDPOINT_FOR_CV[commandVariant], critical: entry.critical && !entry.nonDevice };
}

/** The keys of the parties a tick sends as, read once per tick. */
export function keyRing() {
  const keys = new Map<string, Promise<{ xml: SigningKey | null; digital: SigningKey | null }>>();
  return (eui64: string) => {
    let found = keys.get(eui64);
    if (!found) {
      found = Promise.all([signingKeyFor(db(), eui64, "XML_SIGNING"), signingKeyFor(db(), eui64, "DIGITAL_SIGNING")]).then(([xml, digital]) => ({ xml, digital }));
      keys.set(eui64, found);
    }
    return found;
  };
}
export type KeyRing = ReturnType<typeof keyRing>;

/** What became of a request: accepted (I0, I99 or a warning) or refused (an E code, a silent reject, busy). */
export type Sent = { accepted: boolean; code: string | null; serviceRequestId: string | null };

const acceptedCode = (code: string | null) => !!code && !code.startsWith("E");

/** Signs and submits a request built by trafficXml (or the composer) as its party; a Critical one with its SPC. */
export async function sendTraffic(request: { from: Sender; xml: string; endpoint: "serviceS" | "serviceT" | "serviceD"; critical: boolean }, keys: KeyRing): Promise<Sent> {
  const { xml: signingKey, digital } = await keys(request.from.eui64);
  // A party whose keys the portal does not hold cannot be simulated: nothing is sent.
  if (!signingKey) return { accepted: false, code: null, serviceRequestId: null };
  const { xml, endpoint, critical } = request;
  const answer = await submitXml(endpoint, signDuis(xml, signingKey));
  if (answer.status !== 200 || !answer.xml) return { accepted: false, code: null, serviceRequestId: null };
  const { code, preCommandPayload } = readAnswer(answer.xml);
  const serviceRequestId = answer.serviceRequestId ?? null;
  if (!critical || !preCommandPayload) return { accepted: acceptedCode(code), code, serviceRequestId };
  if (!digital) return { accepted: false, code, serviceRequestId };
  const signedPayload = signPreCommand(Buffer.from(preCommandPayload, "base64"), digital.privateKey).toString("base64");
  const spc = await submitXml("serviceS", signDuis(signedPreCommandXml(xml, signedPayload), signingKey));
  const spcCode = spc.status === 200 && spc.xml ? readAnswer(spc.xml).code : null;
  return { accepted: acceptedCode(spcCode), code: spcCode, serviceRequestId };
}
