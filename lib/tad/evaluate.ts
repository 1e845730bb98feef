// Threshold Anomaly Detection on a batch of accepted device communications (processing.md §1.6, §6.3 "TAD"): the
// Non-Critical SRs about to be sent and the Signed Pre-Commands whose checks passed, never Non-Device SRs (AB 16.1(c)).
// Per batch: one upsert of the counts (first, so that each communication counts itself), one read of the windows,
// then per communication in arrival order: Warning, packet inspection, DCC aggregate ADT, User ADT.
import type { DeviceType, TadBreach, UserRole } from "@/generated/prisma/client";
import { db, type Db, type Tx } from "@/lib/db";
import { DCC_SCOPE, activeThresholds, userScope, type ActiveThresholds, type CountLimit, type PacketRange } from "./thresholds";

/**
 * Thresholds change rarely (an applied ADT file, a DCC admin's edit) and are read by every batch: read at most every
 * 2 s per process, like the simulator's knobs. Read on the pool, outside the batch's transaction.
 */
let cached: { at: number; index: Promise<ActiveThresholds> } | null = null;
export function tadThresholds(client: Db = db()): Promise<ActiveThresholds> {
  if (!cached || Date.now() - cached.at > 2_000) {
    const index = activeThresholds(client);
    cached = { at: Date.now(), index };
    // A failed read is not kept: the next batch reads again.
    index.catch(() => {
      if (cached?.index === index) cached = null;
    });
  }
  return cached.index;
}
/** Tests (and an operation that has just applied thresholds) make the next batch read them anew. */
export const forgetTadThresholds = () => {
  cached = null;
};

/** A communication as TAD sees it. */
export interface TadCommunication {
  partyId: string;
  /** The sender's User Roles the SRV is open to (the catalogue's roles the party holds). */
  roles: UserRole[];
  /** The target device's type, which picks the counted role when the party holds several (countedRole). */
  deviceType: DeviceType | null;
  srv: string;
  receivedAt: Date;
  /** The SR body's values (lib/simulator/params.ts flattening), read only when a packet-inspection range applies. */
  params: () => Record<string, string>;
}

export interface TadBreachFound {
  breach: TadBreach;
  thresholdId: string;
  /** What the breach was, for the incident and the emails: "User ADT of 20 per 60 minutes on SRV 7.2". */
  threshold: string;
  reason: string;
}

export type TadVerdict =
  | { subject: false }
  | { subject: true; role: UserRole | null; warnings: CountLimit[]; breach: TadBreachFound | null; reason: string };

const GAS_DEVICES = new Set<DeviceType>(["GSME", "GPF"]);
const GAS_ROLES = new Set<UserRole>(["GS", "GT"]);
const ELECTRICITY_ROLES = new Set<UserRole>(["IS", "ES", "ED"]);

/**
 * The User Role a communication counts under: of the sender's roles the SRV is open to, the one of the target's fuel
 * (a dual-fuel supplier's 7.2 to a GSME counts as Gas Supplier, to an ESME as Import Supplier), else the first in the
 * catalogue's order. Each communication counts under one role only.
 */
export function countedRole(roles: UserRole[], deviceType: DeviceType | null): UserRole | null {
  if (roles.length <= 1) return roles[0] ?? null;
  const fuelRoles = deviceType && GAS_DEVICES.has(deviceType) ? GAS_ROLES : ELECTRICITY_ROLES;
  return roles.find((r) => fuelRoles.has(r)) ?? roles[0];
}

/** Counts are kept per minute: a window of n minutes is the current minute's bucket and the n - 1 before it. */
export const minuteOf = (at: Date) => Math.floor(at.getTime() / 60_000);

const per = (limit: CountLimit) => `${limit.maxCount} per ${limit.periodMinutes} minutes`;

interface Subject {
  c: TadCommunication;
  role: UserRole | null;
  scopes: string[];
  adt?: CountLimit;
  warning?: CountLimit;
  dccAdt?: CountLimit;
  packet: PacketRange[];
  minute: number;
}

