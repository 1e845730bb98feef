// The DUIS edge (issue 11 item 1): XML in, XML out. It parses (XXE-safe), checks the signature before anything else
// so that nobody unauthenticated learns anything (a failure is a silent reject: 202, empty, recorded), reads the
// header, and hands the typed request to the one pipeline. The pipeline never sees XML it has to trust.
import crypto from "node:crypto";
import type { Document } from "@xmldom/xmldom";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { certificateStatus, normaliseSerial } from "@/lib/smki/keys";
import { signedAnswer } from "./answers";
import { CODE } from "./codes";
import { readDuisRequest } from "./envelope";
import { submit, type Endpoint, type SubmittingParty } from "./pipeline";
import { signatureKeyInfo, verifyDuisSignature } from "./signature";
import { DUIS_NS, DuisFormatError, parseDuisXml } from "./xml";
import { validateAgainstXsd } from "./xsd";

export interface GatewayAnswer {
  /** 200 with an sr:Response; 202 silent reject (empty); 400 not a DUIS request; 503 busy. */
  status: 200 | 202 | 400 | 503;
  xml?: string;
  text?: string;
  serviceRequestId?: string | null;
  /** The sender's party, once the signature proved it. */
  partyId?: string;
}

/** Requests being processed in this process; beyond this the gateway answers 503 rather than queue without bound. */
const MAX_IN_FLIGHT = 2_000;
let inFlight = 0;

async function silentReject(endpoint: Endpoint, body: string, reason: string, requestId: string | null, remoteAddress?: string): Promise<GatewayAnswer> {
  await db().silentReject.create({
    data: { receivedAt: now(), endpoint, reason, requestId: requestId?.slice(0, 200) ?? null, requestXml: body.slice(0, 65_536), remoteAddress: remoteAddress?.slice(0, 100) ?? null },
  });
  return { status: 202 };
}

/**
 * Public keys by certificate PEM: parsing a certificate costs more than verifying a signature, and a certificate's
 * PEM never changes (revocation and validity are read from its row on every request).
 */
const publicKeys = new Map<string, crypto.KeyObject>();
const MAX_CACHED_KEYS = 10_000;

function publicKeyOf(pem: string): crypto.KeyObject {
  let key = publicKeys.get(pem);
  if (!key) {
    if (publicKeys.size >= MAX_CACHED_KEYS) publicKeys.clear();
    publicKeys.set(pem, (key = new crypto.X509Certificate(pem).publicKey));
  }
  return key;
}

interface SignerCertificate {
  usage: string;
  pem: string;
  eui64: string;
  notBefore: Date;
  notAfter: Date;
  revokedAt: Date | null;
  party: SubmittingParty | null;
}

/**
 * The certificates (with their parties) that requests arriving together name, in one read: this runs for every
 * request. Read fresh every time (revocation, validity and the party's roles change); raw, since Prisma compiles each
 * model query anew at a cost above the query's own.
 */
interface CertificateWait {
  serial: string;
  resolve: (c: SignerCertificate | null) => void;
  reject: (e: unknown) => void;
}
let waitingForCertificates: CertificateWait[] | null = null;

function certificateBySerial(serial: string): Promise<SignerCertificate | null> {
  return new Promise((resolve, reject) => {
    if (!waitingForCertificates) {
      const batch: CertificateWait[] = [];
      waitingForCertificates = batch;
      setImmediate(() => {
        waitingForCertificates = null;
        readCertificates(batch.map((w) => w.serial)).then(
          (found) => batch.forEach((w) => w.resolve(found.get(w.serial) ?? null)),
          (error) => batch.forEach((w) => w.reject(error)),
        );
      });
    }
    waitingForCertificates.push({ serial, resolve, reject });
  });
}

