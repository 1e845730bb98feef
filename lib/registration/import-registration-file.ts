// Importing a Registration Data file (processing.md §2.2, §2.4, §2.6): an admin "RDP upload".
//
// The three file types share one structure (L4973); they differ in what the file means (our reading, §2.6 line 285):
// - UPDATE (L4971, L7099, "the previous day's changes"): each line is a change for one MPxN. When the supplier,
//   network operator or agent differs from the current (open-ended) record, that record ends on effective_from
//   and a new one starts there; when they are the same, only the Metering Point's address is updated.
// - REFRESH (L4970, L7096, "a subset or the full set"): each line replaces the current record of its MPxN
//   (the open-ended record is deleted and the line inserted). History (ended records) and MPxNs not in the file
//   are untouched.
// - FULL (L4969, "all of the RDP's data"; §2.6 "replace the RDP's set"): a REFRESH of every line, and in addition
//   the current records of the file's Network Operators (L4943: each is responsible for its data) whose MPxN is
//   not in the file end now. Records of Network Operators absent from the file are untouched, so a gas RDP's full
//   file cannot end electricity registrations.
// A file with any error is rejected as a whole (§2.4 step 3): only the RegistrationImport row with every line's
// errors is written. An accepted file is staged and applied in batches, each its own short transaction (on the
// embedded database every statement blocks every request, and a 60,000-line file takes seconds): a batch applies its
// lines set-based and deletes them from the stage, so an import interrupted by a restart is finished, exactly once,
// by the next one. Readers may see part of a file applied while it runs; each MPxN's change is whole.
import { setImmediate as nextTurn } from "node:timers/promises";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import type { Fuel } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { londonDate, now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import {
  checkParties,
  describeMpxn,
  isComplete,
  lineError,
  parseRegistrationFile,
  partyIdsIn,
  sortErrors,
  type DraftLine,
  type PartyForCheck,
  type RegistrationLine,
} from "./parse-registration-file";
import { importRegistrationSchema, type ImportRegistrationInput, type LineError, type RegistrationImportSummary } from "./schemas";

/** Lines per short transaction (staged, checked or applied): under 0.1 s of work on the embedded database, which blocks the server while it runs. */
export const BATCH_LINES = 1_000;
/** An APPLYING import with no batch committed for this long was interrupted (its process stopped). */
export const INTERRUPTED_AFTER_MS = 60_000;

interface OpenRecord {
  id: string;
  mpxn: string;
  effectiveFrom: Date;
  supplierId: string;
  networkOperatorId: string;
  agentId: string | null;
}

/** Timestamps travel as ISO text and are cast in SQL; the columns are `timestamp(3)` holding UTC. */
const iso = (d: Date) => d.toISOString();

async function openRecordsFor(tx: Tx | PrismaClient, mpxns: string[]): Promise<Map<string, OpenRecord[]>> {
  const rows = await tx.$queryRaw<OpenRecord[]>`
    SELECT "id", "mpxn", "effectiveFrom", "supplierId", "networkOperatorId", "agentId"
    FROM "RegistrationRecord"
    WHERE "effectiveTo" IS NULL AND "mpxn" = ANY(${mpxns}::text[])`;
  const byMpxn = new Map<string, OpenRecord[]>();
  for (const row of rows) byMpxn.set(row.mpxn, [...(byMpxn.get(row.mpxn) ?? []), row]);
  return byMpxn;
}

type Resolved = RegistrationLine & { supplierId: string; networkOperatorId: string; agentId: string | null };

/** A line as staged in RegistrationImportLine: what applying it needs. */
interface StagedLine {
  line: number;
  mpxn: string;
  fuel: Fuel;
  effectiveFrom: Date;
  supplierId: string;
  networkOperatorId: string;
  agentId: string | null;
  addressLine: string;
  town: string;
  postcode: string;
  uprn: string | null;
}

const sameParties = (record: OpenRecord, line: StagedLine) =>
  record.supplierId === line.supplierId && record.networkOperatorId === line.networkOperatorId && record.agentId === line.agentId;

function* batches<T>(items: T[]): Generator<T[]> {
  for (let at = 0; at < items.length; at += BATCH_LINES) yield items.slice(at, at + BATCH_LINES);
}

/** UPDATE: the change must start after the record it supersedes, or the history would run backwards. */
function checkUpdateDates(lines: Resolved[], open: Map<string, OpenRecord[]>): LineError[] {
  const errors: LineError[] = [];
  for (const line of lines) {
    const records = open.get(line.mpxn) ?? [];
    if (records.length === 1 && sameParties(records[0], line)) continue;
    const latest = records.reduce<Date | null>((max, r) => (!max || r.effectiveFrom > max ? r.effectiveFrom : max), null);
    if (latest && line.effectiveFrom <= latest) {
      errors.push(
        lineError(
          line.line,
          `effective_from ${londonDate(line.effectiveFrom)} is not after ${londonDate(latest)}, when the current registration of ${describeMpxn(line)} started; send a refresh file to correct it`,
        ),
      );
    }
  }
  return errors;
}

async function upsertMeterPoints(tx: Tx, lines: StagedLine[]) {
  const [counts] = await tx.$queryRaw<{ created: number; updated: number }[]>`
    WITH up AS (
      INSERT INTO "MeterPoint" ("mpxn", "fuel", "addressLine", "town", "postcode", "uprn")
      SELECT x.mpxn, x.fuel::"Fuel", x.address_line, x.town, x.postcode, x.uprn
      FROM unnest(${lines.map((l) => l.mpxn)}::text[], ${lines.map((l) => l.fuel)}::text[], ${lines.map((l) => l.addressLine)}::text[],
                  ${lines.map((l) => l.town)}::text[], ${lines.map((l) => l.postcode)}::text[], ${lines.map((l) => l.uprn)}::text[])
        AS x(mpxn, fuel, address_line, town, postcode, uprn)
      ON CONFLICT ("mpxn") DO UPDATE SET
        "fuel" = EXCLUDED."fuel", "addressLine" = EXCLUDED."addressLine", "town" = EXCLUDED."town",
        "postcode" = EXCLUDED."postcode", "uprn" = EXCLUDED."uprn"
      WHERE ("MeterPoint"."fuel", "MeterPoint"."addressLine", "MeterPoint"."town", "MeterPoint"."postcode", "MeterPoint"."uprn")
        IS DISTINCT FROM (EXCLUDED."fuel", EXCLUDED."addressLine", EXCLUDED."town", EXCLUDED."postcode", EXCLUDED."uprn")
      RETURNING (xmax = 0) AS inserted
    )
    SELECT (count(*) FILTER (WHERE inserted))::int AS created, (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM up`;
  return counts;
}

async function insertRecords(tx: Tx, lines: StagedLine[], importId: string): Promise<number> {
  if (!lines.length) return 0;
  return tx.$executeRaw`
    INSERT INTO "RegistrationRecord" ("id", "mpxn", "effectiveFrom", "supplierId", "networkOperatorId", "agentId", "importId")
    SELECT gen_random_uuid()::text, x.mpxn, x.effective_from::timestamp(3), x.supplier_id, x.network_operator_id, x.agent_id, ${importId}
    FROM unnest(${lines.map((l) => l.mpxn)}::text[], ${lines.map((l) => iso(l.effectiveFrom))}::text[], ${lines.map((l) => l.supplierId)}::text[],
                ${lines.map((l) => l.networkOperatorId)}::text[], ${lines.map((l) => l.agentId)}::text[])
      AS x(mpxn, effective_from, supplier_id, network_operator_id, agent_id)`;
}

async function applyUpdate(tx: Tx, lines: StagedLine[], importId: string) {
  const open = await openRecordsFor(tx, lines.map((l) => l.mpxn));
  const endIds: string[] = [];
  const endAt: string[] = [];
  const changed: StagedLine[] = [];
  for (const line of lines) {
    const records = open.get(line.mpxn) ?? [];
    if (records.length === 1 && sameParties(records[0], line)) continue;
    for (const r of records) {
      endIds.push(r.id);
      endAt.push(iso(line.effectiveFrom));
    }
    changed.push(line);
  }
  const recordsEnded = endIds.length
    ? await tx.$executeRaw`
        UPDATE "RegistrationRecord" AS r SET "effectiveTo" = x.effective_to::timestamp(3)
        FROM unnest(${endIds}::text[], ${endAt}::text[]) AS x(id, effective_to)
        WHERE r."id" = x.id`
    : 0;
  const recordsInserted = await insertRecords(tx, changed, importId);
  return { recordsEnded, recordsInserted, recordsReplaced: 0, addressOnly: lines.length - changed.length };
}

/** REFRESH, and FULL line by line: each line's current record is deleted and the line inserted. */
async function applyReplace(tx: Tx, lines: StagedLine[], importId: string) {
  const recordsReplaced = await tx.$executeRaw`
    DELETE FROM "RegistrationRecord" WHERE "effectiveTo" IS NULL AND "mpxn" = ANY(${lines.map((l) => l.mpxn)}::text[])`;
  const recordsInserted = await insertRecords(tx, lines, importId);
  return { recordsEnded: 0, recordsInserted, recordsReplaced, addressOnly: 0 };
}

/**
 * FULL, once every line is applied: one batch of the current records of the file's Network Operators that the file
 * did not write (their MPxN is not in it) ends now. Returns how many ended.
 */
async function endRecordsNotInFile(tx: Tx, importId: string): Promise<number> {
  return tx.$executeRaw`
    UPDATE "RegistrationRecord" AS r SET "effectiveTo" = GREATEST(${iso(now())}::timestamp(3), r."effectiveFrom")
    WHERE r."id" IN (
      SELECT o."id" FROM "RegistrationRecord" AS o
      WHERE o."effectiveTo" IS NULL AND o."importId" IS DISTINCT FROM ${importId}
        AND o."networkOperatorId" IN (SELECT DISTINCT "networkOperatorId" FROM "RegistrationRecord" WHERE "importId" = ${importId})
      LIMIT ${BATCH_LINES})`;
}

function resolveParties(lines: RegistrationLine[], parties: Map<string, PartyForCheck>): Resolved[] {
  return lines.map((l) => ({
    ...l,
    supplierId: parties.get(l.supplier)!.id,
    networkOperatorId: parties.get(l.networkOperator)!.id,
    agentId: l.agent ? parties.get(l.agent)!.id : null,
  }));
}

function resolvable(line: DraftLine, parties: Map<string, PartyForCheck>): line is RegistrationLine {
  return isComplete(line) && parties.has(line.supplier) && parties.has(line.networkOperator) && (!line.agent || parties.has(line.agent));
}

const NOTHING_YET: RegistrationImportSummary = {
  lines: 0,
  meterPointsCreated: 0,
  meterPointsUpdated: 0,
  recordsInserted: 0,
  recordsEnded: 0,
  recordsReplaced: 0,
  addressOnly: 0,
};

function added(a: RegistrationImportSummary, b: Partial<RegistrationImportSummary>): RegistrationImportSummary {
  const sum = { ...a };
  for (const key of Object.keys(NOTHING_YET) as (keyof RegistrationImportSummary)[]) sum[key] += b[key] ?? 0;
  return sum;
}

async function stageLines(importId: string, lines: Resolved[]) {
  for (const batch of batches(lines)) {
    await db().$executeRaw`
      INSERT INTO "RegistrationImportLine"
        ("importId", "line", "mpxn", "fuel", "effectiveFrom", "supplierId", "networkOperatorId", "agentId", "addressLine", "town", "postcode", "uprn")
      SELECT ${importId}, x.line, x.mpxn, x.fuel::"Fuel", x.effective_from::timestamp(3), x.supplier_id, x.network_operator_id, x.agent_id,
             x.address_line, x.town, x.postcode, x.uprn
      FROM unnest(${batch.map((l) => l.line)}::int[], ${batch.map((l) => l.mpxn)}::text[], ${batch.map((l) => l.fuel)}::text[],
                  ${batch.map((l) => iso(l.effectiveFrom))}::text[], ${batch.map((l) => l.supplierId)}::text[],
                  ${batch.map((l) => l.networkOperatorId)}::text[], ${batch.map((l) => l.agentId)}::text[],
                  ${batch.map((l) => l.addressLine)}::text[], ${batch.map((l) => l.town)}::text[], ${batch.map((l) => l.postcode)}::text[],
                  ${batch.map((l) => l.uprn)}::text[])
        AS x(line, mpxn, fuel, effective_from, supplier_id, network_operator_id, agent_id, address_line, town, postcode, uprn)`;
    await db().registrationImport.update({ where: { id: importId }, data: { progressAt: now() } });
    await nextTurn();
  }
}

type ImportRow = Awaited<ReturnType<PrismaClient["registrationImport"]["findUniqueOrThrow"]>>;

/**
 * Apply an import's staged lines a batch per transaction, then (FULL) end the records the file omits, then mark it
 * APPLIED with its audit row. Each batch records its progress with its changes, so a resumed import goes on from
 * where it stopped and its summary covers the whole file.
 */
async function applyStaged(actor: Actor, row: ImportRow): Promise<{ import: ImportRow; summary: RegistrationImportSummary }> {
  let summary = (row.summary as RegistrationImportSummary | null) ?? NOTHING_YET;
  const save = (tx: Tx, next: RegistrationImportSummary, appliedLines = 0) =>
    tx.registrationImport.update({ where: { id: row.id }, data: { summary: { ...next }, appliedCount: { increment: appliedLines }, progressAt: now() } });

  // Batches are read after the last line applied, never from the start: the deleted lines before it stay in the
  // index until vacuumed, and skipping them on every batch made the batches ever slower.
  for (let after = 0; ; ) {
    const next = await db().$transaction(async (tx) => {
      const batch = await tx.$queryRaw<StagedLine[]>`
        SELECT "line", "mpxn", "fuel", "effectiveFrom", "supplierId", "networkOperatorId", "agentId", "addressLine", "town", "postcode", "uprn"
        FROM "RegistrationImportLine" WHERE "importId" = ${row.id} AND "line" > ${after} ORDER BY "line" LIMIT ${BATCH_LINES}`;
      if (!batch.length) return null;
      const meterPoints = await upsertMeterPoints(tx, batch);
      const records = row.fileType === "UPDATE" ? await applyUpdate(tx, batch, row.id) : await applyReplace(tx, batch, row.id);
      const last = batch.at(-1)!.line;
      await tx.$executeRaw`DELETE FROM "RegistrationImportLine" WHERE "importId" = ${row.id} AND "line" > ${after} AND "line" <= ${last}`;
      const total = added(summary, { lines: batch.length, meterPointsCreated: meterPoints.created, meterPointsUpdated: meterPoints.updated, ...records });
      await save(tx, total, batch.length);
      return { total, last };
    });
    if (!next) break;
    summary = next.total;
    after = next.last;
    await nextTurn();
  }

  if (row.fileType === "FULL") {
    for (;;) {
      const next = await db().$transaction(async (tx) => {
        const ended = await endRecordsNotInFile(tx, row.id);
        if (!ended) return null;
        const total = added(summary, { recordsEnded: ended });
        await save(tx, total);
        return total;
      });
      if (!next) break;
      summary = next;
      await nextTurn();
    }
  }

  const importer = (await loadActor(row.importedById)) ?? actor;
  return db().$transaction(async (tx) => {
    const applied = await tx.registrationImport.update({ where: { id: row.id }, data: { status: "APPLIED", progressAt: null, summary: Prisma.DbNull } });
    await audit(tx, importer, {
      action: "registration.import",
      entityType: "RegistrationImport",
      entityId: row.id,
      partyId: null,
      after: { fileName: row.fileName, fileType: row.fileType, ...summary },
    });
    return { import: applied, summary };
  });
}

/** Drop an import's staged lines, a batch per statement. */
async function dropStaged(importId: string) {
  while (
    await db().$executeRaw`
      DELETE FROM "RegistrationImportLine" WHERE "importId" = ${importId}
        AND "line" IN (SELECT "line" FROM "RegistrationImportLine" WHERE "importId" = ${importId} ORDER BY "line" LIMIT ${BATCH_LINES})`
  ) {
    await nextTurn();
  }
}

async function reject(importId: string, errors: LineError[]) {
  await dropStaged(importId);
  return db().registrationImport.update({
    where: { id: importId },
    data: { status: "REJECTED", appliedCount: 0, progressAt: null, summary: Prisma.DbNull, lineErrors: sortErrors(errors).map((e) => ({ line: e.line, message: e.message })) },
  });
}

/**
 * An import whose process stopped (no batch for INTERRUPTED_AFTER_MS) is finished by the next one: applied to the
 * end once it was fully staged, otherwise rejected with nothing changed. Taking it over is a guarded update, so
 * only one of several imports arriving together finishes it.
 */
async function finishInterruptedImport(actor: Actor) {
  const stale = await db().registrationImport.findFirst({
    where: { status: "APPLYING", progressAt: { lt: new Date(now().getTime() - INTERRUPTED_AFTER_MS) } },
  });
  if (!stale) return;
  const { count } = await db().registrationImport.updateMany({ where: { id: stale.id, progressAt: stale.progressAt }, data: { progressAt: now() } });
  if (!count) return;
  if (stale.summary === null) {
    await reject(stale.id, [lineError(1, "the import stopped (the portal was restarted) before the whole file was read; nothing was changed: upload it again")]);
  } else {
    await applyStaged(actor, stale);
  }
}

/** Claim the one import slot: the partial unique index on progressAt lets one import apply at a time. */
async function claimImportSlot(data: Omit<ImportRow, "id" | "status" | "appliedCount" | "lineErrors" | "progressAt" | "summary">): Promise<ImportRow> {
  try {
    return await db().registrationImport.create({ data: { ...data, status: "APPLYING", appliedCount: 0, progressAt: now() } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const running = await db().registrationImport.findFirst({ where: { status: "APPLYING" }, select: { fileName: true, appliedCount: true, lineCount: true } });
    const progress = running ? `${running.fileName}: ${running.appliedCount.toLocaleString("en-GB")} of ${running.lineCount.toLocaleString("en-GB")} lines applied` : "just started";
    throw new AppError("CONFLICT", `Another Registration Data file is being imported (${progress}). Try again when it has finished.`);
  }
}

/**
 * DCC admin imports a Registration Data file. Returns the RegistrationImport row (APPLIED or REJECTED, with every
 * line's errors) and, when applied, what changed. A rejected file changes nothing else. Reading and checking the
 * file happen outside any transaction; applying it takes many short ones (see the top of this file).
 */
export async function importRegistrationFile(actor: Actor, input: ImportRegistrationInput) {
  authorize(actor, "registration.import");
  const data = importRegistrationSchema.parse(input);
  const parsed = await parseRegistrationFile(data.content);

  const found = await db().party.findMany({
    where: { eui64: { in: partyIdsIn(parsed.lines) } },
    select: { id: true, eui64: true, name: true, roles: true },
  });
  const parties = new Map(found.map((p) => [p.eui64, p]));
  const errors = [...parsed.errors, ...checkParties(parsed.lines, parties)];
  const lines = resolveParties(parsed.lines.filter((l) => resolvable(l, parties)), parties);
  const base = { fileName: data.fileName, fileType: data.fileType, lineCount: parsed.lineCount, importedById: actor.accountId, createdAt: now() };
  if (errors.length) {
    const rejected = await db().registrationImport.create({
      data: { ...base, status: "REJECTED", appliedCount: 0, lineErrors: sortErrors(errors).map((e) => ({ line: e.line, message: e.message })) },
    });
    return { import: rejected, summary: null };
  }

  await finishInterruptedImport(actor);
  const claimed = await claimImportSlot(base);
  // Checked while holding the slot: no other import can change the current records meanwhile.
  if (data.fileType === "UPDATE") {
    const dateErrors: LineError[] = [];
    for (const batch of batches(lines)) {
      dateErrors.push(...checkUpdateDates(batch, await openRecordsFor(db(), batch.map((l) => l.mpxn))));
      await nextTurn();
    }
    if (dateErrors.length) return { import: await reject(claimed.id, dateErrors), summary: null };
  }
  await stageLines(claimed.id, lines);
  // Fully staged: from here an interrupted import is finished, not dropped.
  const staged = await db().registrationImport.update({ where: { id: claimed.id }, data: { summary: { ...NOTHING_YET }, progressAt: now() } });
  return applyStaged(actor, staged);
}
