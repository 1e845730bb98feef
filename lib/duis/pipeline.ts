// The one Service Request pipeline (processing.md §3, §6.3): the DUIS endpoints and the portal's composer both end
// here with a typed, signature-checked request. It runs the ordered checks, then per kind: Non-Device work now (I0),
// Critical Transform (I0 + Pre-Command), or the Command to the Device (I99), and stores each request with its check
// results in one row. Device requests are handled in batches: one read per kind of fact, one insert, one enqueue.
import crypto from "node:crypto";
import type { CommandMode, Device, Prisma, ServiceRequestKind, ServiceRequestStatus, SmiStatus, UserRole } from "@/generated/prisma/client";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { db, type Db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { flattenElement, requestParams } from "@/lib/simulator/params";
import { registrationsOf, type DeviceRegistration } from "@/lib/smi/registrations";
import { dccSigningKey } from "@/lib/smki/keys";
import { evaluateTad, logTadWarnings, tadThresholds, type TadBreachFound, type TadVerdict } from "@/lib/tad/evaluate";
import { quarantineCommunications, type Held } from "@/lib/tad/quarantine-create";
import { userScope, type ActiveThresholds, type CountLimit } from "@/lib/tad/thresholds";
import { srvEntry, type SrvEntry } from "./catalogue";
import { eligibilityInstant, runChecks, type CheckContext, type CheckResult, type TadCheckResult } from "./checks";
import { CODE } from "./codes";
import { DEVICE_COMMAND_QUEUE, FUTURE_DATED_QUEUE, enqueueDuisJobs, prepareDuisQueues, storeMessages } from "./duis-jobs";
import { readDuisRequest, type DuisRequest } from "./envelope";
import { GBCS_VERSION, bodyDigest, encodeCommand, openSignedPreCommand } from "./gbcs";
import { gatewayActor } from "./gateway-actor";
import { LOCAL_DELIVERY_CV, LOCAL_DELIVERY_CVS, deviceIdNamedBy, executeNonDevice, nonDeviceErrorCode, type PortalFormInput } from "./non-device";
import { localCommandXml } from "./non-device/local";
import { parseDuisXml } from "./xml";
import { signWithin, signedAnswer, type ResponseBody } from "./answers";

export type Endpoint = "serviceS" | "serviceT" | "serviceD";
export type CertificateStatus = "VALID" | "NOT_YET_VALID" | "EXPIRED" | "REVOKED";

export interface SubmittingParty {
  id: string;
  eui64: string;
  name: string;
  roles: UserRole[];
  isDcc: boolean;
  /** Read with the party for every request: a suspension (SEC M8.5) applies to the next request. */
  suspendedAt: Date | null;
  suspensionReason: string | null;
}

/** A request whose signature checked out, as the edge (or the composer) hands it over. */
export interface Submission {
  endpoint: Endpoint;
  xml: string;
  request: DuisRequest;
  party: SubmittingParty;
  /** The composing account; null for the party's own systems (the gateway actor is used). */
  accountId: string | null;
  certificateStatus: CertificateStatus;
  receivedAt: Date;
  /** Problems a full XSD validation found (DUIS_XSD_DIR). */
  xsdProblems?: string[];
  /** A portal form's own input to the Non-Device operation (portal-service-requests.ts); never from XML. */
  formInput?: PortalFormInput;
}

export type Outcome =
  | { silent: true; reason: string }
  | {
      silent: false;
      code: string;
      answerXml: string;
      serviceRequestId: string | null;
      status: ServiceRequestStatus | null;
      /** Non-Device: what the lib/smi operation returned (the portal's forms tell it). */
      effect?: unknown;
      /** Non-Device: the operation's own refusal, with its field errors, for the portal's forms to show as they are. */
      error?: AppError;
    };

const KIND_OF = (entry: SrvEntry): ServiceRequestKind => (entry.nonDevice ? "NON_DEVICE" : entry.critical ? "CRITICAL" : "NON_CRITICAL");

/** Mode of operation of an accepted request (processing.md §3.6). Both patterns allowed: the DCC holds it (DSP). */
function modeOf(entry: SrvEntry, request: DuisRequest): CommandMode {
  if (!request.executionDateTime || request.isCancellation) return "ON_DEMAND";
  return entry.futureDated === "DEVICE" ? "FUTURE_DATED_DEVICE" : "FUTURE_DATED_DSP";
}

const canonicalBody = (request: DuisRequest) => request.body.toString();

const responseMessage = (request: DuisRequest, extra: Omit<Extract<ResponseBody, { message: unknown }>["message"], "serviceReference" | "srv"> = {}): ResponseBody => ({
  message: { serviceReference: request.serviceReference, srv: request.srv, ...extra },
});

function answer(tx: Tx, request: DuisRequest, code: string, at: Date, body: ResponseBody = responseMessage(request)) {
  return signedAnswer({ requestId: request.requestId, code, at, body }, tx);
}

function checksJson(results: (CheckResult | TadCheckResult)[], stage?: "SPC"): Prisma.InputJsonValue {
  return results.map((r) => (stage ? { ...r, stage } : r)) as Prisma.InputJsonValue;
}

/**
 * The DCC-side facts the checks of a batch of requests read, loaded once per batch, all at once. Device batches read
 * them before their transaction opens, on the pool: at read committed a statement sees the same either way, and the
 * INSERT still refuses a RequestID taken meanwhile.
 */
async function loadFacts(client: Tx | Db, subs: Submission[], deviceIdOf: (s: Submission) => string | null) {
  const requestIds = subs.map((s) => s.request.requestId);
  const deviceIds = [...new Set(subs.map(deviceIdOf).filter((id): id is string => !!id))];
  // Registrations hold at each request's eligibility instant (AB 6.1(f)): its execution time when it has one,
  // otherwise now, the check's time: one query for all the on-demand requests of the batch, one per execution time.
  const checkedAt = now().getTime();
  const instantOf = (s: Submission) => (s.request.executionDateTime && !s.request.isCancellation ? eligibilityInstant(s.request, s.receivedAt).getTime() : checkedAt);
  const byInstant = new Map<number, Set<string>>();
  for (const s of subs) {
    const id = deviceIdOf(s);
    if (id) byInstant.set(instantOf(s), (byInstant.get(instantOf(s)) ?? new Set()).add(id));
  }
  // Raw reads: Prisma compiles every model query anew, which costs more than these queries themselves.
  const [used, devices, ...perInstant] = await Promise.all([
    client.$queryRaw<{ requestId: string }[]>`SELECT "requestId" FROM "ServiceRequest" WHERE "requestId" = ANY(${requestIds}::text[])`,
    deviceIds.length
      ? // hubStatus: the SMI Status of the CHF the device talks through (the CHF's own for a CHF), for the WAN check.
        client.$queryRaw<(Device & { hubStatus: SmiStatus | null })[]>`
          SELECT d.*, CASE WHEN d."deviceType" = 'CHF' THEN d.status ELSE (
            SELECT hub.status FROM "DeviceAssociation" a JOIN "Device" hub ON hub.id = a."associatedDeviceId" AND hub."deviceType" = 'CHF'
            WHERE a."deviceId" = d.id LIMIT 1) END AS "hubStatus"
          FROM "Device" d WHERE d.id = ANY(${deviceIds}::text[])`
      : Promise.resolve([]),
    ...[...byInstant].map(async ([at, ids]) => ({ at, rows: await registrationsOf(client, [...ids], new Date(at)) })),
  ]);
  const registrations = new Map<string, DeviceRegistration[]>();
  for (const { at, rows } of perInstant) for (const [id, found] of rows) registrations.set(`${at}|${id}`, found);
  return {
    used: new Set(used.map((u) => u.requestId)),
    devices: new Map(devices.map((d) => [d.id, d])),
    registrationsFor: (s: Submission, id: string) => registrations.get(`${instantOf(s)}|${id}`) ?? [],
  };
}

function contextFor(s: Submission, entry: SrvEntry | undefined, facts: Awaited<ReturnType<typeof loadFacts>>, deviceId: string | null): CheckContext {
  return {
    endpoint: s.endpoint,
    request: s.request,
    entry,
    party: s.party,
    certificateStatus: s.certificateStatus,
    receivedAt: s.receivedAt,
    requestIdUsed: facts.used.has(s.request.requestId),
    device: deviceId ? (facts.devices.get(deviceId) ?? null) : null,
    hubStatus: deviceId ? (facts.devices.get(deviceId)?.hubStatus ?? null) : null,
    deviceId,
    registrations: deviceId ? facts.registrationsFor(s, deviceId) : [],
    xsdProblems: s.xsdProblems,
  };
}

/** Cancellation marker (DUIS): the User's pending future-dated requests of that SRV on that device. */
async function pendingToCancel(tx: Tx, s: Submission, deviceId: string) {
  return tx.serviceRequest.findMany({
    where: {
      partyId: s.party.id,
      deviceId,
      srv: s.request.srv,
      mode: { in: ["FUTURE_DATED_DEVICE", "FUTURE_DATED_DSP"] },
      status: { in: ["WAITING_EXECUTION", "COMMAND_SENT"] },
      executeAt: { gt: s.receivedAt },
    },
    select: { id: true, status: true, version: true, requestId: true },
  });
}

type Message = Parameters<typeof storeMessages>[1][number];

interface Row {
  data: Prisma.ServiceRequestCreateManyInput & { id: string };
  outcome: Extract<Outcome, { silent: false }>;
  /** Work to queue once the row is stored. */
  queue?: "command" | "future";
  /** Asynchronous messages to store with the row (the Command for local delivery of CV 3). */
  messages?: Message[];
  /** An accepted cancellation: the pending requests it cancels once stored. */
  cancels?: { id: string; version: number; status: ServiceRequestStatus }[];
  /** TAD: the Warning Thresholds it went over, logged once stored. */
  warnings?: CountLimit[];
  /** TAD: the ADT breach that holds it, quarantined once stored. */
  held?: TadBreachFound;
}

type BaseRow = Omit<Row["data"], "status">;

function baseRow(s: Submission, entry: SrvEntry | undefined, accountId: string, deviceId: string | null, results: CheckResult[]): BaseRow {
  return {
    id: crypto.randomUUID(),
    requestId: s.request.requestId,
    originatorEui: s.request.originatorEui,
    targetEui: s.request.targetEui,
    partyId: s.party.id,
    accountId,
    srv: s.request.srv,
    commandVariant: s.request.commandVariant,
    kind: entry ? KIND_OF(entry) : "NON_CRITICAL",
    mode: entry ? modeOf(entry, s.request) : "ON_DEMAND",
    deviceId,
    executeAt: s.request.isCancellation ? null : (s.request.executionDateTime ?? null),
    checks: checksJson(results),
    requestXml: s.xml,
    receivedAt: s.receivedAt,
  };
}


type Failure = Extract<CheckResult, { result: "fail" }>;
type Facts = Awaited<ReturnType<typeof loadFacts>>;

/**
 * The parties' DUIS gateway accounts as read outside any transaction (so committed), kept for the process: the
 * account of a party never changes, and party ids are never reused.
 */
const committedGatewayAccounts = new Map<string, string>();

/**
 * The acting account of each submission: the composer's, else the party's DUIS gateway identity (one per party).
 * `known`: accounts already read (committedGatewayAccounts when `client` is no transaction: one created inside a
 * transaction that rolls back must not be remembered).
 */
async function actingAccounts(client: Tx | Db, subs: Submission[], known = new Map<string, string>()): Promise<string[]> {
  const result: string[] = [];
  for (const s of subs) {
    if (s.accountId) result.push(s.accountId);
    else {
      if (!known.has(s.party.id)) known.set(s.party.id, (await gatewayActor(s.party, client)).accountId);
      result.push(known.get(s.party.id)!);
    }
  }
  return result;
}

async function rejectedRow(tx: Tx, s: Submission, base: BaseRow, failure: Failure): Promise<Row> {
  const answerXml = await answer(tx, s.request, failure.code, s.receivedAt);
  return { data: { ...base, status: "REJECTED", responseCode: failure.code, answerXml }, outcome: { silent: false, code: failure.code, answerXml, serviceRequestId: base.id, status: "REJECTED" } };
}

/**
 * A device request whose checks passed and that goes to the Device: now, at its DSP execution time, or on SPC. With
 * Command Variant 3 the Command also goes to the User, as an asynchronous message.
 */
async function commandRow(tx: Tx, s: Submission, base: BaseRow, cancels: Row["cancels"], local: Message | null): Promise<Row> {
  const waits = base.mode === "FUTURE_DATED_DSP";
  const status: ServiceRequestStatus = waits ? "WAITING_EXECUTION" : "COMMAND_SENT";
  const answerXml = await answer(tx, s.request, CODE.I99, s.receivedAt);
  return {
    data: { ...base, status, responseCode: CODE.I99, answerXml, commandSentAt: waits ? null : s.receivedAt },
    outcome: { silent: false, code: CODE.I99, answerXml, serviceRequestId: base.id, status },
    queue: waits ? "future" : "command",
    messages: local ? [local] : undefined,
    cancels,
  };
}

/**
 * Local delivery (DUIS §2): 2 and 6 go to the User only, in the synchronous answer; 3 and 7 to the Device as well, the
 * User's copy as an asynchronous message (their web service, Send Command, answers with an acknowledgement).
 */
const LOCAL_SPC_CV = 6;

/** The Command for local delivery as a LocalCommand element, or its refusal (E17: only a Supplier may have one). */
async function localCommandFor(tx: Tx, s: Submission, serviceRequestId: string): Promise<{ xml: string } | { failure: Failure }> {
  try {
    const { contentXml } = await executeNonDevice({ tx, actor: await gatewayActor(s.party, tx), request: s.request, device: null, receivedAt: s.receivedAt, serviceRequestId });
    return { xml: contentXml! };
  } catch (error) {
    if (!isNonDeviceError(error)) throw error;
    return { failure: { check: "sr-specific", result: "fail", code: (error as { code: string }).code, reason: (error as Error).message } };
  }
}

/** The User's copy of a Command that also goes to the Device (CV 3, 7): an I0 message carrying the LocalCommand. */
async function localCommandMessage(tx: Tx, s: Submission, serviceRequestId: string, deviceId: string, xml: string): Promise<Message> {
  const body = responseMessage(s.request, { contentXml: xml });
  return { partyId: s.party.id, serviceRequestId, requestId: s.request.requestId, deviceId, kind: "SERVICE_RESPONSE", code: CODE.I0, xml: await answer(tx, s.request, CODE.I0, s.receivedAt, body) };
}

/**
 * Commands for local delivery released from quarantine (CV 2 and 6 to the User only, 3 and 7 besides the Device):
 * held, they were acknowledged I99 without the Command, so the User's copy goes now as an asynchronous I0 message,
 * as a CV 3 copy does. Reads only the released requests that asked for local delivery.
 */
export async function storeReleasedLocalCommands(tx: Tx, serviceRequestIds: string[], at: Date) {
  if (!serviceRequestIds.length) return;
  const rows = await tx.$queryRaw<{ id: string; partyId: string; requestId: string; deviceId: string | null; xml: string }[]>`
    SELECT id, "partyId", "requestId", "deviceId", coalesce("spcXml", "requestXml") AS xml FROM "ServiceRequest"
    WHERE id = ANY(${serviceRequestIds}::text[]) AND ("commandVariant" = ANY(${LOCAL_REQUEST_CVS}::int[]) OR "spcCommandVariant" = ANY(${LOCAL_SPC_CVS}::int[]))`;
  const messages: Message[] = [];
  for (const row of rows) {
    const read = readDuisRequest(parseDuisXml(row.xml));
    if (!read.ok) throw new Error(`Released request ${row.requestId} no longer reads: ${read.problems.join("; ")}`);
    const body = responseMessage(read.request, { contentXml: localCommandXml(read.request) });
    messages.push({ partyId: row.partyId, serviceRequestId: row.id, requestId: row.requestId, deviceId: row.deviceId, kind: "SERVICE_RESPONSE", code: CODE.I0, xml: await answer(tx, read.request, CODE.I0, at, body) });
  }
  await storeMessages(tx, messages);
}

/** Local delivery among device requests' and Signed Pre-Commands' Command Variants; 2 and 6 reach no Device. */
const LOCAL_REQUEST_CVS = [LOCAL_DELIVERY_CV, 3];
const LOCAL_SPC_CVS = [6, 7];
export const USER_ONLY_CVS = { request: LOCAL_DELIVERY_CV, spc: LOCAL_SPC_CV } as const;

/** Critical: Transform into a Pre-Command (AB 6.4(b)) and wait for the Signed Pre-Command. */
async function preCommandRow(tx: Tx, s: Submission, base: BaseRow): Promise<Row> {
  const payload = encodeCommand({
    requestId: s.request.requestId,
    srv: s.request.srv,
    deviceId: s.request.targetEui,
    bodyDigest: bodyDigest(canonicalBody(s.request)),
    executionDateTime: s.request.executionDateTime,
  }).toString("base64");
  const answerXml = await answer(tx, s.request, CODE.I0, s.receivedAt, responseMessage(s.request, { preCommand: { gbcsVersion: GBCS_VERSION, gbcsPayload: payload } }));
  return {
    data: { ...base, status: "PRE_COMMAND_ISSUED", responseCode: CODE.I0, preCommandPayload: payload, answerXml },
    outcome: { silent: false, code: CODE.I0, answerXml, serviceRequestId: base.id, status: "PRE_COMMAND_ISSUED" },
  };
}

/** Checks one device request against the batch's facts and decides its row. */
async function decideDeviceRequest(tx: Tx, s: Submission, accountId: string, facts: Facts): Promise<Row> {
  const entry = srvEntry(s.request.srv);
  const deviceId = s.request.targetEui;
  const kind = entry ? KIND_OF(entry) : "NON_CRITICAL";
  const { results, failure } = runChecks(kind, contextFor(s, entry, facts, deviceId));
  let cancels: Row["cancels"];
  if (!failure && s.request.isCancellation) {
    cancels = await pendingToCancel(tx, s, deviceId);
    if (!cancels.length) {
      const nothing: Failure = { check: "sr-specific", result: "fail", code: CODE.NOTHING_TO_CANCEL, reason: `No pending future-dated SRV ${s.request.srv} of yours on ${formatEui64(deviceId)} to cancel.` };
      results.push(nothing);
      return rejectedRow(tx, s, baseRow(s, entry, accountId, deviceId, results), nothing);
    }
  }
  const base = baseRow(s, entry, accountId, deviceId, results);
  if (failure) return rejectedRow(tx, s, base, failure);
  if (kind === "CRITICAL") return preCommandRow(tx, s, base);
  const cv = s.request.commandVariant;
  if (!LOCAL_DELIVERY_CVS.has(cv)) return commandRow(tx, s, base, cancels, null);
  const local = await localCommandFor(tx, s, base.id);
  if ("failure" in local) return rejectedRow(tx, s, { ...base, checks: checksJson([...(base.checks as CheckResult[]), local.failure]) }, local.failure);
  if (cv === LOCAL_DELIVERY_CV) return localDeliveryRow(tx, s, base, local.xml);
  return commandRow(tx, s, base, cancels, await localCommandMessage(tx, s, base.id, deviceId, local.xml));
}

/** Command Variant 2: the Command goes to the User only, for its hand-held terminal, in the synchronous answer. */
async function localDeliveryRow(tx: Tx, s: Submission, base: BaseRow, localXml: string): Promise<Row> {
  const answerXml = await answer(tx, s.request, CODE.I0, s.receivedAt, responseMessage(s.request, { contentXml: localXml }));
  return { data: { ...base, status: "COMPLETED", responseCode: CODE.I0, answerXml }, outcome: { silent: false, code: CODE.I0, answerXml, serviceRequestId: base.id, status: "COMPLETED" } };
}

/** Marks the requests an accepted cancellation names as cancelled (guarded: one that moved on meanwhile stays). */
async function applyCancellations(tx: Tx, cancels: NonNullable<Row["cancels"]>) {
  for (const c of cancels) {
    await tx.serviceRequest.updateMany({ where: { id: c.id, status: c.status, version: c.version }, data: { status: "CANCELLED", version: { increment: 1 } } });
  }
}

async function enqueueFor(tx: Tx, rows: Row[]) {
  await enqueueDuisJobs(
    tx,
    DEVICE_COMMAND_QUEUE,
    rows.filter((r) => r.queue === "command").map((r) => ({ data: { serviceRequestId: r.data.id }, startAfter: r.data.mode === "FUTURE_DATED_DEVICE" ? (r.data.executeAt as Date) : undefined })),
  );
  await enqueueDuisJobs(tx, FUTURE_DATED_QUEUE, rows.filter((r) => r.queue === "future").map((r) => ({ data: { serviceRequestId: r.data.id }, startAfter: r.data.executeAt as Date })));
}

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

/**
 * One INSERT for a batch of requests, with the columns as arrays (unnest): at thousands of requests a second, Prisma's
 * per-row query building costs more than the database. A RequestID already stored is skipped (ON CONFLICT): the ids
 * returned are the rows written.
 */
async function insertServiceRequests(tx: Tx, rows: Row["data"][]): Promise<Set<string>> {
  const column = <T>(pick: (row: Row["data"]) => T) => rows.map(pick);
  const written = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "ServiceRequest" (id, "requestId", "originatorEui", "targetEui", "partyId", "accountId", srv, "commandVariant", kind, mode,
      status, "responseCode", "deviceId", "executeAt", checks, "requestXml", "answerXml", "preCommandPayload", "commandSentAt", "receivedAt")
    SELECT t.id, t.request_id, t.originator, t.target, t.party, t.account, t.srv, t.cv, t.kind::"ServiceRequestKind", t.mode::"CommandMode",
      t.status::"ServiceRequestStatus", t.code, t.device, t.execute_at::timestamp(3), t.checks::jsonb, t.request_xml, t.answer_xml, t.pre_command,
      t.sent_at::timestamp(3), t.received_at::timestamp(3)
    FROM unnest(
      ${column((r) => r.id)}::text[], ${column((r) => r.requestId)}::text[], ${column((r) => r.originatorEui)}::text[], ${column((r) => r.targetEui)}::text[],
      ${column((r) => r.partyId)}::text[], ${column((r) => r.accountId ?? null)}::text[], ${column((r) => r.srv)}::text[], ${column((r) => r.commandVariant)}::int[],
      ${column((r) => r.kind)}::text[], ${column((r) => r.mode ?? "ON_DEMAND")}::text[], ${column((r) => r.status)}::text[], ${column((r) => r.responseCode ?? null)}::text[],
      ${column((r) => r.deviceId ?? null)}::text[], ${column((r) => iso(r.executeAt))}::text[], ${column((r) => JSON.stringify(r.checks))}::text[],
      ${column((r) => r.requestXml)}::text[], ${column((r) => r.answerXml ?? null)}::text[], ${column((r) => r.preCommandPayload ?? null)}::text[],
      ${column((r) => iso(r.commandSentAt))}::text[], ${column((r) => iso(r.receivedAt))}::text[]
    ) AS t(id, request_id, originator, target, party, account, srv, cv, kind, mode, status, code, device, execute_at, checks, request_xml, answer_xml,
      pre_command, sent_at, received_at)
    ON CONFLICT ("requestId") DO NOTHING
    RETURNING id`;
  return new Set(written.map((r) => r.id));
}

/** Stores the rows of a batch; a RequestID another request took meanwhile is answered as a replay, nothing stored. */
async function storeRows(tx: Tx, subs: Submission[], rows: Row[]): Promise<Outcome[]> {
  const stored = await insertServiceRequests(tx, rows.map((r) => r.data));
  const outcomes: Outcome[] = [];
  for (const [i, row] of rows.entries()) {
    if (stored.has(row.data.id)) outcomes.push(row.outcome);
    else outcomes.push({ silent: false, code: CODE.REPLAY, answerXml: await answer(tx, subs[i].request, CODE.REPLAY, subs[i].receivedAt), serviceRequestId: null, status: null });
  }
  const kept = rows.filter((r) => stored.has(r.data.id));
  for (const row of kept) if (row.cancels) await applyCancellations(tx, row.cancels);
  await enqueueFor(tx, kept);
  await storeMessages(tx, kept.flatMap((r) => r.messages ?? []));
  await recordTad(
    tx,
    kept.map((r) => ({ serviceRequestId: r.data.id, requestId: r.data.requestId, partyId: r.data.partyId, srv: r.data.srv, deviceId: r.data.deviceId ?? null, at: r.data.receivedAt as Date, warnings: r.warnings, held: r.held })),
  );
  return outcomes;
}

/** The sender's User Roles the SRV is open to (none for the DCC's own requests: they count in the DCC aggregate only). */
const eligibleRoles = (entry: SrvEntry | undefined, party: SubmittingParty) => (entry && !party.isDcc ? entry.roles.filter((role) => party.roles.includes(role)) : []);

function tadEntry(verdict: Extract<TadVerdict, { subject: true }>): TadCheckResult {
  return verdict.breach
    ? { check: "tad", result: "quarantine", breach: verdict.breach.breach, thresholdId: verdict.breach.thresholdId, reason: verdict.reason }
    : { check: "tad", result: "pass", reason: verdict.reason };
}

/**
 * TAD (processing.md §1.6) on a device batch's Non-Critical requests about to be sent (Critical ones are judged at
 * their Signed Pre-Command). A breached one is stored QUARANTINED with no Command, no local copy and no cancellation
 * applied, and answered I99 like any accepted request (decisions.md): the sender's systems learn nothing an attacker
 * could use, while its SRO is told by the incident and email.
 */
async function applyTad(tx: Tx, thresholds: ActiveThresholds, subs: Submission[], rows: Row[], facts: Facts) {
  const sending = rows.flatMap((row, i) => (row.data.kind === "NON_CRITICAL" && row.data.status !== "REJECTED" ? [{ row, s: subs[i] }] : []));
  if (!sending.length) return;
  const verdicts = await evaluateTad(
    tx,
    thresholds,
    sending.map(({ s }) => ({
      partyId: s.party.id,
      roles: eligibleRoles(srvEntry(s.request.srv), s.party),
      deviceType: facts.devices.get(s.request.targetEui)?.deviceType ?? null,
      srv: s.request.srv,
      receivedAt: s.receivedAt,
      params: () => flattenElement(s.request.body),
    })),
  );
  for (const [i, verdict] of verdicts.entries()) {
    if (!verdict.subject) continue;
    const { row, s } = sending[i];
    row.data.checks = [...(row.data.checks as Prisma.InputJsonArray), tadEntry(verdict)] as Prisma.InputJsonArray;
    row.warnings = verdict.warnings;
    if (!verdict.breach) continue;
    // Command Variant 2 answers with the Command itself: a held one is acknowledged without it.
    const answerXml = row.data.responseCode === CODE.I99 ? row.data.answerXml! : await answer(tx, s.request, CODE.I99, s.receivedAt);
    Object.assign(row.data, { status: "QUARANTINED", responseCode: CODE.I99, answerXml, commandSentAt: null });
    row.outcome = { ...row.outcome, code: CODE.I99, answerXml, status: "QUARANTINED" };
    Object.assign(row, { queue: undefined, messages: undefined, cancels: undefined, held: verdict.breach });
  }
}

type TadRecord = Omit<Held, "found"> & { warnings?: CountLimit[]; held?: TadBreachFound | null };

/** Once the requests are stored: their Warning Threshold breaches logged, their ADT breaches quarantined. */
async function recordTad(tx: Tx, records: TadRecord[]) {
  await logTadWarnings(tx, records.flatMap((r) => (r.warnings ?? []).map((w) => ({ serviceRequestId: r.serviceRequestId, partyId: r.partyId, srv: r.srv, thresholdId: w.thresholdId, at: r.at }))));
  const held = records.flatMap((r) => (r.held ? [{ ...r, found: r.held }] : []));
  if (held.length) await quarantineCommunications(tx, held);
}

/** Device requests (Critical CV 4 and Non-Critical), checked and stored in one transaction per batch. */
async function submitDeviceBatch(subs: Submission[]): Promise<Outcome[]> {
  await prepareDuisQueues();
  const [facts, accounts, thresholds, key] = await Promise.all([
    loadFacts(db(), subs, (s) => s.request.targetEui),
    actingAccounts(db(), subs, committedGatewayAccounts),
    tadThresholds(),
    dccSigningKey(db()),
  ]);
  return db().$transaction(
    async (tx) => {
      signWithin(tx, key);
      const rows: Row[] = [];
      for (const [i, s] of subs.entries()) rows.push(await decideDeviceRequest(tx, s, accounts[i], facts));
      // Last before the rows are stored: the counts' buckets stay locked only until the commit.
      await applyTad(tx, thresholds, subs, rows, facts);
      return storeRows(tx, subs, rows);
    },
    { timeout: 60_000 },
  );
}

/**
 * Non-Device: checks, then the DCC-side work through the same lib/smi operations the portal's forms call, in the
 * transaction that stores the request. A refusal by the operation rolls its work back and is stored as REJECTED.
 */
async function submitNonDevice(s: Submission): Promise<Outcome> {
  const entry = srvEntry(s.request.srv);
  const deviceId = deviceIdNamedBy(s.request);
  // Read before the transaction opens: on the embedded database a read beside it would wait for its one connection.
  const composing = s.accountId ? await loadActor(s.accountId) : null;
  const run = async (tx: Tx) => {
    const facts = await loadFacts(tx, [s], () => deviceId);
    const [accountId] = await actingAccounts(tx, [s]);
    const ctx = contextFor(s, entry, facts, deviceId);
    const { results, failure } = runChecks("NON_DEVICE", ctx);
    const base = baseRow(s, entry, accountId, deviceId, results);
    if (failure) return rejectedRow(tx, s, base, failure);
    const actor = s.accountId ? composingActor(composing) : await gatewayActor(s.party, tx);
    const result = await executeNonDevice({ tx, actor, request: s.request, device: ctx.device, receivedAt: s.receivedAt, serviceRequestId: base.id, formInput: s.formInput });
    const answerXml = await answer(tx, s.request, result.code, s.receivedAt, responseMessage(s.request, { dspScheduleId: result.dspScheduleId, contentXml: result.contentXml }));
    const row: Row = {
      data: { ...base, status: "COMPLETED", responseCode: result.code, answerXml },
      outcome: { silent: false, code: result.code, answerXml, serviceRequestId: base.id, status: "COMPLETED", effect: result.effect },
    };
    return row;
  };
  await prepareDuisQueues();
  try {
    return await db().$transaction(async (tx) => {
      return (await storeRows(tx, [s], [await run(tx)]))[0];
    });
  } catch (error) {
    if (!(error instanceof AppError) && !isNonDeviceError(error)) throw error;
    // The operation refused: nothing it did stays; the request is stored with its refusal.
    const code = error instanceof AppError ? nonDeviceErrorCode(s.request.srv, error) : (error as { code: string }).code;
    return db().$transaction(async (tx) => {
      const facts = await loadFacts(tx, [s], () => deviceId);
      const [accountId] = await actingAccounts(tx, [s]);
      const { results } = runChecks("NON_DEVICE", contextFor(s, entry, facts, deviceId));
      const failure: Failure = { check: "sr-specific", result: "fail", code, reason: error instanceof Error ? error.message : String(error) };
      const row = await rejectedRow(tx, s, baseRow(s, entry, accountId, deviceId, [...results, failure]), failure);
      if (error instanceof AppError) row.outcome.error = error;
      return (await storeRows(tx, [s], [row]))[0];
    });
  }
}

const isNonDeviceError = (error: unknown) => !!error && typeof error === "object" && (error as { name?: string }).name === "NonDeviceError";

function composingActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "The composing account is no longer active.");
  return actor;
}

/**
 * A Signed Pre-Command (AB 7.1): same RequestID as its Critical request. Checks, then the Pre-Command it completes
 * must exist, be the sender's, and its GBCS payload must be the one the DCC issued, signed by the sender's Digital
 * Signing key. A certificate failure is silent (AB 7.3). Command Variant 5 sends the Command to the Device, 6 only to
 * the User (in the answer, I0), 7 to both (the User's copy as an asynchronous message).
 */
async function submitSignedPreCommand(s: Submission): Promise<Outcome> {
  const entry = srvEntry(s.request.srv);
  const [thresholds] = await Promise.all([tadThresholds(), prepareDuisQueues()]);
  return db().$transaction(async (tx) => {
    const original = await tx.serviceRequest.findUnique({ where: { requestId: s.request.requestId } });
    const facts = { used: new Set<string>(), devices: new Map<string, Device & { hubStatus: SmiStatus | null }>(), registrationsFor: () => [] };
    const ctx = contextFor(s, entry, facts, s.request.targetEui);
    ctx.preCommand = await preCommandMatch(tx, s, original);
    const { results, failure: checkFailure } = runChecks("SIGNED_PRE_COMMAND", ctx);
    if (checkFailure?.check === "certificate") return { silent: true, reason: `Signed Pre-Command: ${checkFailure.reason}` };
    let failure = checkFailure;
    const cv = s.request.commandVariant;
    const local = !failure && original && LOCAL_DELIVERY_CVS.has(cv) ? await localCommandFor(tx, s, original.id) : null;
    if (local && "failure" in local) results.push((failure = local.failure));
    const spcChecks = checksJson(results, "SPC") as Prisma.InputJsonArray;
    if (failure || !original) {
      // Recorded with the request it names when that is the sender's; otherwise nothing of theirs to record it on.
      // Guarded like every change to the row: an SPC that succeeded meanwhile keeps its record (this one is not added).
      if (original && original.partyId === s.party.id) {
        await tx.serviceRequest.updateMany({
          where: { id: original.id, version: original.version },
          data: { checks: [...(original.checks as Prisma.InputJsonArray), ...spcChecks], version: { increment: 1 } },
        });
      }
      return { silent: false, code: failure!.code, answerXml: await answer(tx, s.request, failure!.code, s.receivedAt), serviceRequestId: original?.partyId === s.party.id ? original.id : null, status: original?.status ?? null };
    }
    // TAD on the Signed Pre-Command (L5444), the values inspected being the original request's.
    const [verdict] = await evaluateTad(tx, thresholds, [await spcCommunication(tx, thresholds, s, entry, original)]);
    const held = verdict.subject ? verdict.breach : null;
    const tad = verdict.subject ? (checksJson([tadEntry(verdict)], "SPC") as Prisma.InputJsonArray) : [];
    const localXml = local && "xml" in local ? local.xml : null;
    const toDevice = cv !== LOCAL_SPC_CV;
    const waits = toDevice && original.mode === "FUTURE_DATED_DSP";
    // A held one is acknowledged I99 like any accepted one, without the Command a CV 6 answer would carry.
    const status: ServiceRequestStatus = held ? "QUARANTINED" : !toDevice ? "COMPLETED" : waits ? "WAITING_EXECUTION" : "COMMAND_SENT";
    const code = toDevice || held ? CODE.I99 : CODE.I0;
    const cancels = !held && toDevice && (s.request.isCancellation || isCancellationRequest(original)) ? await pendingToCancel(tx, { ...s, request: { ...s.request, srv: original.srv } }, original.deviceId!) : undefined;
    const answerXml = await answer(tx, s.request, code, s.receivedAt, toDevice || held ? undefined : responseMessage(s.request, { contentXml: localXml! }));
    const [moved] = await tx.serviceRequest.updateManyAndReturn({
      where: { id: original.id, status: "PRE_COMMAND_ISSUED", version: original.version },
      data: {
        status,
        responseCode: code,
        checks: [...(original.checks as Prisma.InputJsonArray), ...spcChecks, ...tad],
        spcXml: s.xml,
        spcCommandVariant: cv,
        spcReceivedAt: s.receivedAt,
        commandSentAt: waits || !toDevice || held ? null : s.receivedAt,
        version: { increment: 1 },
      },
    });
    if (!moved) return { silent: false, code: CODE.NO_PRE_COMMAND, answerXml: await answer(tx, s.request, CODE.NO_PRE_COMMAND, s.receivedAt), serviceRequestId: original.id, status: original.status };
    if (verdict.subject) {
      const record = { serviceRequestId: original.id, requestId: original.requestId, partyId: original.partyId, srv: original.srv, deviceId: original.deviceId, at: s.receivedAt };
      await recordTad(tx, [{ ...record, warnings: verdict.warnings, held }]);
    }
    if (held) return { silent: false, code, answerXml, serviceRequestId: original.id, status };
    if (cancels?.length) await applyCancellations(tx, cancels.filter((c) => c.id !== original.id));
    if (toDevice) {
      await enqueueFor(tx, [{ data: { ...moved, checks: moved.checks as Prisma.InputJsonValue, responseData: undefined }, outcome: null as never, queue: waits ? "future" : "command" }]);
      if (localXml) await storeMessages(tx, [await localCommandMessage(tx, s, original.id, original.deviceId!, localXml)]);
    }
    return { silent: false, code, answerXml, serviceRequestId: original.id, status };
  });
}

/** A Signed Pre-Command as TAD sees it; the target's type is read only when it picks the role a threshold is set for. */
async function spcCommunication(tx: Tx, thresholds: ActiveThresholds, s: Submission, entry: SrvEntry | undefined, original: { srv: string; deviceId: string | null; requestXml: string }) {
  const roles = eligibleRoles(entry, s.party);
  const ambiguous = roles.length > 1 && roles.some((role) => thresholds.user.has(userScope(s.party.id, role)));
  const device = ambiguous && original.deviceId ? await tx.device.findUnique({ where: { id: original.deviceId }, select: { deviceType: true } }) : null;
  return { partyId: s.party.id, roles, deviceType: device?.deviceType ?? null, srv: original.srv, receivedAt: s.receivedAt, params: () => requestParams(original.requestXml) };
}

/** Whether a stored request carried the cancellation marker (its ExecutionDateTime is not kept: executeAt is null). */
const isCancellationRequest = (original: { requestXml: string }) => /3000-12-31T00:00:00(\.0*)?Z/.test(original.requestXml);

async function preCommandMatch(tx: Tx, s: Submission, original: { partyId: string; status: ServiceRequestStatus; srv: string; preCommandPayload: string | null } | null): Promise<CheckContext["preCommand"]> {
  if (!original || original.partyId !== s.party.id) return { ok: false, reason: `No Pre-Command was issued to you for RequestID ${s.request.requestId}.` };
  if (original.status !== "PRE_COMMAND_ISSUED" || !original.preCommandPayload) return { ok: false, reason: `RequestID ${s.request.requestId} is not waiting for a Signed Pre-Command (it is ${original.status}).` };
  if (original.srv !== s.request.srv) return { ok: false, reason: `The Signed Pre-Command is for SRV ${s.request.srv}; the Pre-Command was for ${original.srv}.` };
  const spc = Buffer.from(s.request.signedPreCommand!.gbcsPayload, "base64");
  const keys = await tx.orgCertificate.findMany({
    where: { partyId: s.party.id, usage: "DIGITAL_SIGNING", revokedAt: null, notBefore: { lte: s.receivedAt }, notAfter: { gte: s.receivedAt } },
    select: { pem: true },
  });
  for (const { pem } of keys) {
    const { payload, signatureValid } = openSignedPreCommand(spc, pem);
    if (!payload) return { ok: false, reason: "The Signed Pre-Command's GBCS payload does not end with a 64-byte ECDSA signature." };
    if (!payload.equals(Buffer.from(original.preCommandPayload, "base64"))) return { ok: false, reason: "The Signed Pre-Command's payload differs from the Pre-Command the DCC issued." };
    if (signatureValid) return { ok: true };
  }
  return { ok: false, reason: keys.length ? "The Signed Pre-Command's signature does not verify with any of your Digital Signing certificates." : "You hold no valid Digital Signing certificate." };
}

/** How many device requests the edge collects into one batch (see submit). */
const BATCH_LIMIT = 200;
const pending: { s: Submission; resolve: (o: Outcome) => void; reject: (e: unknown) => void }[] = [];
let flushing = false;

async function flush() {
  flushing = true;
  try {
    while (pending.length) {
      const batch = pending.splice(0, BATCH_LIMIT);
      try {
        const outcomes = await submitDeviceBatch(batch.map((p) => p.s));
        batch.forEach((p, i) => p.resolve(outcomes[i]));
      } catch (error) {
        batch.forEach((p) => p.reject(error));
      }
    }
  } finally {
    flushing = false;
  }
}

/**
 * Process one request. Device requests that arrive while a batch is being written wait for the next batch (group
 * commit): under load one transaction serves many requests; alone, a request is its own batch with no delay.
 */
export async function submit(s: Submission): Promise<Outcome> {
  const entry = srvEntry(s.request.srv);
  if (s.request.signedPreCommand) return submitSignedPreCommand(s);
  if (entry?.nonDevice) return submitNonDevice(s);
  return new Promise<Outcome>((resolve, reject) => {
    pending.push({ s, resolve, reject });
    if (!flushing) void flush();
  });
}

/** A batch of submissions at once (the benchmark and the replay of many requests). */
export async function submitMany(subs: Submission[]): Promise<Outcome[]> {
  const device = subs.filter((s) => !s.request.signedPreCommand && !srvEntry(s.request.srv)?.nonDevice);
  const deviceOutcomes = device.length ? await submitDeviceBatch(device) : [];
  const outcomes: Outcome[] = [];
  for (const s of subs) outcomes.push(device.includes(s) ? deviceOutcomes[device.indexOf(s)] : await submit(s));
  return outcomes;
}