async function readCertificates(serials: string[]): Promise<Map<string, SignerCertificate>> {
  const rows = await db().$queryRaw<(Omit<SignerCertificate, "party"> & { serial: string; partyId: string | null; partyEui64: string; name: string; roles: SubmittingParty["roles"]; isDcc: boolean; suspendedAt: Date | null; suspensionReason: string | null })[]>`
    SELECT c.serial, c.usage::text, c.pem, c.eui64, c."notBefore", c."notAfter", c."revokedAt", c."partyId", p.eui64 AS "partyEui64", p.name, p.roles::text[], p."isDcc",
      p."suspendedAt", p."suspensionReason"
    FROM "OrgCertificate" c LEFT JOIN "Party" p ON p.id = c."partyId"
    WHERE c.serial = ANY(${[...new Set(serials)]}::text[])`;
  return new Map(
    rows.map(({ serial, partyId, partyEui64, name, roles, isDcc, suspendedAt, suspensionReason, ...certificate }) => [
      serial,
      { ...certificate, party: partyId ? { id: partyId, eui64: partyEui64, name, roles, isDcc, suspendedAt, suspensionReason } : null },
    ]),
  );
}

/** What the header names even when the request fails Verify: enough to address the answer. */
function headerText(doc: Document, name: string): string | undefined {
  const element = doc.getElementsByTagNameNS(DUIS_NS.sr, name)[0];
  return element?.textContent?.trim() || undefined;
}

export async function submitXml(endpoint: Endpoint, body: string, meta: { remoteAddress?: string; accountId?: string } = {}): Promise<GatewayAnswer> {
  if (inFlight >= MAX_IN_FLIGHT) return { status: 503, text: "The DCC gateway is busy: retry shortly." };
  inFlight++;
  try {
    return await handle(endpoint, body, meta);
  } finally {
    inFlight--;
  }
}

async function handle(endpoint: Endpoint, body: string, meta: { remoteAddress?: string; accountId?: string }): Promise<GatewayAnswer> {
  let doc: Document;
  try {
    doc = parseDuisXml(body);
  } catch (error) {
    if (error instanceof DuisFormatError) return { status: 400, text: error.message };
    throw error;
  }
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== DUIS_NS.sr || root.localName !== "Request") return { status: 400, text: "Not a DUIS request: the root element must be sr:Request." };
  const receivedAt = now();
  const claimedRequestId = headerText(doc, "RequestID") ?? null;

  // Check Cryptographic Protection first (AB 6.1(d), silent on failure: AB 6.3).
  const keyInfo = signatureKeyInfo(doc);
  if (!keyInfo) return silentReject(endpoint, body, "No signature (or no certificate serial in KeyInfo).", claimedRequestId, meta.remoteAddress);
  const serial = normaliseSerial(keyInfo.serial);
  const certificate = serial ? await certificateBySerial(serial) : null;
  if (!certificate || certificate.usage !== "XML_SIGNING" || !certificate.party) {
    return silentReject(endpoint, body, `Certificate serial ${keyInfo.serial.slice(0, 50)} is not a known XML-signing certificate.`, claimedRequestId, meta.remoteAddress);
  }
  if (!verifyDuisSignature(body, publicKeyOf(certificate.pem), doc)) return silentReject(endpoint, body, "The signature does not verify.", claimedRequestId, meta.remoteAddress);

  const read = readDuisRequest(doc);
  if (!read.ok) {
    const serviceReference = headerText(doc, "ServiceReference");
    const srv = headerText(doc, "ServiceReferenceVariant");
    if (!serviceReference || !srv) return { status: 400, text: `Not a DUIS request: ${read.problems.join("; ")}` };
    const xml = await signedAnswer({ requestId: read.requestId, code: CODE.VERIFY, at: receivedAt, body: { message: { serviceReference, srv } } });
    return { status: 200, xml, serviceRequestId: null, partyId: certificate.party.id };
  }
  // The certificate must be the originator's own: a request signed by another party's key is not authentic.
  if (read.request.originatorEui !== certificate.eui64) {
    return silentReject(endpoint, body, `Signed with ${certificate.eui64}'s certificate but sent as ${read.request.originatorEui}.`, claimedRequestId, meta.remoteAddress);
  }
  const party = certificate.party;
  const xsdProblems = (await validateAgainstXsd(body)) ?? undefined;
  const outcome = await submit({
    endpoint,
    xml: body,
    request: read.request,
    party,
    accountId: meta.accountId ?? null,
    certificateStatus: certificateStatus(certificate, receivedAt),
    receivedAt,
    xsdProblems: xsdProblems?.length ? xsdProblems : undefined,
  });
  if (outcome.silent) return silentReject(endpoint, body, outcome.reason, claimedRequestId, meta.remoteAddress);
  return { status: 200, xml: outcome.answerXml, serviceRequestId: outcome.serviceRequestId, partyId: party.id };
}
