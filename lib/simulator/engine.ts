// The device simulator's engine (issue 12): the Device end of every Command the gateway sends. A batch of Commands
// is claimed with row locks (exactly once however many workers run), each device's state is created on first contact
// and locked, its behaviour knob decides whether and when it answers, its model (lib/simulator/devices) gives the
// answer, and the Service Response, Device Alerts, DCC Alerts and SMI changes are written in the same transaction.
// Devices that do not answer get the retries of processing.md §5.2 and then N10-N13.
import { randomUUID } from "node:crypto";
import type { CommandMode, SmiStatus } from "@/generated/prisma/client";
import type { DeviceType } from "@/generated/prisma/enums";
import { DCC_ALERT_NAMES, raiseDccAlerts, type DccAlertCode } from "@/lib/alerts/dcc-alerts";
import { now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { ALERT_RESPONSE_CODE, signedAnswer } from "@/lib/duis/answers";
import { CODE } from "@/lib/duis/codes";
import { DEVICE_COMMAND_QUEUE, enqueueDuisJobs, prepareDuisQueues, SIM_EVENT_QUEUE, storeMessages, type DeviceCommandJob, type SimEventJob } from "@/lib/duis/duis-jobs";
import { encodeResponse } from "@/lib/duis/gbcs";
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import { behaviourFor, isDropped, listBehaviours, wanDown, type Behaviour } from "./behaviours";
import { commandHandler, eventHandler } from "./devices";
import { DCC_PARAMS } from "./devices/han";
import { applyDccEffects, type PendingMessage, recipientsOf } from "./effects";
import { requestParams } from "./params";
import { readSettings, type SimulatorSettings } from "./settings";
import { initialState, type DeviceState } from "./state";
import type { AnswerData, CommandOutcome, DeviceEvent, EventOutcome, SimDevice } from "./types";

/** processing.md §5.2: Future Dated (Device / DSP) and DCC Scheduled Commands: retry after 2 h, back off 2 h. */
const HELD_RETRY_SECONDS = 2 * 60 * 60;
/** The Target Response Time of a held Command (ours; the seed gives none): its final wait is this plus 60 minutes. */
export const HELD_TARGET_RESPONSE_SECONDS = 60;
const HELD_FINAL_WAIT_SECONDS = HELD_TARGET_RESPONSE_SECONDS + 60 * 60;

/** The N-code a Command that was never answered ends with (processing.md §5.3). */
export function noAnswerCode(mode: CommandMode, noCspAck: boolean): string {
  if (noCspAck) return "N12";
  if (mode === "FUTURE_DATED_DEVICE") return "N10";
  if (mode === "FUTURE_DATED_DSP" || mode === "DCC_SCHEDULED") return "N11";
  return "N13";
}

/** Seconds until attempt `attempt + 1`, or null when `attempt` was the last (processing.md §5.2). */
export function retryAfterSeconds(mode: CommandMode, attempt: number, settings: SimulatorSettings): number | null {
  if (mode === "ON_DEMAND") return attempt <= settings.onDemandRetries ? settings.onDemandRetrySeconds : null;
  // Held Commands: the first send, a retry at 2 h, one more after the 2 h back-off, then the final wait.
  if (attempt <= 2) return HELD_RETRY_SECONDS;
  return attempt === 3 ? HELD_FINAL_WAIT_SECONDS : null;
}

interface ClaimedCommand {
  id: string;
  requestId: string;
  partyId: string;
  srv: string;
  mode: CommandMode;
  deviceId: string;
  requestXml: string;
  attempts: number;
  commandSentAt: Date | null;
  executeAt: Date | null;
  scheduleId: bigint | null;
  senderEui: string;
  senderRoles: string[];
  deviceType: DeviceType | null;
  status: SmiStatus | null;
  modelId: string | null;
  manufacturer: string | null;
  model: string | null;
  hardwareVersion: string | null;
  firmwareVersion: string | null;
  esmeVariant: string | null;
  /** The device, or the CHF it talks through, is blocked from the SM WAN (a lost CH, F8.6). */
  wanBlocked: boolean;
}

/** Claims the Commands still waiting for this attempt, locked so no other worker answers them. */
function claimCommands(tx: Tx, ids: string[]) {
  return tx.$queryRaw<ClaimedCommand[]>`
    SELECT sr.id, sr."requestId", sr."partyId", sr.srv, sr.mode, sr."deviceId", sr."requestXml", sr.attempts, sr."commandSentAt",
      sr."executeAt", sr."scheduleId", p.eui64 AS "senderEui", p.roles::text[] AS "senderRoles",
      d."deviceType", d.status, d."modelId", d.manufacturer, m.model, m."hardwareVersion", d."firmwareVersion", d."esmeVariant"::text AS "esmeVariant",
      (d."wanBlockedAt" IS NOT NULL OR EXISTS (
        SELECT 1 FROM "DeviceAssociation" a JOIN "Device" hub ON hub.id = a."associatedDeviceId"
        WHERE a."deviceId" = d.id AND hub."deviceType" = 'CHF' AND hub."wanBlockedAt" IS NOT NULL)) AS "wanBlocked"
    FROM "ServiceRequest" sr
    JOIN "Party" p ON p.id = sr."partyId"
    LEFT JOIN "Device" d ON d.id = sr."deviceId"
    LEFT JOIN "DeviceModel" m ON m.id = d."modelId"
    WHERE sr.id = ANY(${ids}::text[]) AND sr.status = 'COMMAND_SENT'
    ORDER BY sr.id
    FOR UPDATE OF sr`;
}

const simDevice = (c: Pick<ClaimedCommand, "deviceId" | "deviceType" | "status" | "manufacturer" | "model" | "hardwareVersion" | "firmwareVersion" | "esmeVariant">, deviceType: DeviceType): SimDevice => ({
  id: c.deviceId,
  deviceType,
  status: c.status,
  manufacturer: c.manufacturer,
  model: c.model,
  hardwareVersion: c.hardwareVersion,
  firmwareVersion: c.firmwareVersion,
  esmeVariant: c.esmeVariant,
});

/**
 * Locks the devices' states, creating the missing ones from the devices' identities first (first contact). Locks are
 * taken in Device ID order, so two workers never wait on each other in a circle.
 */
export async function lockStates(tx: Tx, devices: SimDevice[], at: Date): Promise<Map<string, { state: DeviceState; version: number }>> {
  const unique = [...new Map(devices.map((d) => [d.id, d])).values()];
  if (!unique.length) return new Map();
  await tx.$executeRaw`
    INSERT INTO "SimDeviceState" ("deviceId", state, "createdAt", "updatedAt")
    SELECT t.id, t.state::jsonb, ${at}, ${at} FROM unnest(${unique.map((d) => d.id)}::text[], ${unique.map((d) => JSON.stringify(initialState(d, at)))}::text[]) AS t(id, state)
    ON CONFLICT ("deviceId") DO NOTHING`;
  const rows = await tx.$queryRaw<{ deviceId: string; state: DeviceState; version: number }[]>`
    SELECT "deviceId", state, version FROM "SimDeviceState" WHERE "deviceId" = ANY(${unique.map((d) => d.id)}::text[]) ORDER BY "deviceId" FOR UPDATE`;
  return new Map(rows.map((r) => [r.deviceId, { state: r.state, version: r.version }]));
}

export async function saveStates(tx: Tx, states: Map<string, { state: DeviceState; version: number }>, changed: Set<string>, at: Date) {
  const ids = [...changed];
  if (!ids.length) return;
  await tx.$executeRaw`
    UPDATE "SimDeviceState" s SET state = t.state::jsonb, version = s.version + 1, "updatedAt" = ${at}
    FROM unnest(${ids}::text[], ${ids.map((id) => JSON.stringify(states.get(id)!.state))}::text[]) AS t(id, state)
    WHERE s."deviceId" = t.id`;
}

/** The decoded answer in the GBCS payload of the Service Response (the documented SSI-GBCS/1 line format). */
async function serviceResponse(tx: Tx, c: ClaimedCommand, code: string, data: AnswerData, at: Date): Promise<string> {
  const serviceReference = /<(?:\w+:)?ServiceReference>([^<]+)</.exec(c.requestXml)?.[1] ?? c.srv;
  const payload = encodeResponse({ requestId: c.requestId, srv: c.srv, deviceId: c.deviceId, result: code, data }).toString("base64");
  return signedAnswer({ requestId: c.requestId, code, at, body: { message: { serviceReference, srv: c.srv, gbcsPayload: payload } } }, tx);
}

/** A DCC Alert about a Command that never got an answer (CommandFailure names it and its DCC Schedule). */
const commandFailure = (tx: Tx, c: ClaimedCommand, code: string, at: Date) =>
  signedAnswer(
    {
      requestId: c.requestId,
      code: ALERT_RESPONSE_CODE,
      at,
      body: { dccAlert: { code, commandFailure: { commandRequestId: c.requestId, deviceId: formatEui64(c.deviceId), ...(c.scheduleId ? { dspScheduleId: String(c.scheduleId) } : {}) } } },
    },
    tx,
  );

/** Settings and behaviours change rarely: read at most every 2 s per process, not per batch. */
let knobs: { at: number; settings: SimulatorSettings; behaviours: Awaited<ReturnType<typeof listBehaviours>> } | null = null;
async function currentKnobs() {
  if (!knobs || Date.now() - knobs.at > 2_000) knobs = { at: Date.now(), settings: await readSettings(), behaviours: await listBehaviours() };
  return knobs;
}
/** Tests change knobs and expect the next batch to see them. */
export const forgetKnobs = () => {
  knobs = null;
};

type Decision = { kind: "answer"; behaviour: Behaviour } | { kind: "wait"; until: Date } | { kind: "silent"; noCspAck: boolean };

function decide(c: ClaimedCommand, behaviour: Behaviour, settings: SimulatorSettings, attempt: number, at: Date): Decision {
  if (!c.deviceType || c.wanBlocked) return { kind: "silent", noCspAck: true };
  if (behaviour.mode === "NO_CSP_ACK" || wanDown(behaviour, c.deviceId, at)) return { kind: "silent", noCspAck: true };
  if (behaviour.mode === "NO_RESPONSE" || isDropped(behaviour, settings.seed, c.requestId, attempt)) return { kind: "silent", noCspAck: false };
  // The first attempt waits the device's answer time (the default plus its delay knob) from when it was sent.
  const sentAt = c.commandSentAt ?? at;
  const due = new Date(sentAt.getTime() + settings.answerDelayMs + behaviour.delaySeconds * 1_000);
  if (attempt === 1 && due > at) return { kind: "wait", until: due };
  return { kind: "answer", behaviour };
}

/**
 * What the DCC adds to a Command from its own records (lib/simulator/devices/han.ts DCC_PARAMS): the SMI type of the
 * device an 8.11 names, and the DCC's record of the old CHF's or GPF's device log for 8.12.1 / 8.12.2 (AC 8.2: the
 * devices the SMI associates with it).
 */
async function dccRecords(tx: Tx, commands: ClaimedCommand[]): Promise<Map<string, Record<string, string>>> {
  const named = new Map<string, string>();
  for (const c of commands) {
    if (!["8.11", "8.12.1", "8.12.2"].includes(c.srv)) continue;
    const id = /<(?:\w+:)?(?:DeviceID|OldCHFID|OldGPFID)>([^<]+)</.exec(c.requestXml)?.[1];
    const parsed = id ? parseEui64(id) : null;
    if (parsed) named.set(c.id, parsed);
  }
  const result = new Map<string, Record<string, string>>();
  if (!named.size) return result;
  const ids = [...new Set(named.values())];
  const [types, logs] = await Promise.all([
    tx.device.findMany({ where: { id: { in: ids } }, select: { id: true, deviceType: true } }),
    tx.deviceAssociation.findMany({ where: { associatedDeviceId: { in: ids } }, select: { associatedDeviceId: true, device: { select: { id: true, deviceType: true } } } }),
  ]);
  for (const c of commands) {
    const id = named.get(c.id);
    if (!id) continue;
    if (c.srv === "8.11") {
      const type = types.find((t) => t.id === id)?.deviceType;
      if (type) result.set(c.id, { [DCC_PARAMS.memberType]: type });
      continue;
    }
    const params: Record<string, string> = {};
    logs.filter((l) => l.associatedDeviceId === id).forEach((l, n) => {
      const key = `${DCC_PARAMS.restoredLog}${n ? `[${n}]` : ""}`;
      params[`${key}.DeviceID`] = l.device.id;
      params[`${key}.DeviceType`] = l.device.deviceType;
    });
    result.set(c.id, params);
  }
  return result;
}

/** One batch of the Device Command queue. */
export async function answerCommands(jobs: DeviceCommandJob[]) {
  const { settings, behaviours } = await currentKnobs();
  const attemptOf = new Map(jobs.map((j) => [j.serviceRequestId, j.attempt ?? 1]));
  await prepareDuisQueues();
  await db().$transaction(
    async (tx) => {
      const at = now();
      // A job for an attempt already made (a retried job after a crash) finds attempts moved on and does nothing.
      const claimed = (await claimCommands(tx, jobs.map((j) => j.serviceRequestId))).filter((c) => attemptOf.get(c.id) === c.attempts + 1);
      if (!claimed.length) return;
      const later: { data: DeviceCommandJob; startAfter: Date }[] = [];
      const answering: { c: ClaimedCommand; device: SimDevice; behaviour: Behaviour }[] = [];
      const failed: { c: ClaimedCommand; code: string }[] = [];
      const retried: ClaimedCommand[] = [];
      for (const c of claimed) {
        const attempt = c.attempts + 1;
        const behaviour = c.deviceType ? behaviourFor(behaviours, { id: c.deviceId, modelId: c.modelId, deviceType: c.deviceType }) : behaviourFor([], { id: c.deviceId, modelId: null, deviceType: "ESME" });
        const decision = decide(c, behaviour, settings, attempt, at);
        if (decision.kind === "wait") later.push({ data: { serviceRequestId: c.id, attempt }, startAfter: decision.until });
        else if (decision.kind === "answer") answering.push({ c, device: simDevice(c, c.deviceType!), behaviour });
        else {
          const wait = retryAfterSeconds(c.mode, attempt, settings);
          if (wait === null) failed.push({ c, code: noAnswerCode(c.mode, decision.noCspAck) });
          else {
            retried.push(c);
            later.push({ data: { serviceRequestId: c.id, attempt: attempt + 1 }, startAfter: new Date(at.getTime() + wait * 1_000) });
          }
        }
      }

      const states = await lockStates(tx, answering.map((a) => a.device), at);
      const dccParams = await dccRecords(tx, answering.map((a) => a.c));
      const changed = new Set<string>();
      const answered: { c: ClaimedCommand; code: string; data: AnswerData; outcome: CommandOutcome | null }[] = [];
      // Commands to one device apply in the order they were sent, each on the state the previous one left.
      answering.sort((a, b) => (a.c.commandSentAt?.getTime() ?? 0) - (b.c.commandSentAt?.getTime() ?? 0));
      for (const { c, device, behaviour } of answering) {
        const held = states.get(device.id)!;
        if (behaviour.mode === "RESPOND_ERROR") {
          answered.push({ c, code: behaviour.errorCode ?? CODE.DEVICE_STATE, data: { error: "The device answered with an error (simulator behaviour)." }, outcome: null });
          continue;
        }
        let outcome: CommandOutcome;
        try {
          outcome = commandHandler(c.srv)({
            srv: c.srv,
            requestId: c.requestId,
            device,
            state: held.state,
            params: { ...requestParams(c.requestXml), ...dccParams.get(c.id) },
            sender: { partyId: c.partyId, eui: c.senderEui, roles: c.senderRoles as never },
            // The device acts when the Command reaches it: a future-dated (Device) Command's job starts at its time.
            at,
          });
        } catch (error) {
          // A model that cannot handle a Command must not hold up the batch's other Commands: the device refuses it.
          console.error(`[simulator] SRV ${c.srv} to ${c.deviceId}:`, error);
          outcome = { code: CODE.DEVICE_UNSUPPORTED, data: { error: "The device could not process the command." }, state: held.state };
        }
        if (outcome.state !== held.state) {
          held.state = outcome.state;
          changed.add(device.id);
        }
        answered.push({ c, code: outcome.code, data: outcome.data, outcome });
      }
      await saveStates(tx, states, changed, at);

      const messages: PendingMessage[] = [];
      if (answered.length) {
        await tx.$executeRaw`
          UPDATE "ServiceRequest" sr SET status = 'RESPONDED', "responseCode" = t.code, "responseData" = t.data::jsonb, "respondedAt" = ${at},
            attempts = sr.attempts + 1, version = sr.version + 1
          FROM unnest(${answered.map((a) => a.c.id)}::text[], ${answered.map((a) => a.code)}::text[], ${answered.map((a) => JSON.stringify(a.data))}::text[]) AS t(id, code, data)
          WHERE sr.id = t.id AND sr.status = 'COMMAND_SENT'`;
        for (const a of answered) {
          messages.push({ partyId: a.c.partyId, serviceRequestId: a.c.id, requestId: a.c.requestId, deviceId: a.c.deviceId, kind: "SERVICE_RESPONSE", code: a.code, xml: await serviceResponse(tx, a.c, a.code, a.data, at) });
        }
      }
      if (retried.length) {
        await tx.serviceRequest.updateMany({ where: { id: { in: retried.map((c) => c.id) }, status: "COMMAND_SENT" }, data: { attempts: { increment: 1 }, version: { increment: 1 } } });
      }
      for (const { c, code } of failed) {
        await tx.serviceRequest.updateMany({ where: { id: c.id, status: "COMMAND_SENT" }, data: { status: "FAILED", responseCode: code, attempts: { increment: 1 }, respondedAt: at, version: { increment: 1 } } });
        messages.push({ partyId: c.partyId, serviceRequestId: c.id, requestId: c.requestId, deviceId: c.deviceId, kind: "DCC_ALERT", code, xml: await commandFailure(tx, c, code, at) });
      }
      await raiseDccAlerts(
        tx,
        failed.map(({ c, code }) => ({ code: code as DccAlertCode, deviceId: c.deviceId, partyId: c.partyId, message: `${DCC_ALERT_NAMES[code as DccAlertCode]}: SRV ${c.srv}, request ${c.requestId}.` })),
      );

      const outcomes = answered.filter((a) => a.outcome).map((a) => ({ deviceId: a.c.deviceId, deviceType: a.c.deviceType!, sender: { partyId: a.c.partyId, requestId: a.c.requestId }, outcome: a.outcome! }));
      messages.push(...(await followUps(tx, outcomes, at)));
      await storeMessages(tx, messages);
      await enqueueDuisJobs(tx, DEVICE_COMMAND_QUEUE, later);
    },
    { timeout: 60_000 },
  );
}

interface Happened {
  deviceId: string;
  deviceType: DeviceType;
  /** The User whose request caused it (for SENDER recipients), if any. */
  sender: { partyId: string; requestId: string } | null;
  outcome: EventOutcome;
}

/** Alerts the DCC itself consumes rather than forwards: the CHF's CS14 drives the SMI (inventory.md §8). */
const DCC_CONSUMED_ALERTS = new Set(["8F12"]);

/** Device Alerts, scheduled events and the DCC's side of what devices did: alerts out, SMI moved, events queued. */
async function followUps(tx: Tx, happened: Happened[], at: Date): Promise<PendingMessage[]> {
  // An alert names the device it is about when another device forwards it (a meter's 0x8183 through its CHF).
  const alerts = happened.flatMap((h) =>
    (h.outcome.alerts ?? [])
      .filter((alert) => !DCC_CONSUMED_ALERTS.has(alert.code))
      .map((alert) => ({ alert, deviceId: typeof alert.data?.deviceId === "string" && alert.data.deviceId !== h.deviceId ? alert.data.deviceId : h.deviceId, h })),
  );
  const messages: PendingMessage[] = [];
  if (alerts.length) {
    const recipients = await recipientsOf(tx, alerts.map((a) => a.deviceId), at);
    const types = new Map((await tx.device.findMany({ where: { id: { in: [...new Set(alerts.map((a) => a.deviceId))] } }, select: { id: true, deviceType: true } })).map((d) => [d.id, d.deviceType]));
    for (const { alert, deviceId, h } of alerts) {
      const to = recipients.deviceAlertRecipients(deviceId, types.get(deviceId) ?? h.deviceType, alert.code, h.sender?.partyId ?? null);
      if (!to.length) continue;
      const payload = encodeResponse({ requestId: h.sender?.requestId ?? "", srv: "", deviceId, result: alert.code, data: alert.data ?? {} }).toString("base64");
      const xml = await signedAnswer({ code: ALERT_RESPONSE_CODE, at, body: { deviceAlert: { alertCode: alert.code, gbcsPayload: payload } } }, tx);
      for (const partyId of to) messages.push({ partyId, deviceId, kind: "DEVICE_ALERT", code: alert.code, xml, requestId: null, serviceRequestId: null });
    }
  }
  messages.push(...(await applyDccEffects(tx, happened.flatMap((h) => (h.outcome.effects ?? []).map((effect) => ({ effect, sender: h.sender }))), at)));
  const events = happened.flatMap((h) =>
    (h.outcome.events ?? []).map((e) => ({
      data: { eventId: randomUUID(), deviceId: e.deviceId ?? h.deviceId, event: e.event, senderPartyId: h.sender?.partyId ?? null, requestId: h.sender?.requestId ?? null } satisfies SimEventJob,
      startAfter: new Date(at.getTime() + e.afterSeconds * 1_000),
    })),
  );
  await enqueueDuisJobs(tx, SIM_EVENT_QUEUE, events);
  return messages;
}

/** One batch of device events (joins completing, timeouts, firmware activations, injected events). */
export async function handleEvents(jobs: SimEventJob[]) {
  await prepareDuisQueues();
  await db().$transaction(
    async (tx) => {
      const at = now();
      const devices = await tx.device.findMany({ where: { id: { in: [...new Set(jobs.map((j) => j.deviceId))] } }, include: { model: true } });
      const byId = new Map(devices.map((d) => [d.id, d]));
      const sims = devices.map((d) => simDevice({ ...d, deviceId: d.id, model: d.model?.model ?? null, hardwareVersion: d.model?.hardwareVersion ?? null, esmeVariant: d.esmeVariant }, d.deviceType));
      const states = await lockStates(tx, sims, at);
      const changed = new Set<string>();
      const happened: Happened[] = [];
      for (const job of jobs) {
        const device = sims.find((s) => s.id === job.deviceId);
        const handler = eventHandler(job.event);
        if (!device || !handler || !byId.get(job.deviceId)) continue;
        const held = states.get(device.id)!;
        const applied = held.state.appliedEvents ?? [];
        if (applied.includes(job.eventId)) continue;
        const outcome = handler({ device, state: held.state, event: job.event, at });
        held.state = { ...outcome.state, appliedEvents: [...applied, job.eventId].slice(-50) };
        changed.add(device.id);
        happened.push({ deviceId: device.id, deviceType: device.deviceType, sender: job.senderPartyId && job.requestId ? { partyId: job.senderPartyId, requestId: job.requestId } : null, outcome });
      }
      await saveStates(tx, states, changed, at);
      await storeMessages(tx, await followUps(tx, happened, at));
    },
    { timeout: 60_000 },
  );
}

/** Queue device events in the caller's transaction (injections, the DCC's firmware distribution). */
export async function enqueueDeviceEvents(tx: Tx, events: { deviceId: string; event: DeviceEvent; afterSeconds?: number; sender?: { partyId: string; requestId: string } }[]) {
  const at = now();
  await enqueueDuisJobs(
    tx,
    SIM_EVENT_QUEUE,
    events.map((e) => ({
      data: { eventId: randomUUID(), deviceId: e.deviceId, event: e.event, senderPartyId: e.sender?.partyId ?? null, requestId: e.sender?.requestId ?? null },
      startAfter: new Date(at.getTime() + (e.afterSeconds ?? 0) * 1_000),
    })),
  );
}

