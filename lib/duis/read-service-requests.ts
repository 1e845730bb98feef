// The Service Request audit trail (issue 11 item 9): a party's own requests, Signed Pre-Commands, acknowledgements,
// Pre-Commands, Service Responses and alerts of the last 3 months; the DCC's staff see every party's. Lists, one
// request with its event chain, the live statuses the list polls, CSV export, and the DCC's silent rejects.
import { subMonths } from "date-fns";
import { z } from "zod";
import type { DuisMessageKind, Prisma } from "@/generated/prisma/client";
import { ServiceRequestKind as KINDS, ServiceRequestStatus as STATUSES } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource, partyScope, seesAllParties } from "@/lib/auth/policy";
import { londonAt, now, shiftLondonDate } from "@/lib/clock";
import { db } from "@/lib/db";
import { parseEui64 } from "@/lib/identifiers";
import { pageWindow, parseListFilters, toPage } from "@/lib/lists";
import { isoDate, optionalReference, pageNumber } from "@/lib/validation";
import { srvEntry } from "./catalogue";
import { CHECK_LABELS, type CheckName } from "./checks";
import { MESSAGE_KIND_LABELS } from "./delivery";
import { readAnswer } from "./requests";

/** How long the trail keeps requests (the SSI's 3 months, processing.md §5.4); a purge job deletes older ones. */
export const RETENTION_MONTHS = 3;

/** The oldest receipt the trail shows: the purge job may lag, the trail does not. */
export const retentionStart = (at: Date = now()) => subMonths(at, RETENTION_MONTHS);

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const serviceRequestFiltersSchema = z.object({
  srv: z.preprocess(blank, z.string().trim().refine((v) => !!srvEntry(v), "Choose the SRV from the list.").optional()),
  device: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .transform((v, ctx) => parseEui64(v) ?? (ctx.addIssue({ code: "custom", message: "The Device ID is 16 hexadecimal digits, e.g. 00-DB-12-34-56-78-90-A0." }), z.NEVER))
      .optional(),
  ),
  status: z.preprocess(blank, z.enum(STATUSES, "Choose the status from the list.").optional()),
  code: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z][A-Z0-9]{0,11}$/, "The response code is a letter and digits, e.g. I0, I99, E4 or N13.")
      .optional(),
  ),
  kind: z.preprocess(blank, z.enum(KINDS, "Choose the kind from the list.").optional()),
  from: z.preprocess(blank, isoDate("The From date is not a real date: give it as YYYY-MM-DD, e.g. 2026-11-24.").optional()),
  to: z.preprocess(blank, isoDate("The To date is not a real date: give it as YYYY-MM-DD, e.g. 2026-11-24.").optional()),
  party: z.preprocess(blank, optionalReference()),
  page: pageNumber(),
});
export type ServiceRequestFilters = z.output<typeof serviceRequestFiltersSchema>;

/** The actor's requests in the retention window: the one scope of lists, details, statuses and export. */
function visibleServiceRequests(actor: Actor): Prisma.ServiceRequestWhereInput {
  return { ...partyScope(actor, "service-request.view"), receivedAt: { gte: retentionStart() } };
}

function serviceRequestWhere(actor: Actor, f: ServiceRequestFilters): Prisma.ServiceRequestWhereInput {
  const and: Prisma.ServiceRequestWhereInput[] = [visibleServiceRequests(actor)];
  if (f.srv) and.push({ srv: f.srv });
  if (f.device) and.push({ deviceId: f.device });
  if (f.status) and.push({ status: f.status });
  if (f.code) and.push({ responseCode: f.code });
  if (f.kind) and.push({ kind: f.kind });
  // Days are London days, as the portal shows times.
  if (f.from) and.push({ receivedAt: { gte: londonAt(f.from) } });
  if (f.to) and.push({ receivedAt: { lt: londonAt(shiftLondonDate(f.to, 1)) } });
  if (f.party && seesAllParties(actor, "service-request.view")) and.push({ partyId: f.party });
  return { AND: and };
}

const LIST_SELECT = {
  id: true,
  requestId: true,
  srv: true,
  commandVariant: true,
  kind: true,
  mode: true,
  status: true,
  responseCode: true,
  deviceId: true,
  executeAt: true,
  receivedAt: true,
  party: { select: { id: true, name: true } },
} satisfies Prisma.ServiceRequestSelect;

