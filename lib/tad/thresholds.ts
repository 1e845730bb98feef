// Threshold sets (processing.md §1.2, §1.12, P16, P18): versioned per party and User Role (from ADT files) or for the
// DCC (aggregate ADTs and packet-inspection ranges). Applying a set makes it the one active version for its owner and
// role; a temporary set (e.g. during SMKI recovery) can be replaced by the version before it.
import { z } from "zod";
import type { ThresholdSet } from "@/generated/prisma/client";
import type { ThresholdKind, UserRole } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize, seesAllParties } from "@/lib/auth/policy";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db, type Db, type Tx } from "@/lib/db";
import { srvEntry } from "@/lib/duis/catalogue";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { enqueueEmails } from "@/lib/notifications/outbox";
import { optionalReference, reference, wholeNumber } from "@/lib/validation";

/** Where the Security Sub-Committee is notified of every ADT applied or restored (G6.8): SSI_SSC_EMAIL, or the demo's mailbox. */
export const sscEmail = () => process.env.SSI_SSC_EMAIL ?? "security-sub-committee@ssc.demo";

/** Longest window a count threshold may span: 7 days of one-minute buckets (a product bound; the seed gives none). */
export const MAX_PERIOD_MINUTES = 10_080;
/** Rows in one set: an ADT file's bound (every SRV x role x kind fits many times over). */
export const MAX_THRESHOLD_ROWS = 10_000;

// ── What the pipeline evaluates ─────────────────────────────────────────────────────────────────────────────────

export interface CountLimit {
  thresholdId: string;
  maxCount: number;
  periodMinutes: number;
}

export interface PacketRange {
  thresholdId: string;
  /** The body value checked, as lib/simulator/params.ts flattens bodies (e.g. "Adjustment.Amount"). */
  param: string;
  minValue: number | null;
  maxValue: number | null;
}

export interface UserLimits {
  adt?: CountLimit;
  warning?: CountLimit;
}

export interface DccLimits {
  adt?: CountLimit;
  packet: PacketRange[];
}

export interface ActiveThresholds {
  /** The active User thresholds: by TadCount scope (userScope), then SRV. */
  user: Map<string, Map<string, UserLimits>>;
  /** The DCC's active aggregate ADT and packet ranges, by SRV. */
  dcc: Map<string, DccLimits>;
  /** The longest period of any count threshold: how far back a batch needs its counts. */
  maxPeriodMinutes: number;
}

/** The TadCount scope of a party's User Role ("<partyId>|<role>"); the DCC aggregate's is DCC_SCOPE. */
export const userScope = (partyId: string, role: UserRole) => `${partyId}|${role}`;
export const DCC_SCOPE = "DCC";

interface ActiveRow {
  id: string;
  partyId: string | null;
  userRole: UserRole | null;
  srv: string;
  kind: ThresholdKind;
  maxCount: number | null;
  periodMinutes: number | null;
  param: string | null;
  minValue: number | null;
  maxValue: number | null;
}

/** Every active set's thresholds, keyed for evaluation: one raw query (Prisma's per-row cost dominates at 10,000 rows). */
export async function activeThresholds(client: Tx | Db): Promise<ActiveThresholds> {
  const rows = await client.$queryRaw<ActiveRow[]>`
    SELECT t.id, s."partyId", s."userRole"::text AS "userRole", t.srv, t.kind::text AS kind, t."maxCount", t."periodMinutes", t.param, t."minValue", t."maxValue"
    FROM "ThresholdSet" s JOIN "Threshold" t ON t."setId" = s.id
    WHERE s.active`;
  const result: ActiveThresholds = { user: new Map(), dcc: new Map(), maxPeriodMinutes: 0 };
  const dccLimits = (srv: string) => {
    let limits = result.dcc.get(srv);
    if (!limits) result.dcc.set(srv, (limits = { packet: [] }));
    return limits;
  };
  for (const t of rows) {
    if (t.kind === "PACKET") {
      dccLimits(t.srv).packet.push({ thresholdId: t.id, param: t.param!, minValue: t.minValue, maxValue: t.maxValue });
      continue;
    }
    const limit: CountLimit = { thresholdId: t.id, maxCount: t.maxCount!, periodMinutes: t.periodMinutes! };
    result.maxPeriodMinutes = Math.max(result.maxPeriodMinutes, limit.periodMinutes);
    if (!t.partyId || !t.userRole) {
      dccLimits(t.srv).adt = limit;
      continue;
    }
    const scope = userScope(t.partyId, t.userRole);
    let bySrv = result.user.get(scope);
    if (!bySrv) result.user.set(scope, (bySrv = new Map()));
    const limits = bySrv.get(t.srv) ?? {};
    limits[t.kind === "ADT" ? "adt" : "warning"] = limit;
    bySrv.set(t.srv, limits);
  }
  return result;
}

// ── Applying a set ─────────────────────────────────────────────────────────────────────────────────────────────

