// The simulator dashboard's read model (issue 12 item 7) and the per-device inspector. The dashboard polls this every
// couple of seconds while the load runs, so every aggregate reads a bounded time window on an indexed column, and the
// windows that could hold millions of rows at full load are sampled from their newest rows (`sampled` says so).
import { Prisma } from "@/generated/prisma/client";
import type { DuisMessageKind, ServiceRequestStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize, partyScope } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { databaseTarget } from "@/lib/database-adapter";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { parseEui64 } from "@/lib/identifiers";
import { behaviourFor, NORMAL, type Behaviour } from "./behaviours";
import { readSettings } from "./settings";
import type { DeviceState } from "./state";
import { listTrafficRuns } from "./traffic";

const SECOND = 1_000;
export const RATE_BUCKET_SECONDS = 5;
export const RATE_WINDOW_SECONDS = 60;
export const MIX_WINDOW_MINUTES = 15;
export const ALERT_WINDOW_MINUTES = 60;
/** At most this many of a window's newest rows are aggregated: the query's cost stays fixed at any load. */
export const SAMPLE_ROWS = 5_000;
/** The request-rate chart counts at most this many of the newest requests; beyond, older buckets are estimated. */
export const RATE_SAMPLE_ROWS = 10_000;
/** Messages scanned for alerts: most messages are Service Responses, so the scan is wider than the sample. */
export const ALERT_SCAN_ROWS = 50_000;
/** Below this many state rows an exact count is cheap; above it the planner's estimate is shown. */
const EXACT_COUNT_BELOW = 100_000;
const RECENT_RUNS = 10;
export const INSPECTOR_ROWS = 20;

const ALERT_KINDS: DuisMessageKind[] = ["DEVICE_ALERT", "DCC_ALERT"];

export interface SimulatorStats {
  at: string;
  /** Service Requests received per second in each 5 s bucket of the last complete minute, oldest first. */
  /** `sampled`: past RATE_SAMPLE_ROWS requests in the minute, the older buckets carry the rate of the newest rows. */
  rate: { buckets: { at: string; perSecond: number }[]; perSecond: number; sampled: boolean };
  /** Latest response code of the requests received in the last 15 minutes ("" while unanswered). */
  responseCodes: { codes: { code: string; count: number }[]; total: number; sampled: boolean };
  /** Commands answered by their Device: respondedAt - commandSentAt, in milliseconds. */
  latency: { count: number; p50: number | null; p95: number | null; p99: number | null; sampled: boolean };
  alerts: { codes: { kind: DuisMessageKind; code: string; count: number }[]; total: number; sampled: boolean };
  /** The newest traffic runs, running or not. */
  runs: { id: string; scenario: string; label: string; status: string; ratePerSecond: number; total: number | null; sent: number; refused: number; startedAt: string; stoppedAt: string | null }[];
  deviceStates: { count: number; estimated: boolean };
}