export type ServiceRequestListRow = Prisma.ServiceRequestGetPayload<{ select: typeof LIST_SELECT }>;

const NEWEST_FIRST: Prisma.ServiceRequestOrderByWithRelationInput[] = [{ receivedAt: "desc" }, { id: "desc" }];

/** One page of the actor's Service Requests, newest first, with the filters of the URL that were ignored. */
export async function listServiceRequests(actor: Actor, rawParams: Record<string, unknown>, perPage = 50) {
  const { filters, problems } = parseListFilters(serviceRequestFiltersSchema, rawParams);
  const where = serviceRequestWhere(actor, filters);
  const [data, count] = await Promise.all([
    db().serviceRequest.findMany({ where, select: LIST_SELECT, orderBy: NEWEST_FIRST, ...pageWindow(filters.page, perPage) }),
    db().serviceRequest.count({ where }),
  ]);
  return { filters, ...toPage(data, count, filters.page, perPage), problems };
}

/** Every matching request for CSV export, in batches (keyset on the list's order), through the list's scope and filters. */
export async function* serviceRequestsForExport(actor: Actor, rawParams: Record<string, unknown>, batchSize = 1_000) {
  const { filters } = parseListFilters(serviceRequestFiltersSchema, rawParams);
  const where = serviceRequestWhere(actor, filters);
  let cursor: string | undefined;
  for (;;) {
    const batch = await db().serviceRequest.findMany({ where, select: LIST_SELECT, orderBy: NEWEST_FIRST, take: batchSize, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) });
    if (batch.length) yield batch;
    if (batch.length < batchSize) return;
    cursor = batch[batch.length - 1].id;
  }
}

