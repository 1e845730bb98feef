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
// errors is written. Applying is set-based (a few statements whatever the file size) in one transaction with its
// audit row.
import type { Fuel } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { londonDate, now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
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

/** Imports run one at a time (PostgreSQL advisory lock); the key is arbitrary but fixed. */
const IMPORT_LOCK_KEY = 7_281_002;

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

async function openRecordsFor(tx: Tx, mpxns: string[]): Promise<Map<string, OpenRecord[]>> {
  const rows = await tx.$queryRaw<OpenRecord[]>`
    SELECT "id", "mpxn", "effectiveFrom", "supplierId", "networkOperatorId", "agentId"
    FROM "RegistrationRecord"
    WHERE "effectiveTo" IS NULL AND "mpxn" = ANY(${mpxns}::text[])`;
  const byMpxn = new Map<string, OpenRecord[]>();
  for (const row of rows) byMpxn.set(row.mpxn, [...(byMpxn.get(row.mpxn) ?? []), row]);
  return byMpxn;
}

type Resolved = RegistrationLine & { supplierId: string; networkOperatorId: string; agentId: string | null };

const sameParties = (record: OpenRecord, line: Resolved) =>
  record.supplierId === line.supplierId && record.networkOperatorId === line.networkOperatorId && record.agentId === line.agentId;

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

async function upsertMeterPoints(tx: Tx, lines: Resolved[]) {
  const [counts] = await tx.$queryRaw<{ created: number; updated: number }[]>`
    WITH up AS (
      INSERT INTO "MeterPoint" ("mpxn", "fuel", "addressLine", "town", "postcode", "uprn")
      SELECT x.mpxn, x.fuel::"Fuel", x.address_line, x.town, x.postcode, x.uprn
      FROM unnest(${lines.map((l) => l.mpxn)}::text[], ${lines.map((l) => l.fuel as Fuel)}::text[], ${lines.map((l) => l.addressLine)}::text[],
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

async function insertRecords(tx: Tx, lines: Resolved[], importId: string): Promise<number> {
  if (!lines.length) return 0;
  return tx.$executeRaw`
    INSERT INTO "RegistrationRecord" ("id", "mpxn", "effectiveFrom", "supplierId", "networkOperatorId", "agentId", "importId")
    SELECT gen_random_uuid()::text, x.mpxn, x.effective_from::timestamp(3), x.supplier_id, x.network_operator_id, x.agent_id, ${importId}
    FROM unnest(${lines.map((l) => l.mpxn)}::text[], ${lines.map((l) => iso(l.effectiveFrom))}::text[], ${lines.map((l) => l.supplierId)}::text[],
                ${lines.map((l) => l.networkOperatorId)}::text[], ${lines.map((l) => l.agentId)}::text[])
      AS x(mpxn, effective_from, supplier_id, network_operator_id, agent_id)`;
}

async function applyUpdate(tx: Tx, lines: Resolved[], open: Map<string, OpenRecord[]>, importId: string) {
  const endIds: string[] = [];
  const endAt: string[] = [];
  const changed: Resolved[] = [];
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

async function applyReplace(tx: Tx, lines: Resolved[], importId: string, full: boolean) {
  const mpxns = lines.map((l) => l.mpxn);
  const recordsReplaced = await tx.$executeRaw`
    DELETE FROM "RegistrationRecord" WHERE "effectiveTo" IS NULL AND "mpxn" = ANY(${mpxns}::text[])`;
  let recordsEnded = 0;
  if (full) {
    const operators = [...new Set(lines.map((l) => l.networkOperatorId))];
    recordsEnded = await tx.$executeRaw`
      UPDATE "RegistrationRecord" AS r SET "effectiveTo" = GREATEST(${iso(now())}::timestamp(3), r."effectiveFrom")
      WHERE r."effectiveTo" IS NULL AND r."networkOperatorId" = ANY(${operators}::text[])
        AND NOT EXISTS (SELECT 1 FROM unnest(${mpxns}::text[]) AS f(mpxn) WHERE f.mpxn = r."mpxn")`;
  }
  const recordsInserted = await insertRecords(tx, lines, importId);
  return { recordsEnded, recordsInserted, recordsReplaced, addressOnly: 0 };
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

/**
 * DCC admin imports a Registration Data file. Returns the RegistrationImport row (APPLIED or REJECTED, with every
 * line's errors) and, when applied, what changed. A rejected file changes nothing else.
 */
export async function importRegistrationFile(actor: Actor, input: ImportRegistrationInput) {
  authorize(actor, "registration.import");
  const data = importRegistrationSchema.parse(input);
  const parsed = parseRegistrationFile(data.content);

  return db().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
      const found = await tx.party.findMany({
        where: { eui64: { in: partyIdsIn(parsed.lines) } },
        select: { id: true, eui64: true, name: true, roles: true },
      });
      const parties = new Map(found.map((p) => [p.eui64, p]));
      const errors = [...parsed.errors, ...checkParties(parsed.lines, parties)];

      const lines = resolveParties(parsed.lines.filter((l) => resolvable(l, parties)), parties);
      const open = data.fileType === "UPDATE" && lines.length ? await openRecordsFor(tx, lines.map((l) => l.mpxn)) : new Map<string, OpenRecord[]>();
      if (data.fileType === "UPDATE") errors.push(...checkUpdateDates(lines, open));

      const base = { fileName: data.fileName, fileType: data.fileType, lineCount: parsed.lineCount, importedById: actor.accountId, createdAt: now() };
      if (errors.length) {
        const rejected = await tx.registrationImport.create({
          data: { ...base, status: "REJECTED", appliedCount: 0, lineErrors: sortErrors(errors).map((e) => ({ line: e.line, message: e.message })) },
        });
        return { import: rejected, summary: null };
      }

      const applied = await tx.registrationImport.create({ data: { ...base, status: "APPLIED", appliedCount: lines.length } });
      const meterPoints = await upsertMeterPoints(tx, lines);
      const records = data.fileType === "UPDATE" ? await applyUpdate(tx, lines, open, applied.id) : await applyReplace(tx, lines, applied.id, data.fileType === "FULL");
      const summary: RegistrationImportSummary = {
        lines: lines.length,
        meterPointsCreated: meterPoints.created,
        meterPointsUpdated: meterPoints.updated,
        ...records,
      };
      await audit(tx, actor, {
        action: "registration.import",
        entityType: "RegistrationImport",
        entityId: applied.id,
        partyId: null,
        after: { fileName: data.fileName, fileType: data.fileType, ...summary },
      });
      return { import: applied, summary };
    },
    // A large file takes a few seconds; the default 5 s interactive-transaction timeout is too tight on PGlite.
    { timeout: 120_000, maxWait: 60_000 },
  );
}