/**
 * Evaluates a batch in the order given (arrival order). Records the counts of every communication subject to TAD
 * first, in one upsert whose increments add to concurrent batches' (race-safe without a row lock per request).
 */
export async function evaluateTad(tx: Tx, thresholds: ActiveThresholds, batch: TadCommunication[]): Promise<TadVerdict[]> {
  // 1. Subject to TAD: a User threshold for (party, role, SRV) or a DCC threshold for the SRV.
  const subjects = batch.map((c): Subject | null => {
    const role = countedRole(c.roles, c.deviceType);
    const mine = role ? thresholds.user.get(userScope(c.partyId, role))?.get(c.srv) : undefined;
    const dcc = thresholds.dcc.get(c.srv);
    if (!mine?.adt && !mine?.warning && !dcc?.adt && !dcc?.packet.length) return null;
    const scopes = role ? [userScope(c.partyId, role), DCC_SCOPE] : [DCC_SCOPE];
    return { c, role, scopes, adt: mine?.adt, warning: mine?.warning, dccAdt: dcc?.adt, packet: dcc?.packet ?? [], minute: minuteOf(c.receivedAt) };
  });
  if (!subjects.some(Boolean)) return batch.map(() => ({ subject: false }));

  // The counts, first: each subject communication in its User scope and in the DCC aggregate (a threshold set later
  // then sees the recent past of what was already subject to TAD).
  const increments = new Map<string, { scope: string; srv: string; minute: number; n: number }>();
  for (const s of subjects) {
    if (!s) continue;
    for (const scope of s.scopes) {
      const key = `${scope}\n${s.c.srv}\n${s.minute}`;
      const found = increments.get(key);
      if (found) found.n += 1;
      else increments.set(key, { scope, srv: s.c.srv, minute: s.minute, n: 1 });
    }
  }
  // Sorted, so that two batches touching the same buckets lock them in the same order (no deadlock).
  const rows = [...increments.values()].sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : a.srv < b.srv ? -1 : a.srv > b.srv ? 1 : a.minute - b.minute));
  await tx.$executeRaw`
    INSERT INTO "TadCount" (scope, srv, minute, count)
    SELECT * FROM unnest(${rows.map((r) => r.scope)}::text[], ${rows.map((r) => r.srv)}::text[], ${rows.map((r) => r.minute)}::int[], ${rows.map((r) => r.n)}::int[])
    ON CONFLICT (scope, srv, minute) DO UPDATE SET count = "TadCount".count + EXCLUDED.count`;

  // The windows: per (scope, SRV, period), the buckets up to the batch's latest minute, summed after the upsert (a
  // concurrent batch that committed first is in the sum; one that waited on our buckets counts us in its own).
  const last = Math.max(...subjects.flatMap((s) => (s ? [s.minute] : [])));
  const windows = new Map<string, { scope: string; srv: string; from: number }>();
  const windowKey = (scope: string, srv: string, limit: CountLimit) => `${scope}\n${srv}\n${limit.periodMinutes}`;
  const addWindow = (scope: string, srv: string, limit: CountLimit | undefined) => {
    if (limit) windows.set(windowKey(scope, srv, limit), { scope, srv, from: last - limit.periodMinutes + 1 });
  };
  for (const s of subjects) {
    if (!s) continue;
    if (s.role) for (const limit of [s.adt, s.warning]) addWindow(s.scopes[0], s.c.srv, limit);
    addWindow(DCC_SCOPE, s.c.srv, s.dccAdt);
  }
  const keys = [...windows.keys()];
  const sums = keys.length
    ? await tx.$queryRaw<{ i: number; total: number }[]>`
        SELECT k.i, COALESCE((SELECT sum(c.count) FROM "TadCount" c WHERE c.scope = k.scope AND c.srv = k.srv AND c.minute BETWEEN k.first AND ${last}::int), 0)::int AS total
        FROM unnest(${keys.map((_, i) => i)}::int[], ${keys.map((k) => windows.get(k)!.scope)}::text[], ${keys.map((k) => windows.get(k)!.srv)}::text[],
          ${keys.map((k) => windows.get(k)!.from)}::int[]) AS k(i, scope, srv, first)`
    : [];
  const totals = new Map(sums.map((r) => [keys[r.i], r.total]));

  // What came before this batch in each window (the sum less the batch's own), then each communication's rank among
  // the batch's of its scope and SRV: the count a communication sees.
  const before = new Map<string, number>();
  const countBefore = (scope: string, srv: string, limit: CountLimit) => {
    const key = windowKey(scope, srv, limit);
    if (!before.has(key)) {
      const from = windows.get(key)!.from;
      const own = rows.reduce((n, r) => (r.scope === scope && r.srv === srv && r.minute >= from ? n + r.n : n), 0);
      before.set(key, (totals.get(key) ?? 0) - own);
    }
    return before.get(key)!;
  };
  const seen = new Map<string, number>();

  return subjects.map((s): TadVerdict => {
    if (!s) return { subject: false };
    const rank = new Map<string, number>();
    for (const scope of s.scopes) {
      const key = `${scope}\n${s.c.srv}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      rank.set(scope, seen.get(key)!);
    }
    const count = (scope: string, limit: CountLimit) => countBefore(scope, s.c.srv, limit) + rank.get(scope)!;
    const over = (scope: string, limit: CountLimit | undefined): limit is CountLimit => !!limit && count(scope, limit) > limit.maxCount;
    const mine = s.scopes[0];

    // 2. The Warning Threshold: logged, processing continues.
    const warnings = s.role && over(mine, s.warning) ? [s.warning!] : [];
    const verdict = (breach: TadBreachFound | null): TadVerdict => ({
      subject: true,
      role: s.role,
      warnings,
      breach,
      reason:
        breach?.reason ??
        (warnings.length ? `Within every ADT; over the Warning Threshold of ${per(warnings[0])} on SRV ${s.c.srv} (logged).` : "Within every threshold in force."),
    });
    // 3. Packet inspection: the value outside its range (a value this body does not carry: nothing to inspect).
    for (const range of s.packet) {
      const raw = s.c.params()[range.param];
      if (raw === undefined) continue;
      const value = Number(raw);
      if (raw.trim() !== "" && Number.isFinite(value) && (range.minValue === null || value >= range.minValue) && (range.maxValue === null || value <= range.maxValue)) continue;
      const threshold = `DCC packet inspection of ${range.param} in [${range.minValue ?? "-∞"}, ${range.maxValue ?? "∞"}] on SRV ${s.c.srv}`;
      return verdict({ breach: "PACKET", thresholdId: range.thresholdId, threshold, reason: `${threshold}: the value is ${raw}.` });
    }
    // 4. The DCC's aggregate ADT, across Users.
    if (over(DCC_SCOPE, s.dccAdt)) {
      const threshold = `DCC ADT of ${per(s.dccAdt)} on SRV ${s.c.srv}`;
      return verdict({ breach: "DCC", thresholdId: s.dccAdt.thresholdId, threshold, reason: `${threshold} exceeded: ${count(DCC_SCOPE, s.dccAdt)} communications across Users.` });
    }
    // 5. The User's ADT.
    if (s.role && over(mine, s.adt)) {
      const threshold = `User ADT of ${per(s.adt)} on SRV ${s.c.srv} (${s.role})`;
      return verdict({ breach: "USER", thresholdId: s.adt.thresholdId, threshold, reason: `${threshold} exceeded: ${count(mine, s.adt)} communications.` });
    }
    return verdict(null);
  });
}

/** Communications over a Warning Threshold, logged for the hourly warning incident (P4): one insert per batch. */
export async function logTadWarnings(tx: Tx, warnings: { serviceRequestId: string; partyId: string; srv: string; thresholdId: string; at: Date }[]) {
  if (warnings.length) await tx.tadWarning.createMany({ data: warnings });
}
