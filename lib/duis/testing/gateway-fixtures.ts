// A DCC with its SMKI and a dual-fuel premises, for tests of the DUIS gateway: requests are built, signed with the
// sender's stored key and sent through the one edge the HTTP endpoints use.
import type { Party } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { issueOrgCertificates, signingKeyFor } from "@/lib/smki/keys";
import { makeParty } from "@/lib/testing/fixtures";
import { makePremises, makePremisesParties } from "@/lib/testing/smi-fixtures";
import { ENDPOINT_FOR_CV, srvEntry } from "../catalogue";
import { submitXml } from "../gateway";
import { signPreCommand } from "../gbcs";
import { freshCounter, readAnswer, signedPreCommandXml } from "../requests";
import { signDuis } from "../signature";
import { DUIS_NS } from "../xml";

export const DCC_EUI = "90B3D51F30000002";

/** A party with its Organisation Certificates (keys held by the portal, as for the demo parties). */
export async function partyWithCertificates(opts: Parameters<typeof makeParty>[0] = {}) {
  const party = await makeParty(opts);
  await issueOrgCertificates(db(), party);
  return party;
}

/** The DCC (signs every response) and a dual-fuel premises whose supplier, distributor and transporter hold keys. */
export async function gatewayWorld() {
  const dcc = await db().party.update({ where: { id: (await makeParty({ isDcc: true })).id }, data: { eui64: DCC_EUI } });
  await issueOrgCertificates(db(), dcc);
  const parties = await makePremisesParties();
  for (const id of [parties.electricitySupplierId, parties.distributorId, parties.transporterId]) await issueOrgCertificates(db(), await db().party.findUniqueOrThrow({ where: { id } }));
  const premises = await makePremises({ parties });
  const party = (id: string) => db().party.findUniqueOrThrow({ where: { id } });
  return { dcc, premises, supplier: await party(parties.electricitySupplierId), distributor: await party(parties.distributorId), transporter: await party(parties.transporterId) };
}

export interface RequestSpec {
  from: Pick<Party, "eui64">;
  /** Device ID, or the DCC for Non-Device requests. */
  to: string;
  srv: string;
  /** The SR element, e.g. `<sr:ReadInstantaneousImportRegisters/>`. */
  body: string;
  commandVariant?: number;
  counter?: string;
}

export function requestXml(spec: RequestSpec): string {
  const entry = srvEntry(spec.srv);
  const serviceReference = entry?.serviceReference ?? spec.srv.split(".").slice(0, 2).join(".");
  const cv = spec.commandVariant ?? (entry?.nonDevice ? 8 : entry?.critical ? 4 : 1);
  return (
    `<?xml version="1.0" encoding="UTF-8"?><sr:Request xmlns:sr="${DUIS_NS.sr}" xmlns:ds="${DUIS_NS.ds}" schemaVersion="5.4"><sr:Header>` +
    `<sr:RequestID>${formatEui64(spec.from.eui64)}:${formatEui64(spec.to)}:${spec.counter ?? freshCounter()}</sr:RequestID>` +
    `<sr:CommandVariant>${cv}</sr:CommandVariant><sr:ServiceReference>${serviceReference}</sr:ServiceReference>` +
    `<sr:ServiceReferenceVariant>${spec.srv}</sr:ServiceReferenceVariant></sr:Header><sr:Body>${spec.body}</sr:Body></sr:Request>`
  );
}

/** Signs with the party's stored XML-signing key. */
export async function signAs(party: Pick<Party, "eui64">, xml: string): Promise<string> {
  const key = await signingKeyFor(db(), party.eui64, "XML_SIGNING");
  if (!key) throw new Error(`no XML-signing key for ${party.eui64}`);
  return signDuis(xml, key);
}

/** Builds, signs and sends a request to the web service of its Command Variant (or `endpoint`). */
export async function send(spec: RequestSpec & { endpoint?: "serviceS" | "serviceT" | "serviceD" }) {
  const xml = await signAs(spec.from, requestXml(spec));
  const cv = Number(/<sr:CommandVariant>(\d+)</.exec(xml)![1]);
  return submitXml(spec.endpoint ?? ENDPOINT_FOR_CV[cv], xml);
}

/**
 * A Critical request as a User's system sends it: Transform, then the Pre-Command signed with the sender's Digital
 * Signing key and sent back as the Signed Pre-Command. Returns the answer that ended it (the Transform's if refused).
 */
export async function sendCritical(from: Party, to: string, srv: string, body: string, spcVariant: 5 | 6 | 7 = 5): Promise<{ code: string | null; serviceRequestId: string | null | undefined }> {
  const xml = requestXml({ from, to, srv, body });
  const transform = await submitXml("serviceT", await signAs(from, xml));
  const { code, preCommandPayload } = readAnswer(transform.xml!);
  if (code !== "I0") return { code, serviceRequestId: transform.serviceRequestId };
  const key = await signingKeyFor(db(), from.eui64, "DIGITAL_SIGNING");
  const spc = signedPreCommandXml(xml, signPreCommand(Buffer.from(preCommandPayload!, "base64"), key!.privateKey).toString("base64"), spcVariant);
  const answer = await submitXml(ENDPOINT_FOR_CV[spcVariant], await signAs(from, spc));
  return { code: readAnswer(answer.xml!).code, serviceRequestId: answer.serviceRequestId };
}