async function requestRate(at: Date) {
  const end = Math.floor(at.getTime() / (RATE_BUCKET_SECONDS * SECOND)) * RATE_BUCKET_SECONDS * SECOND;
  const from = new Date(end - RATE_WINDOW_SECONDS * SECOND);
  // Buckets by epoch second ("receivedAt" is stored in UTC, so its epoch is the JS one), over the newest rows only: at
  // thousands a second a minute holds too many to count on every poll.
  const rows = await db().$queryRaw<{ bucket: number; count: number; oldest: Date }[]>`
    SELECT (floor(extract(epoch FROM "receivedAt") / ${RATE_BUCKET_SECONDS}) * ${RATE_BUCKET_SECONDS})::int AS bucket, count(*)::int AS count, min("receivedAt") AS oldest
    FROM (SELECT "receivedAt" FROM "ServiceRequest" WHERE "receivedAt" >= ${from} AND "receivedAt" < ${new Date(end)} ORDER BY "receivedAt" DESC LIMIT ${RATE_SAMPLE_ROWS}) newest
    GROUP BY 1`;
  const counts = new Map(rows.map((r) => [Number(r.bucket) * SECOND, Number(r.count)]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const sampled = total >= RATE_SAMPLE_ROWS;
  // Sampled: the buckets the newest rows do not reach are given the rate of the span they cover.
  const oldest = sampled ? Math.min(...rows.map((r) => new Date(r.oldest).getTime())) : from.getTime();
  const spanRate = total / Math.max(1, (end - oldest) / SECOND);
  const buckets = Array.from({ length: RATE_WINDOW_SECONDS / RATE_BUCKET_SECONDS }, (_, i) => {
    const start = from.getTime() + i * RATE_BUCKET_SECONDS * SECOND;
    const covered = start >= Math.floor(oldest / (RATE_BUCKET_SECONDS * SECOND)) * RATE_BUCKET_SECONDS * SECOND + RATE_BUCKET_SECONDS * SECOND;
    return { at: new Date(start).toISOString(), perSecond: !sampled || covered ? (counts.get(start) ?? 0) / RATE_BUCKET_SECONDS : spanRate };
  });
  return { buckets, perSecond: sampled ? spanRate : total / RATE_WINDOW_SECONDS, sampled };
}

async function responseCodes(at: Date) {
  const from = new Date(at.getTime() - MIX_WINDOW_MINUTES * 60 * SECOND);
  const rows = await db().$queryRaw<{ code: string; count: number }[]>`
    SELECT coalesce("responseCode", '') AS code, count(*)::int AS count
    FROM (SELECT "responseCode" FROM "ServiceRequest" WHERE "receivedAt" >= ${from} ORDER BY "receivedAt" DESC LIMIT ${SAMPLE_ROWS}) newest
    GROUP BY 1 ORDER BY 2 DESC, 1`;
  const codes = rows.map((r) => ({ code: r.code, count: Number(r.count) }));
  const total = codes.reduce((a, c) => a + c.count, 0);
  return { codes, total, sampled: total >= SAMPLE_ROWS };
}

async function latency(at: Date) {
  const from = new Date(at.getTime() - MIX_WINDOW_MINUTES * 60 * SECOND);
  // One sort for the three percentiles.
  const [row] = await db().$queryRaw<{ count: number; percentiles: number[] | null }[]>`
    SELECT count(*)::int AS count, percentile_cont(ARRAY[0.5, 0.95, 0.99]::float8[]) WITHIN GROUP (ORDER BY ms) AS percentiles
    FROM (
      SELECT (extract(epoch FROM ("respondedAt" - "commandSentAt")) * 1000)::float8 AS ms FROM "ServiceRequest"
      WHERE "receivedAt" >= ${from} AND "respondedAt" IS NOT NULL AND "commandSentAt" IS NOT NULL
      ORDER BY "receivedAt" DESC LIMIT ${SAMPLE_ROWS}
    ) answered`;
  const count = Number(row?.count ?? 0);
  const [p50, p95, p99] = (row?.percentiles ?? [null, null, null]).map((v) => (v === null ? null : Math.round(Number(v))));
  return { count, p50, p95, p99, sampled: count >= SAMPLE_ROWS };
}

async function alertsByCode(at: Date) {
  const from = new Date(at.getTime() - ALERT_WINDOW_MINUTES * 60 * SECOND);
  // Alerts only, through the (kind, createdAt) index: Service Responses, by far the most messages, are never read.
  const rows = await db().$queryRaw<{ kind: DuisMessageKind; code: string; count: number }[]>`
    SELECT kind::text AS kind, coalesce(code, '') AS code, count(*)::int AS count
    FROM (SELECT kind, code FROM "DuisMessage" WHERE kind = ANY(${ALERT_KINDS}::"DuisMessageKind"[]) AND "createdAt" >= ${from} ORDER BY "createdAt" DESC LIMIT ${ALERT_SCAN_ROWS}) newest
    GROUP BY 1, 2 ORDER BY 3 DESC, 2`;
  const scanned = rows.reduce((a, r) => a + Number(r.count), 0);
  const codes = rows.map((r) => ({ kind: r.kind, code: r.code, count: Number(r.count) }));
  return { codes, total: codes.reduce((a, c) => a + c.count, 0), sampled: scanned >= ALERT_SCAN_ROWS };
}

async function deviceStates() {
  // count(*) reads every row; past a size the planner's estimate (kept by autovacuum) is close enough for a tile.
  const [{ estimate }] = await db().$queryRaw<{ estimate: number }[]>`SELECT reltuples::float8 AS estimate FROM pg_class WHERE oid = '"SimDeviceState"'::regclass`;
  if (Number(estimate) >= EXACT_COUNT_BELOW) return { count: Math.round(Number(estimate)), estimated: true };
  return { count: await db().simDeviceState.count(), estimated: false };
}

async function recentRuns() {
  return (await listTrafficRuns(db(), RECENT_RUNS)).map((r) => ({
    id: r.id,
    scenario: r.scenario,
    label: r.label,
    status: r.status,
    ratePerSecond: r.ratePerSecond,
    total: r.total,
    sent: r.sent,
    refused: r.refused,
    startedAt: r.startedAt.toISOString(),
    stoppedAt: r.stoppedAt?.toISOString() ?? null,
  }));
}

/** The reads together on PostgreSQL; one after another on the embedded database, whose one connection queues them anyway. */
async function readAll<T extends readonly (() => Promise<unknown>)[]>(reads: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (databaseTarget().kind === "postgres") return (await Promise.all(reads.map((read) => read()))) as never;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as never;
}

export async function readStats(actor: Actor): Promise<SimulatorStats> {
  authorize(actor, "simulator.view");
  const at = now();
  const [rate, codes, lat, alerts, runs, states] = await readAll([
    () => requestRate(at),
    () => responseCodes(at),
    () => latency(at),
    () => alertsByCode(at),
    () => recentRuns(),
    () => deviceStates(),
  ] as const);
  return { at: at.toISOString(), rate, responseCodes: codes, latency: lat, alerts, runs, deviceStates: states };
}

// ── The per-device inspector ───────────────────────────────────────────────────────────────────────────────────

export interface InspectorCommand {
  id: string;
  requestId: string;
  srv: string;
  status: ServiceRequestStatus;
  responseCode: string | null;
  responseData: unknown;
  attempts: number;
  partyName: string;
  receivedAt: Date;
  commandSentAt: Date | null;
  respondedAt: Date | null;
}

/** The inspector's view of one device: SMI facts, simulated state, latest commands and alerts, the behaviour that applies. */
export async function readDeviceInspector(actor: Actor, deviceIdInput: string) {
  authorize(actor, "simulator.view");
  const id = parseEui64(String(deviceIdInput));
  const device = id ? await db().device.findUnique({ where: { id }, include: { model: { select: { id: true, manufacturer: true, model: true, hardwareVersion: true, firmwareVersion: true } } } }) : null;
  if (!device) throw notFound("That device");
  const [stateRow, commands, alerts, behaviours, settings] = await Promise.all([
    db().simDeviceState.findUnique({ where: { deviceId: device.id } }),
    db().serviceRequest.findMany({
      where: { deviceId: device.id },
      orderBy: { receivedAt: "desc" },
      take: INSPECTOR_ROWS,
      select: { id: true, requestId: true, srv: true, status: true, responseCode: true, responseData: true, attempts: true, receivedAt: true, commandSentAt: true, respondedAt: true, party: { select: { name: true } } },
    }),
    db().duisMessage.findMany({
      where: { deviceId: device.id, kind: { in: ALERT_KINDS } },
      orderBy: { createdAt: "desc" },
      take: INSPECTOR_ROWS,
      select: { id: true, kind: true, code: true, createdAt: true, requestId: true, party: { select: { name: true } } },
    }),
    // Only the behaviours that could apply to this device, not the whole table.
    db().simBehaviour.findMany({
      where: {
        OR: [
          { scope: "DEVICE", target: device.id },
          ...(device.modelId ? [{ scope: "MODEL" as const, target: device.modelId }] : []),
          { scope: "DEVICE_TYPE", target: device.deviceType },
          { scope: "POPULATION", target: "*" },
        ],
      },
    }),
    readSettings(),
  ]);
  const applies = behaviourFor(behaviours, device);
  const source = applies === NORMAL ? null : behaviours.find((b) => b === applies) ?? null;
  return {
    device,
    state: stateRow ? { state: stateRow.state as unknown as DeviceState, version: stateRow.version, createdAt: stateRow.createdAt, updatedAt: stateRow.updatedAt } : null,
    commands: commands.map(({ party, ...c }): InspectorCommand => ({ ...c, partyName: party.name })),
    alerts: alerts.map(({ party, ...a }) => ({ ...a, partyName: party.name })),
    behaviour: { applies: applies as Behaviour, source: source ? { id: source.id, scope: source.scope, target: source.target } : null },
    settings,
  };
}

export type DeviceInspector = Awaited<ReturnType<typeof readDeviceInspector>>;

/** Device and DCC Alerts about a device (the SMI device page): a party sees the ones addressed to it, DCC staff all. */
export async function readDeviceAlerts(actor: Actor, deviceId: string) {
  const { partyId } = partyScope(actor, "service-request.view");
  // One raw read with the party's name joined: every device page runs it, and a model query with its relation load
  // (two queries, compiled anew) cost more than the read.
  return db().$queryRaw<{ id: string; kind: DuisMessageKind; code: string | null; createdAt: Date; partyName: string }[]>`
    SELECT m.id, m.kind::text AS kind, m.code, m."createdAt", p.name AS "partyName"
    FROM "DuisMessage" m JOIN "Party" p ON p.id = m."partyId"
    WHERE m."deviceId" = ${deviceId} AND m.kind = ANY(${ALERT_KINDS}::"DuisMessageKind"[]) ${partyId ? Prisma.sql`AND m."partyId" = ${partyId}` : Prisma.empty}
    ORDER BY m."createdAt" DESC LIMIT 50`;
}
