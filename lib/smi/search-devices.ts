// SMI search (SSI filters, inventory.md §5): by Device ID, MPAN, MPRN, UPRN or full postcode (+ house name or
// number), narrowed by device type, SMI Status, model and region. A key finds the whole premises: the meters on the
// Metering Points, the devices Associated to them and the rest of their Communications Hub's HAN.
import { Prisma } from "@/generated/prisma/client";
import type { CplStatus, CspRegion, DeviceType, SmiStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DEFAULT_PER_PAGE, toPage, type Page } from "@/lib/lists";
import { parseSearchKey, searchParamsSchema, type SearchKey, type SearchParams } from "./search-query";

export interface DeviceRow {
  id: string;
  deviceType: DeviceType;
  status: SmiStatus | null;
  cspRegion: CspRegion | null;
  manufacturer: string | null;
  modelName: string | null;
  cplStatus: CplStatus | null;
  mpxn: string | null;
  addressLine: string | null;
  postcode: string | null;
}

export interface DeviceSearch {
  key: SearchKey | null;
  params: SearchParams;
  page: Page<DeviceRow>;
  /** Filter-only searches count at most COUNT_CAP matches. */
  countCapped: boolean;
}

export const COUNT_CAP = 10_000;

/** Metering Points a key names. */
function meterPointsFor(key: Exclude<SearchKey, { kind: "deviceId" }>): Prisma.Sql {
  switch (key.kind) {
    case "mpan":
      return Prisma.sql`SELECT ${key.value}::text AS mpxn`;
    case "mprnOrUprn":
      return key.uprn
        ? Prisma.sql`SELECT ${key.value}::text AS mpxn UNION SELECT mpxn FROM "MeterPoint" WHERE uprn = ${key.uprn}`
        : Prisma.sql`SELECT ${key.value}::text AS mpxn`;
    case "uprn":
      return Prisma.sql`SELECT mpxn FROM "MeterPoint" WHERE uprn = ${key.value}`;
    case "postcode": {
      if (!key.property) return Prisma.sql`SELECT mpxn FROM "MeterPoint" WHERE postcode = ${key.value}`;
      const property = key.property.toLowerCase();
      return Prisma.sql`SELECT mpxn FROM "MeterPoint" WHERE postcode = ${key.value}
        AND (lower("addressLine") = ${property} OR lower("addressLine") LIKE ${`${property} %`} OR lower("addressLine") LIKE ${`${property},%`})`;
    }
  }
}

/** (id, mpxn) of every device the key finds. */
function matchedDevices(key: SearchKey): Prisma.Sql {
  if (key.kind === "deviceId") return Prisma.sql`SELECT id, NULL::text AS mpxn FROM "Device" WHERE id = ${key.value}`;
  return Prisma.sql`
    WITH points AS (${meterPointsFor(key)}),
    meters AS (SELECT dmp."deviceId" AS id, dmp.mpxn FROM "DeviceMeterPoint" dmp JOIN points p ON p.mpxn = dmp.mpxn),
    hop1 AS (
      SELECT a."associatedDeviceId" AS id, m.mpxn FROM meters m JOIN "DeviceAssociation" a ON a."deviceId" = m.id
      UNION
      SELECT a."deviceId", m.mpxn FROM meters m JOIN "DeviceAssociation" a ON a."associatedDeviceId" = m.id
    ),
    hop2 AS (
      SELECT a."deviceId" AS id, h.mpxn FROM hop1 h
      JOIN "Device" hub ON hub.id = h.id AND hub."deviceType" = 'CHF'
      JOIN "DeviceAssociation" a ON a."associatedDeviceId" = hub.id
    )
    SELECT DISTINCT ON (id) id, mpxn FROM (SELECT * FROM meters UNION ALL SELECT * FROM hop1 UNION ALL SELECT * FROM hop2) found ORDER BY id, mpxn`;
}

function filterSql(params: SearchParams): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (params.type) conditions.push(Prisma.sql`d."deviceType" = ${params.type}::"DeviceType"`);
  if (params.status) conditions.push(Prisma.sql`d.status = ${params.status}::"SmiStatus"`);
  if (params.model) conditions.push(Prisma.sql`d."modelId" = ${params.model}`);
  if (params.region) conditions.push(Prisma.sql`d."cspRegion" = ${params.region}::"CspRegion"`);
  return Prisma.join(conditions, " AND ");
}

