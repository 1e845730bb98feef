// Non-Device requests for unit tests: built as the envelope reader gives them (the body checked by Verify, as the
// pipeline does first), executed in a transaction of their own, refusals read as the DUIS code the pipeline answers.
import type { Actor } from "@/lib/auth/actor";
import { prepareDuisQueues } from "../duis-jobs";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { srvEntry } from "../catalogue";
import { readDuisRequest, type DuisRequest } from "../envelope";
import { deviceIdNamedBy, executeNonDevice, NonDeviceError, nonDeviceErrorCode, type NonDeviceResult } from "../non-device";
import { verifyBody } from "../verify";
import { DUIS_NS, parseDuisXml } from "../xml";

export const DCC_EUI = "90-B3-D5-1F-30-00-00-02";
let counter = 0;

/** `<sr:name>value</sr:name>`, value as given (test bodies are written by hand). */
export const el = (name: string, value: string) => `<sr:${name}>${value}</sr:${name}>`;

export function duisRequest(actor: Actor, srv: string, body: string, cv = 8, target = DCC_EUI): DuisRequest {
  const xml =
    `<sr:Request xmlns:sr="${DUIS_NS.sr}" schemaVersion="5.4"><sr:Header>` +
    `<sr:RequestID>${formatEui64(actor.partyEui64)}:${target}:${++counter}</sr:RequestID><sr:CommandVariant>${cv}</sr:CommandVariant>` +
    `<sr:ServiceReference>${srvEntry(srv)!.serviceReference}</sr:ServiceReference><sr:ServiceReferenceVariant>${srv}</sr:ServiceReferenceVariant>` +
    `</sr:Header><sr:Body>${body}</sr:Body></sr:Request>`;
  const read = readDuisRequest(parseDuisXml(xml));
  if (!read.ok) throw new Error(read.problems.join("; "));
  const problems = verifyBody(srv, read.request.body);
  if (problems.length) throw new Error(`Verify: ${problems.join("; ")}`);
  return read.request;
}

export async function sendNonDevice(actor: Actor, srv: string, body: string, cv = 8): Promise<NonDeviceResult> {
  const request = duisRequest(actor, srv, body, cv);
  const deviceId = deviceIdNamedBy(request);
  // 11.1 queues the image's delivery to each device: the queue is started before the transaction, as the pipeline does.
  await prepareDuisQueues();
  return db().$transaction(async (tx) => {
    const device = deviceId ? await tx.device.findUnique({ where: { id: deviceId } }) : null;
    return executeNonDevice({ tx, actor, request, device, receivedAt: now(), serviceRequestId: "test" });
  });
}

/** The code a refusal is answered with (NonDeviceError's own, or the AppError's mapped); rethrows anything else. */
export function refusalCode(srv: string, error: unknown): string {
  if (error instanceof NonDeviceError) return error.code;
  if (error instanceof AppError) return nonDeviceErrorCode(srv, error);
  throw error;
}

/** The code the request gets: its result's, or its refusal's. */
export const codeOf = (actor: Actor, srv: string, body: string, cv = 8): Promise<string> =>
  sendNonDevice(actor, srv, body, cv).then(
    (result) => result.code,
    (error) => refusalCode(srv, error),
  );