export interface ThresholdRow {
  srv: string;
  kind: ThresholdKind;
  maxCount?: number | null;
  periodMinutes?: number | null;
  param?: string | null;
  minValue?: number | null;
  maxValue?: number | null;
}

interface NewSet {
  /** Null: the DCC's set. */
  partyId: string | null;
  userRole: UserRole | null;
  rows: ThresholdRow[];
  temporary?: boolean;
  submissionId?: string;
}

const ownerWhere = (set: Pick<NewSet, "partyId" | "userRole">) => ({ partyId: set.partyId, userRole: set.userRole });

/**
 * Make a new version the active one for its owner and role, in the caller's transaction: the previous active version
 * is deactivated (a guarded update) and the new one inserted active. Of two applied at once for the same owner, the
 * partial unique index on active versions refuses the second: CONFLICT, nothing of it kept.
 */
export async function applyThresholdSet(tx: Tx, actor: Actor | null, set: NewSet): Promise<ThresholdSet> {
  const at = now();
  const previous = await tx.thresholdSet.findFirst({ where: ownerWhere(set), orderBy: { version: "desc" }, select: { id: true, version: true, active: true } });
  try {
    if (previous?.active) await tx.thresholdSet.updateMany({ where: { ...ownerWhere(set), active: true }, data: { active: false } });
    const created = await tx.thresholdSet.create({
      data: {
        partyId: set.partyId,
        userRole: set.userRole,
        version: (previous?.version ?? 0) + 1,
        temporary: !!set.temporary,
        active: true,
        appliedAt: at,
        submissionId: set.submissionId ?? null,
        createdById: actor?.accountId ?? null,
      },
    });
    // One INSERT with the columns as arrays: Prisma's createMany costs seconds at 10,000 rows.
    const column = <T>(pick: (row: ThresholdRow) => T) => set.rows.map(pick);
    await tx.$executeRaw`
      INSERT INTO "Threshold" (id, "setId", srv, kind, "maxCount", "periodMinutes", param, "minValue", "maxValue")
      SELECT gen_random_uuid()::text, ${created.id}, t.srv, t.kind::"ThresholdKind", t.max_count, t.period, t.param, t.min_value, t.max_value
      FROM unnest(${column((r) => r.srv)}::text[], ${column((r) => r.kind)}::text[], ${column((r) => r.maxCount ?? null)}::int[],
        ${column((r) => r.periodMinutes ?? null)}::int[], ${column((r) => r.param ?? null)}::text[], ${column((r) => r.minValue ?? null)}::float8[],
        ${column((r) => r.maxValue ?? null)}::float8[])
        AS t(srv, kind, max_count, period, param, min_value, max_value)`;
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Other thresholds were applied for the same owner at the same moment: reload and check the version in force.");
    throw error;
  }
}

// ── DCC thresholds ─────────────────────────────────────────────────────────────────────────────────────────────

const deviceSrv = z
  .string("The SRV is required.")
  .trim()
  .refine((srv) => srvEntry(srv) !== undefined, "This SRV is not in the DUIS catalogue.")
  .refine((srv) => !srvEntry(srv)?.nonDevice, "Non-Device SRVs are never subject to TAD.");

const period = wholeNumber("PeriodMinutes", { min: 1, max: MAX_PERIOD_MINUTES });
const bound = z.union([z.literal("").transform(() => null), z.null(), z.coerce.number("The bound must be a number.").finite("The bound must be a number.")]).optional();

const dccRow = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ADT"), srv: deviceSrv, maxCount: wholeNumber("MaxCount"), periodMinutes: period }),
  z
    .object({
      kind: z.literal("PACKET"),
      srv: deviceSrv,
      param: z.string("The value checked is required.").trim().min(1, "The value checked is required.").max(200, "The value checked: at most 200 characters.").regex(/^[A-Za-z][\w.[\]]*$/, "Name the value as a path of element names, e.g. Adjustment.Amount."),
      minValue: bound,
      maxValue: bound,
    })
    .refine((r) => r.minValue != null || r.maxValue != null, { message: "Give a lowest or a highest allowed value.", path: ["minValue"] })
    .refine((r) => r.minValue == null || r.maxValue == null || r.minValue <= r.maxValue, { message: "The lowest value is above the highest.", path: ["maxValue"] }),
], { error: "The kind must be ADT (a count per period) or PACKET (a value range)." });

export const dccThresholdsSchema = z.object({
  temporary: z.coerce.boolean().default(false),
  rows: z
    .array(dccRow, "Give the thresholds.")
    .max(MAX_THRESHOLD_ROWS, `At most ${MAX_THRESHOLD_ROWS} thresholds.`)
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        const key = r.kind === "ADT" ? `${r.srv}|ADT` : `${r.srv}|PACKET|${r.param}`;
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "srv"], message: r.kind === "ADT" ? `A second ADT for SRV ${r.srv}.` : `A second range for ${r.param} on SRV ${r.srv}.` });
        seen.add(key);
      });
    }),
});
export type DccThresholdsInput = z.input<typeof dccThresholdsSchema>;

