// Sending from the portal (issue 11 item 9) through the one gateway pipeline the DUIS endpoints use. A party whose
// keys the portal holds (the demo parties) has its requests and Signed Pre-Commands signed here; any other party gets
// the unsigned XML to sign with its own tools and uploads the signed document.
import type { Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { signingKeyFor } from "@/lib/smki/keys";
import { ENDPOINT_FOR_CV } from "./catalogue";
import { RESPONSE_CODES } from "./codes";
import { buildRequest, composeSchema, type ComposeInput, type ComposedRequest } from "./composer";
import { readDuisRequest } from "./envelope";
import { submitXml, type GatewayAnswer } from "./gateway";
import { signPreCommand } from "./gbcs";
import { readAnswer, signedPreCommandXml } from "./requests";
import { signDuis } from "./signature";
import { DuisFormatError, parseDuisXml } from "./xml";

/** Sent: the request's page. Not signed here: the XML to sign elsewhere. */
export type SendResult = { sent: true; serviceRequestId: string; code: string } | { sent: false; request: ComposedRequest };

const codeMeaning = (code: string) => RESPONSE_CODES[code as keyof typeof RESPONSE_CODES] ?? "";

/** The gateway's answer as the portal tells it: the stored request, or why nothing of the user's was stored. */
function outcomeOf(answer: GatewayAnswer): { serviceRequestId: string; code: string } {
  if (answer.status === 202) {
    throw new AppError(
      "INVALID",
      "The DCC rejected the request silently: its signature does not verify with a certificate the DCC knows as yours. Nothing was recorded for your organisation.",
    );
  }
  if (answer.status === 503) throw new AppError("BUSY", answer.text ?? "The DCC gateway is busy: try again shortly.");
  if (answer.status !== 200) throw new AppError("INVALID", `The DCC could not read the request: ${answer.text ?? "not a DUIS request"}`);
  const code = readAnswer(answer.xml!).code ?? "";
  if (!answer.serviceRequestId) throw new AppError("INVALID", `The DCC answered ${code}: ${codeMeaning(code) || "the request was refused."} Nothing was stored.`);
  return { serviceRequestId: answer.serviceRequestId, code };
}

/**
 * Build the request from the composer's form as the actor's party. With the party's XML-signing key in the portal
 * (demo mode) it is signed and submitted to the web service of its Command Variant; otherwise it is returned unsigned.
 */
export async function sendComposedRequest(actor: Actor, input: ComposeInput | Record<string, unknown>): Promise<SendResult> {
  authorize(actor, "service-request.send");
  const request = buildRequest(composeSchema.parse(input), actor.partyEui64);
  const key = await signingKeyFor(db(), actor.partyEui64, "XML_SIGNING");
  if (!key) return { sent: false, request };
  const answer = await submitXml(request.endpoint, signDuis(request.xml, key), { accountId: actor.accountId });
  return { sent: true, ...outcomeOf(answer) };
}

/**
 * Sign and send the Pre-Command of one of the party's Critical requests (demo mode): the payload is signed with the
 * party's Digital Signing key, the Signed Pre-Command (same RequestID, CV 5) with its XML-signing key, and it goes to
 * Send Command.
 */
export async function signAndSendPreCommand(actor: Actor, input: { id: string }): Promise<{ serviceRequestId: string; code: string }> {
  const found = await db().serviceRequest.findUnique({ where: { id: String(input.id ?? "") }, select: { id: true, partyId: true, status: true, preCommandPayload: true, requestXml: true, requestId: true } });
  // Sending is the party's own: another party's request, even one the actor may view, is not found for this.
  const request = authorizeResource(actor, "service-request.send", found, "That Service Request");
  if (request.status !== "PRE_COMMAND_ISSUED" || !request.preCommandPayload) {
    throw new AppError("CONFLICT", `Service Request ${request.requestId} is not waiting for a Signed Pre-Command.`);
  }
  const [digital, xml] = await Promise.all([signingKeyFor(db(), actor.partyEui64, "DIGITAL_SIGNING"), signingKeyFor(db(), actor.partyEui64, "XML_SIGNING")]);
  if (!digital || !xml) {
    throw new AppError("INVALID", "The portal holds no signing keys of your organisation: sign the Pre-Command with your own tools and upload the Signed Pre-Command.");
  }
  const signedPayload = signPreCommand(Buffer.from(request.preCommandPayload, "base64"), digital.privateKey).toString("base64");
  const spc = signDuis(signedPreCommandXml(request.requestXml, signedPayload), xml);
  return outcomeOf(await submitXml("serviceS", spc, { accountId: actor.accountId }));
}

const MAX_UPLOAD_CHARACTERS = 1024 * 1024;

/**
 * A request or Signed Pre-Command the party signed with its own tools, submitted as its party to the web service of
 * its Command Variant. It must be sent as the actor's party; its problems are listed together.
 */
export async function sendSignedRequest(actor: Actor, input: { xml: string }): Promise<{ serviceRequestId: string; code: string }> {
  authorize(actor, "service-request.send");
  const body = String(input.xml ?? "");
  if (!body.trim()) throw new AppError("INVALID", "Choose the signed XML file to upload.", { xml: "Choose the signed XML file." });
  if (body.length > MAX_UPLOAD_CHARACTERS) throw new AppError("INVALID", "The file is larger than a DUIS request can be (1 MB).", { xml: "At most 1 MB." });
  let read: ReturnType<typeof readDuisRequest>;
  try {
    read = readDuisRequest(parseDuisXml(body));
  } catch (error) {
    if (error instanceof DuisFormatError) throw new AppError("INVALID", error.message, { xml: error.message });
    throw error;
  }
  if (!read.ok) throw new AppError("INVALID", `The file is not a DUIS request: ${read.problems.join(" ")}`, { xml: read.problems.join(" ") });
  if (read.request.originatorEui !== actor.partyEui64) {
    const message = `The request is sent as ${formatEui64(read.request.originatorEui)}; you can only send as ${actor.partyName} (${formatEui64(actor.partyEui64)}).`;
    throw new AppError("INVALID", message, { xml: message });
  }
  const endpoint = ENDPOINT_FOR_CV[read.request.commandVariant];
  return outcomeOf(await submitXml(endpoint, body, { accountId: actor.accountId }));
}

/** Whether the portal signs for the actor's party (demo mode): it holds both its XML-signing and Digital Signing keys. */
export async function signsForParty(actor: Actor): Promise<{ xml: boolean; digital: boolean }> {
  const [xml, digital] = await Promise.all([signingKeyFor(db(), actor.partyEui64, "XML_SIGNING"), signingKeyFor(db(), actor.partyEui64, "DIGITAL_SIGNING")]);
  return { xml: !!xml, digital: !!digital };
}
