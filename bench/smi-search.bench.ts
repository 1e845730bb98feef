// SMI search at scale against the floor: per key, the search function (parsing, permission check, the whole premises
// through Prisma) and a minimal indexed lookup of the same key through the plain driver (pg, or PGlite's own), run
// alternately on keys drawn uniformly at random; the ratio that matters is at p95 (goal: within 3x).
// BENCH_SMI_DEVICES (default 100k; the PostgreSQL figure is 1M) devices are seeded into a fresh database,
// or with BENCH_SMI_EXISTING=1 the database DATABASE_URL names is used as it is (seeded with `npm run seed`).
import { PrismaClient } from "@/generated/prisma/client";
import { loadActor } from "@/lib/auth/actor";
import { databaseTarget, openAdapter } from "@/lib/database-adapter";
import { setDatabase } from "@/lib/db";
import { searchDevices } from "@/lib/smi/search-devices";
import { readDevice } from "@/lib/smi/read-device";
import { DEFAULT_SEED, seedDemoData } from "@/prisma/seed";
import { freshDatabase, measure, measureAgainst, plainQuery, type PlainQuery } from "./harness";

const DEVICES = Number(process.env.BENCH_SMI_DEVICES ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SMI_SAMPLES ?? 500);

type Key = { q: string; property?: string };

/** Keys drawn uniformly at random from the whole table (TABLESAMPLE SYSTEM would take them from a few pages). */
async function sampleKeys(db: PrismaClient): Promise<Record<string, Key[]>> {
  const pick = async (sql: string) => (await db.$queryRawUnsafe<{ v: string; p?: string }[]>(sql)).map((r) => ({ q: r.v, ...(r.p ? { property: r.p } : {}) }));
  return {
    "Device ID": await pick(`SELECT id AS v FROM "Device" ORDER BY random() LIMIT ${SAMPLES}`),
    MPAN: await pick(`SELECT mpxn AS v FROM "MeterPoint" WHERE fuel = 'ELECTRICITY' ORDER BY random() LIMIT ${SAMPLES}`),
    MPRN: await pick(`SELECT mpxn AS v FROM "MeterPoint" WHERE fuel = 'GAS' ORDER BY random() LIMIT ${SAMPLES}`),
    UPRN: await pick(`SELECT uprn AS v FROM "MeterPoint" WHERE uprn IS NOT NULL AND length(uprn) > 10 ORDER BY random() LIMIT ${SAMPLES}`),
    "postcode + house number": await pick(`SELECT postcode AS v, split_part("addressLine", ' ', 1) AS p FROM "MeterPoint" ORDER BY random() LIMIT ${SAMPLES}`),
  };
}

/** The floor: the devices a key names by one indexed lookup, and nothing else (no premises, no paging, no Prisma). */
const FLOOR_SQL: Record<string, (key: Key) => [string, unknown[]]> = {
  "Device ID": (k) => [`SELECT * FROM "Device" WHERE id = $1`, [k.q]],
  MPAN: (k) => [`SELECT d.* FROM "DeviceMeterPoint" dmp JOIN "Device" d ON d.id = dmp."deviceId" WHERE dmp.mpxn = $1`, [k.q]],
  MPRN: (k) => [`SELECT d.* FROM "DeviceMeterPoint" dmp JOIN "Device" d ON d.id = dmp."deviceId" WHERE dmp.mpxn = $1`, [k.q]],
  UPRN: (k) => [
    `SELECT d.* FROM "MeterPoint" mp JOIN "DeviceMeterPoint" dmp ON dmp.mpxn = mp.mpxn JOIN "Device" d ON d.id = dmp."deviceId" WHERE mp.uprn = $1`,
    [k.q],
  ],
  "postcode + house number": (k) => [
    `SELECT d.* FROM "MeterPoint" mp JOIN "DeviceMeterPoint" dmp ON dmp.mpxn = mp.mpxn JOIN "Device" d ON d.id = dmp."deviceId"
     WHERE mp.postcode = $1 AND lower(mp."addressLine") LIKE $2`,
    [k.q, `${k.property!.toLowerCase()} %`],
  ],
};

async function seededDatabase(): Promise<{ db: PrismaClient; plain: PlainQuery; close: () => Promise<void>; devices: number }> {
  if (process.env.BENCH_SMI_EXISTING === "1") {
    const opened = openAdapter();
    await opened.ready();
    const db = new PrismaClient({ adapter: opened.adapter });
    setDatabase(db);
    const target = databaseTarget();
    const plain = await plainQuery(target.kind === "postgres" ? { url: target.url } : { pglite: opened.pglite! });
    return { db, plain: plain.query, close: async () => (await plain.close(), await db.$disconnect()), devices: await db.device.count() };
  }
  const { db, close, url, pglite } = await freshDatabase();
  const started = Date.now();
  await seedDemoData(db, { seed: DEFAULT_SEED, devices: DEVICES, incidents: 0 });
  await db.$executeRawUnsafe("ANALYZE");
  console.error(`# seeded ${DEVICES} devices in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const plain = await plainQuery(url ? { url } : { pglite: pglite! });
  return { db, plain: plain.query, close: async () => (await plain.close(), await close()), devices: DEVICES };
}

export default async function smiSearchBench() {
  const { db, plain, close, devices } = await seededDatabase();
  try {
    const user = (await loadActor((await db.account.findUniqueOrThrow({ where: { email: "user@brightwater.demo" } })).id))!;
    for (const [kind, keys] of Object.entries(await sampleKeys(db))) {
      if (!keys.length) continue;
      await measureAgainst(
        `smi.search floor: indexed lookup by ${kind}, plain driver (${devices} devices)`,
        (i) => plain(...FLOOR_SQL[kind](keys[i])),
        `smi.search searchDevices by ${kind} (${devices} devices)`,
        (i) => searchDevices(user, keys[i]),
        keys.length,
      );
    }
    const ids = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Device" ORDER BY random() LIMIT ${SAMPLES}`);
    await measure(`smi.readDevice detail view (${devices} devices)`, ids.length, (i) => readDevice(user, ids[i].id));
  } finally {
    await close();
  }
}