/** The parties a DCC user may filter by. */
export async function serviceRequestParties(actor: Actor) {
  if (!seesAllParties(actor, "service-request.view")) return [];
  return db().party.findMany({ where: { isDcc: false }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export const MAX_LIVE_IDS = 100;

/** The current status and code of the requests on screen that the actor may see (unknown ids are left out). */
export async function serviceRequestStatuses(actor: Actor, ids: string[]) {
  const wanted = [...new Set(ids.filter((id) => typeof id === "string" && id.length > 0 && id.length <= 100))].slice(0, MAX_LIVE_IDS);
  const visible = visibleServiceRequests(actor);
  if (!wanted.length) return [];
  return db().serviceRequest.findMany({ where: { AND: [visible, { id: { in: wanted } }] }, select: { id: true, status: true, responseCode: true } });
}

// ── One request ────────────────────────────────────────────────────────────────────────────────────────────────

/** A check result as stored on the request (lib/duis/checks.ts), with the stage of a Signed Pre-Command's checks. */
export interface StoredCheck {
  check: CheckName;
  /** "quarantine": TAD held the accepted request (lib/duis/checks.ts TadCheckResult); no refusal. */
  result: "pass" | "fail" | "skip" | "quarantine";
  code?: string;
  reason?: string;
  stage?: "SPC";
}

export type EventKind =
  | "received"
  | "check"
  | "rejected"
  | "pre-command"
  | "spc-received"
  | "waiting"
  | "command-sent"
  | "answered"
  | "service-response"
  | "device-alert"
  | "dcc-alert";

export interface ServiceRequestEvent {
  id: string;
  at: Date;
  kind: EventKind;
  label: string;
  detail?: string;
  result?: StoredCheck["result"];
  code?: string;
  /** The DuisMessage it shows, for links to its XML. */
  messageId?: string;
}

const MESSAGE_EVENT: Record<DuisMessageKind, EventKind> = { SERVICE_RESPONSE: "service-response", DEVICE_ALERT: "device-alert", DCC_ALERT: "dcc-alert" };

/** The stored checks, whatever their JSON: anything not shaped like a check result is left out. */
export function storedChecks(json: Prisma.JsonValue): StoredCheck[] {
  if (!Array.isArray(json)) return [];
  return json.filter((c): c is Prisma.JsonObject => !!c && typeof c === "object" && !Array.isArray(c) && typeof c.check === "string").map((c) => c as unknown as StoredCheck);
}

const checkLabel = (check: string) => CHECK_LABELS[check as CheckName] ?? check;

const answerCode = (xml: string | null) => {
  try {
    return xml ? readAnswer(xml).code : null;
  } catch {
    return null;
  }
};

type Detail = Prisma.ServiceRequestGetPayload<{ include: { messages: true } }>;

/**
 * The request's event chain in time order: received, each check with its result, the synchronous answer (Pre-Command,
 * I99, I0 or the refusal), the Signed Pre-Command and its checks, the command sent, then the asynchronous Service
 * Responses and alerts. Events at the same instant keep this order.
 */
export function eventChain(sr: Detail): ServiceRequestEvent[] {
  const events: ServiceRequestEvent[] = [];
  const add = (e: Omit<ServiceRequestEvent, "id">) => events.push({ id: `${events.length}`, ...e });
  const checks = storedChecks(sr.checks);
  const answered = answerCode(sr.answerXml);

  add({ at: sr.receivedAt, kind: "received", label: "Request received", detail: `SRV ${sr.srv}, Command Variant ${sr.commandVariant}` });
  for (const c of checks.filter((c) => c.stage !== "SPC")) {
    add({ at: sr.receivedAt, kind: "check", label: checkLabel(c.check), result: c.result, code: c.code, detail: c.reason });
  }
  const rejectedAtReceipt = checks.some((c) => c.stage !== "SPC" && c.result === "fail");
  if (rejectedAtReceipt) add({ at: sr.receivedAt, kind: "rejected", label: "Rejected", code: answered ?? sr.responseCode ?? undefined });
  else if (sr.preCommandPayload) add({ at: sr.receivedAt, kind: "pre-command", label: "Pre-Command issued", code: answered ?? undefined });
  else if (answered) add({ at: sr.receivedAt, kind: "answered", label: sr.kind === "NON_DEVICE" ? "Service Response" : "Acknowledged", code: answered });

  const spcChecks = checks.filter((c) => c.stage === "SPC");
  // A refused Signed Pre-Command leaves its checks but no receipt time: they follow the Pre-Command.
  const spcAt = sr.spcReceivedAt ?? sr.receivedAt;
  if (sr.spcReceivedAt) add({ at: spcAt, kind: "spc-received", label: "Signed Pre-Command received" });
  for (const c of spcChecks) add({ at: spcAt, kind: "check", label: `Signed Pre-Command: ${checkLabel(c.check)}`, result: c.result, code: c.code, detail: c.reason });
  if (!sr.spcReceivedAt && spcChecks.some((c) => c.result === "fail")) {
    add({ at: spcAt, kind: "rejected", label: "Signed Pre-Command rejected", code: spcChecks.find((c) => c.result === "fail")?.code });
  }

  if (sr.executeAt && sr.mode !== "ON_DEMAND" && !rejectedAtReceipt) {
    add({ at: sr.spcReceivedAt ?? sr.receivedAt, kind: "waiting", label: "Held for execution", detail: `Due ${sr.executeAt.toISOString()}` });
  }
  if (sr.commandSentAt) add({ at: sr.commandSentAt, kind: "command-sent", label: "Command sent to the device" });
  for (const m of sr.messages) {
    add({ at: m.createdAt, kind: MESSAGE_EVENT[m.kind], label: MESSAGE_KIND_LABELS[m.kind], code: m.code ?? undefined, messageId: m.id });
  }
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i).map(({ e }) => e);
}

/** One request with its messages and event chain; another party's (or one past the trail's 3 months) is not found. */
export async function readServiceRequest(actor: Actor, id: string) {
  const found = await db().serviceRequest.findUnique({
    where: { id: String(id) },
    include: { messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] }, party: { select: { id: true, name: true, eui64: true } }, account: { select: { name: true } } },
  });
  const sr = authorizeResource(actor, "service-request.view", found && found.receivedAt >= retentionStart() ? found : null, "That Service Request");
  return { ...sr, checkResults: storedChecks(sr.checks), events: eventChain(sr) };
}

export type ServiceRequestDetail = Awaited<ReturnType<typeof readServiceRequest>>;

// ── Silent rejects ─────────────────────────────────────────────────────────────────────────────────────────────

/** The DCC's view of requests refused silently (bad signature, unknown certificate): newest first. */
export async function listSilentRejects(actor: Actor, rawParams: Record<string, unknown>, perPage = 50) {
  authorize(actor, "duis.silent-rejects.view");
  const page = pageNumber().parse(rawParams.page);
  const where = { receivedAt: { gte: retentionStart() } };
  const [data, count] = await Promise.all([
    db().silentReject.findMany({ where, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], ...pageWindow(page, perPage) }),
    db().silentReject.count({ where }),
  ]);
  return toPage(data, count, page, perPage);
}