const ROW_COLUMNS = Prisma.sql`d.id, d."deviceType", d.status, d."cspRegion", dm.manufacturer, dm.model AS "modelName", dm.status AS "cplStatus"`;

/** The page query of a keyed search; exported so the benchmark can time the same SQL raw. */
export function keyedSearchSql(key: SearchKey, params: SearchParams, perPage = DEFAULT_PER_PAGE): Prisma.Sql {
  return Prisma.sql`
    WITH matched AS (${matchedDevices(key)})
    SELECT ${ROW_COLUMNS}, mp.mpxn, mp."addressLine", mp.postcode, count(*) OVER ()::int AS total
    FROM matched
    JOIN "Device" d ON d.id = matched.id
    LEFT JOIN "DeviceModel" dm ON dm.id = d."modelId"
    LEFT JOIN "MeterPoint" mp ON mp.mpxn = COALESCE(matched.mpxn, (SELECT x.mpxn FROM "DeviceMeterPoint" x WHERE x."deviceId" = d.id AND x.role = 'PRIMARY'))
    WHERE ${filterSql(params)}
    ORDER BY d."deviceType", d.id
    LIMIT ${perPage} OFFSET ${(params.page - 1) * perPage}`;
}

export async function searchDevices(actor: Actor, rawParams: Record<string, unknown>, perPage = DEFAULT_PER_PAGE): Promise<DeviceSearch> {
  authorize(actor, "smi.search");
  // A bad search (too long, control characters) is shown beside the search box, like a key that does not parse.
  const parsed = searchParamsSchema.safeParse(rawParams);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  const params = parsed.data;
  const key = parseSearchKey(params);
  if (key) {
    const rows = await db().$queryRaw<(DeviceRow & { total: number })[]>(keyedSearchSql(key, params, perPage));
    const count = rows[0]?.total ?? (params.page > 1 ? await countKeyed(key, params) : 0);
    return { key, params, countCapped: false, page: toPage(rows.map(withoutTotal), count, params.page, perPage) };
  }
  const where = filterSql(params);
  const [rows, counted] = await Promise.all([
    db().$queryRaw<DeviceRow[]>`
      SELECT ${ROW_COLUMNS}, mp.mpxn, mp."addressLine", mp.postcode
      FROM "Device" d
      LEFT JOIN "DeviceModel" dm ON dm.id = d."modelId"
      LEFT JOIN "DeviceMeterPoint" dmp ON dmp."deviceId" = d.id AND dmp.role = 'PRIMARY'
      LEFT JOIN "MeterPoint" mp ON mp.mpxn = dmp.mpxn
      WHERE ${where}
      ORDER BY d.id
      LIMIT ${perPage} OFFSET ${(params.page - 1) * perPage}`,
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Device" d WHERE ${where} LIMIT ${COUNT_CAP + 1}) capped`,
  ]);
  const count = Math.min(counted[0].n, COUNT_CAP);
  return { key: null, params, countCapped: counted[0].n > COUNT_CAP, page: toPage(rows, count, params.page, perPage) };
}

/** A page past the end has no rows to carry the total; count the whole match instead. */
async function countKeyed(key: SearchKey, params: SearchParams): Promise<number> {
  const [{ n }] = await db().$queryRaw<{ n: number }[]>`
    WITH matched AS (${matchedDevices(key)})
    SELECT count(*)::int AS n FROM matched JOIN "Device" d ON d.id = matched.id WHERE ${filterSql({ ...params })}`;
  return n;
}

function withoutTotal({ total, ...row }: DeviceRow & { total: number }): DeviceRow {
  return row;
}

/** Every matching row, in batches, for the CSV export of the whole result. */
export async function* searchDevicesForExport(actor: Actor, rawParams: Record<string, unknown>, batchSize = 2_000): AsyncGenerator<DeviceRow[]> {
  for (let page = 1; ; page++) {
    const { page: result, countCapped } = await searchDevices(actor, { ...rawParams, page }, batchSize);
    if (result.data.length) yield result.data;
    // A capped count is not the end of the result: keep going until a short batch.
    if (result.data.length < batchSize || (!countCapped && page * batchSize >= result.count)) return;
  }
}
