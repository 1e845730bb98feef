// The asynchronous half of the gateway on the durable queue (issue 11 item 10): Commands to Devices and their Service
// Responses, future-dated (DSP) executions, DCC Schedules and the 3-month purge. Work items are enqueued in the
// transaction that stores the request, and each step is a guarded status change, so a worker that dies mid-batch
// loses nothing and repeats nothing: its jobs are retried and finish what the status says is left.
import type { Prisma } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { enqueueJobs, prepareToEnqueue, type WorkQueue } from "@/lib/jobs/queue";
import { answerCommands, handleEvents } from "@/lib/simulator/engine";
import type { DeviceEvent } from "@/lib/simulator/types";
import { ALERT_RESPONSE_CODE, signedAnswer } from "./answers";
import { RESPONSE_DELIVERY_QUEUE } from "./delivery";
import { reexecutionFailure } from "./execution";

interface ServiceRequestJob {
  serviceRequestId: string;
}

/** A Command for the Device; `attempt` (default 1) counts the re-sends of processing.md §5.2. */
export interface DeviceCommandJob extends ServiceRequestJob {
  attempt?: number;
}

/**
 * Commands to Devices, answered by the device simulator (lib/simulator/engine.ts). A future-dated (Device) Command
 * is answered at its execution time (the job starts then).
 */
export const DEVICE_COMMAND_QUEUE: WorkQueue<DeviceCommandJob> = {
  name: "duis-device-command",
  batchSize: 200,
  // A batch takes well under a second: a claim held this long is a crashed worker's, and the batch goes to another.
  timeoutSeconds: 30,
  run: (items) => answerCommands(items),
};

/** Something a simulated device does on its own, later (a join completing, a firmware activation, an injection). */
export interface SimEventJob {
  /** Unique per event: the device applies each once, however often its job runs. */
  eventId: string;
  deviceId: string;
  event: DeviceEvent;
  /** The User whose request led to it, for alerts addressed to the sender. */
  senderPartyId: string | null;
  requestId: string | null;
}

export const SIM_EVENT_QUEUE: WorkQueue<SimEventJob> = {
  name: "sim-device-event",
  batchSize: 100,
  timeoutSeconds: 60,
  run: (items) => handleEvents(items),
};

/** Future-dated (DSP) requests at their execution time: eligibility re-checked (N7 when it fails), then sent. */
export const FUTURE_DATED_QUEUE: WorkQueue<ServiceRequestJob> = {
  name: "duis-future-dated",
  batchSize: 50,
  timeoutSeconds: 120,
  run: (items) => executeFutureDated(items.map((i) => i.serviceRequestId)),
};

export const DUIS_QUEUES: WorkQueue[] = [DEVICE_COMMAND_QUEUE as WorkQueue, FUTURE_DATED_QUEUE as WorkQueue, RESPONSE_DELIVERY_QUEUE as WorkQueue, SIM_EVENT_QUEUE as WorkQueue];

/** Call before opening a transaction that enqueues DUIS work (see prepareToEnqueue). */
export const prepareDuisQueues = () => prepareToEnqueue(DUIS_QUEUES);

export function enqueueDuisJobs<T extends object>(tx: Tx, queue: WorkQueue<T>, items: { data: T; startAfter?: Date }[]) {
  return enqueueJobs(tx, queue, items, DUIS_QUEUES);
}

/** Queue the POSTs of new messages to the Receive Response URLs of the parties that have an approved one. */
async function enqueueDeliveries(tx: Tx, messages: { id: string; partyId: string }[]) {
  if (!messages.length) return;
  const withEndpoint = new Set(
    (await tx.responseEndpoint.findMany({ where: { partyId: { in: [...new Set(messages.map((m) => m.partyId))] }, status: "APPROVED" }, select: { partyId: true } })).map((e) => e.partyId),
  );
  await enqueueDuisJobs(tx, RESPONSE_DELIVERY_QUEUE, messages.filter((m) => withEndpoint.has(m.partyId)).map((m) => ({ data: { messageId: m.id } })));
}

