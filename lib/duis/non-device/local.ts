// Local delivery (processing.md §3.6, inventory.md §4.4): a Command Variant 2 request gets its Command back at once
// for the Supplier's hand-held terminal, and 8.13 returns what the device answered on the HAN.
import { parseRequestId, type DuisRequest } from "../envelope";
import { CODE } from "../codes";
import { bodyDigest, encodeCommand } from "../gbcs";
import { childText, NonDeviceError, ok, srElement, type NonDeviceContext, type NonDeviceResult } from "./context";

/**
 * Local delivery (Command Variants 2, 3, 6, 7): the Command in a LocalCommand, sent only to the Supplier (E17 for any
 * other User Role). It is this DCC's GBCS payload (lib/duis/gbcs.ts), or for a Signed Pre-Command the payload the User
 * signed, which the Device checks.
 */
export function localCommand({ actor, request }: NonDeviceContext): NonDeviceResult {
  if (!actor.roles.some((role) => role === "IS" || role === "GS")) {
    throw new NonDeviceError(CODE.E17, `Commands for local delivery are sent only to the Supplier; ${actor.partyName} holds ${actor.roles.join(", ") || "no User Role"}.`);
  }
  return ok(localCommandXml(request));
}

/** The LocalCommand element of a request the Supplier may have it for. */
export function localCommandXml(request: DuisRequest): string {
  const payload =
    request.signedPreCommand?.gbcsPayload ??
    encodeCommand({
      requestId: request.requestId,
      srv: request.srv,
      deviceId: request.targetEui,
      bodyDigest: bodyDigest(request.body.toString()),
      ...(request.executionDateTime && !request.isCancellation ? { executionDateTime: request.executionDateTime } : {}),
    }).toString("base64");
  return `<sr:LocalCommand>${srElement("GBCSPayload", payload)}</sr:LocalCommand>`;
}

/**
 * 8.13: the device's response to a locally delivered Command. This DCC does not decode GBCS, so the response changes
 * nothing in the SMI; it is kept with the request (docs/decisions.md). It may not answer another User's request.
 */
export async function returnLocalCommandResponse({ tx, actor, request }: NonDeviceContext): Promise<NonDeviceResult> {
  const original = parseRequestId(childText(request.body, "OriginalRequestID") ?? "");
  if (original) {
    const answered = await tx.serviceRequest.findUnique({ where: { requestId: original.requestId }, select: { partyId: true } });
    if (answered && answered.partyId !== actor.partyId) throw new NonDeviceError(CODE.E4, `Request ${original.requestId} is another User's.`);
  }
  return ok();
}
