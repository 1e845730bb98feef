// Held requests are checked again when the DCC executes them (AB 6.1(f) at the execution time; P14: the device status
// too): a failure raises N7 instead of a Command.
import type { ServiceRequest } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { registrationsOf } from "@/lib/smi/registrations";
import { srvEntry } from "./catalogue";
import { EXECUTION_CHECKS, runNamedChecks } from "./checks";
import { readDuisRequest } from "./envelope";
import { parseDuisXml } from "./xml";

/** Why the request may no longer be executed, or null. */
export async function reexecutionFailure(tx: Tx, sr: ServiceRequest): Promise<string | null> {
  const read = readDuisRequest(parseDuisXml(sr.requestXml));
  if (!read.ok) return `The stored request no longer reads: ${read.problems.join("; ")}`;
  const party = await tx.party.findUniqueOrThrow({ where: { id: sr.partyId } });
  const device = sr.deviceId ? await tx.device.findUnique({ where: { id: sr.deviceId } }) : null;
  const at = sr.executeAt ?? sr.receivedAt;
  const registrations = sr.deviceId ? ((await registrationsOf(tx, [sr.deviceId], at)).get(sr.deviceId) ?? []) : [];
  const { failure } = runNamedChecks(EXECUTION_CHECKS, {
    endpoint: "serviceS",
    request: read.request,
    entry: srvEntry(sr.srv),
    party,
    certificateStatus: "VALID",
    receivedAt: at,
    requestIdUsed: false,
    device,
    deviceId: sr.deviceId,
    registrations,
  });
  return failure ? failure.reason : null;
}