/** Stores asynchronous messages (polled, and POSTed where a URL is approved) in the caller's transaction. */
export async function storeMessages(tx: Tx, messages: Omit<Prisma.DuisMessageCreateManyInput, "id" | "createdAt">[]) {
  if (!messages.length) return;
  const at = now();
  // One INSERT with the columns as arrays, as for the requests (lib/duis/pipeline.ts): Prisma's per-row cost is the
  // bottleneck at this rate.
  const created = await tx.$queryRaw<{ id: string; partyId: string }[]>`
    INSERT INTO "DuisMessage" (id, "partyId", "serviceRequestId", "requestId", "deviceId", kind, code, xml, "createdAt")
    SELECT gen_random_uuid()::text, t.party, t.request, t.request_id, t.device, t.kind::"DuisMessageKind", t.code, t.xml, ${at}
    FROM unnest(${messages.map((m) => m.partyId)}::text[], ${messages.map((m) => m.serviceRequestId ?? null)}::text[], ${messages.map((m) => m.requestId ?? null)}::text[],
      ${messages.map((m) => m.deviceId ?? null)}::text[], ${messages.map((m) => m.kind)}::text[], ${messages.map((m) => m.code ?? null)}::text[], ${messages.map((m) => m.xml)}::text[])
      AS t(party, request, request_id, device, kind, code, xml)
    RETURNING id, "partyId"`;
  await enqueueDeliveries(tx, created);
}

/** DSP future-dated requests whose time has come: checked again at execution (AB 6.1(f), P14), then sent. */
export async function executeFutureDated(ids: string[]) {
  await prepareDuisQueues();
  await db().$transaction(async (tx) => {
    const due = await tx.serviceRequest.findMany({ where: { id: { in: ids }, status: "WAITING_EXECUTION" } });
    const at = now();
    const send: string[] = [];
    const alerts = [];
    for (const sr of due) {
      const failure = await reexecutionFailure(tx, sr);
      const [moved] = await tx.serviceRequest.updateManyAndReturn({
        where: { id: sr.id, status: "WAITING_EXECUTION", version: sr.version },
        data: failure ? { status: "REJECTED", responseCode: "N7", version: { increment: 1 } } : { status: "COMMAND_SENT", commandSentAt: at, version: { increment: 1 } },
        select: { id: true },
      });
      if (!moved) continue;
      if (!failure) send.push(sr.id);
      else {
        const xml = await signedAnswer({ requestId: sr.requestId, code: ALERT_RESPONSE_CODE, at, body: { dccAlert: { code: "N7", commandFailure: { commandRequestId: sr.requestId, deviceId: formatEui64(sr.deviceId ?? sr.targetEui) } } } }, tx);
        alerts.push({ partyId: sr.partyId, serviceRequestId: sr.id, requestId: sr.requestId, deviceId: sr.deviceId, kind: "DCC_ALERT" as const, code: "N7", xml });
      }
    }
    await storeMessages(tx, alerts);
    await enqueueDuisJobs(tx, DEVICE_COMMAND_QUEUE, send.map((serviceRequestId) => ({ data: { serviceRequestId } })));
  });
}

/** The SSI keeps a User's messages for 3 months (L6036): older requests and messages go, a batch at a time. */
export const RETENTION_MONTHS = 3;
const PURGE_BATCH = 5_000;

export async function purgeOldServiceRequests(): Promise<{ requests: number; messages: number; silentRejects: number }> {
  const cutoff = new Date(now());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - RETENTION_MONTHS);
  const counts = { requests: 0, messages: 0, silentRejects: 0 };
  // Index-range deletes (receivedAt / createdAt indexes) in short transactions: the purge never holds the queue up.
  for (;;) {
    const n = await db().$executeRaw`DELETE FROM "DuisMessage" WHERE id IN (SELECT id FROM "DuisMessage" WHERE "createdAt" < ${cutoff} LIMIT ${PURGE_BATCH})`;
    counts.messages += n;
    if (n < PURGE_BATCH) break;
  }
  for (;;) {
    const n = await db().$executeRaw`DELETE FROM "ServiceRequest" WHERE id IN (SELECT id FROM "ServiceRequest" WHERE "receivedAt" < ${cutoff} AND status NOT IN ('WAITING_EXECUTION', 'PRE_COMMAND_ISSUED') LIMIT ${PURGE_BATCH})`;
    counts.requests += n;
    if (n < PURGE_BATCH) break;
  }
  counts.silentRejects = await db().silentReject.deleteMany({ where: { receivedAt: { lt: cutoff } } }).then((r) => r.count);
  return counts;
}