/** A new active version of the DCC's aggregate ADTs and packet ranges (the whole set: rows not given are dropped). */
export async function setDccThresholds(actor: Actor, input: DccThresholdsInput): Promise<ThresholdSet> {
  authorize(actor, "tad.dcc.manage");
  const { temporary, rows } = dccThresholdsSchema.parse(input);
  return db().$transaction(async (tx) => {
    const set = await applyThresholdSet(tx, actor, { partyId: null, userRole: null, rows, temporary });
    // The set itself is kept, immutable: the audit row names it rather than copying 10,000 rows.
    await audit(tx, actor, { action: "tad.dcc.thresholds", entityType: "ThresholdSet", entityId: set.id, partyId: null, after: { version: set.version, temporary, adts: rows.filter((r) => r.kind === "ADT").length, packetRanges: rows.filter((r) => r.kind === "PACKET").length } });
    return set;
  });
}

// ── Versions ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Versions listed at once: years of weekly changes. */
const MAX_VERSIONS = 100;

export const thresholdVersionsSchema = z.object({
  /** A party's id, or "DCC" for the DCC's own (DCC staff only); blank: the actor's party (DCC staff: the DCC's). */
  partyId: optionalReference(),
  role: z.enum(["IS", "ES", "GS", "ED", "GT", "RSA", "OU"], "Choose a User Role.").optional(),
});

/** The versions of a party's thresholds (per role, newest first) or of the DCC's, with their rows. */
export async function listThresholdVersions(actor: Actor, input: z.input<typeof thresholdVersionsSchema>) {
  authorize(actor, "tad.view");
  const { partyId, role } = thresholdVersionsSchema.parse(input);
  const allParties = seesAllParties(actor, "tad.view");
  if (!allParties && partyId && partyId !== actor.partyId) throw notFound("Those thresholds");
  // DCC thresholds are the DCC's own control: a party never sees them (knowing them would help stay under them).
  const owner = allParties ? (partyId && partyId !== DCC_SCOPE ? partyId : null) : actor.partyId;
  return db().thresholdSet.findMany({
    where: { partyId: owner, ...(owner && role ? { userRole: role } : {}) },
    orderBy: [{ userRole: "asc" }, { version: "desc" }],
    take: MAX_VERSIONS,
    include: {
      thresholds: { orderBy: [{ srv: "asc" }, { kind: "asc" }] },
      submission: { select: { id: true, reference: true } },
      createdBy: { select: { name: true } },
    },
  });
}

export const restoreThresholdsSchema = z.object({ setId: reference("Which thresholds?") });

/**
 * Puts back the version before a temporary one (SMKI recovery, §1.12), as a new version with the same rows: the
 * history keeps the temporary change. Only the active temporary version can be restored, once. The DCC restores its
 * own (and may any party's); a party's ARO restores its party's, as it raised the temporary ADT File. The SSC is told
 * of a party's, as of every ADT applied.
 */
export async function restorePreviousThresholds(actor: Actor, input: z.input<typeof restoreThresholdsSchema>): Promise<ThresholdSet> {
  authorize(actor, "tad.thresholds.restore");
  const { setId } = restoreThresholdsSchema.parse(input);
  return db().$transaction(async (tx) => {
    const current = await tx.thresholdSet.findUnique({ where: { id: setId }, include: { party: { select: { name: true, eui64: true } } } });
    // Another party's thresholds, or the DCC's to a party, read as missing.
    if (!current || (!seesAllParties(actor, "tad.thresholds.restore") && current.partyId !== actor.partyId)) throw notFound("Those thresholds");
    if (!current.active || !current.temporary) {
      throw new AppError("CONFLICT", `Version ${current.version} is ${current.active ? "not a temporary change" : "no longer in force"}: there is nothing to restore.`);
    }
    const previous = await tx.thresholdSet.findFirst({
      where: { partyId: current.partyId, userRole: current.userRole, version: { lt: current.version } },
      orderBy: { version: "desc" },
      include: { thresholds: true },
    });
    if (!previous) throw new AppError("CONFLICT", `Version ${current.version} is the first: there is no earlier version to restore.`);
    const restored = await applyThresholdSet(tx, actor, { partyId: current.partyId, userRole: current.userRole, rows: previous.thresholds });
    await audit(tx, actor, {
      action: "tad.thresholds.restore",
      entityType: "ThresholdSet",
      entityId: restored.id,
      partyId: current.partyId,
      before: { version: current.version, temporary: true },
      after: { version: restored.version, restoredFrom: previous.version },
    });
    if (current.party) {
      const owner = `${current.party.name} (${formatEui64(current.party.eui64)}) ${current.userRole}`;
      await enqueueEmails(tx, [
        {
          eventType: "tad.adt.restored",
          to: { address: sscEmail() },
          partyId: current.partyId,
          subject: `ADTs restored: ${owner}`,
          body: `The temporary Anomaly Detection Thresholds of ${owner}, version ${current.version}, were replaced by those of version ${previous.version}, now in force as version ${restored.version}.`,
        },
      ]);
    }
    return restored;
  });
}
