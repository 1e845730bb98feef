// SMI search at scale: the lib search function per key against the raw SQL of the same lookup, in one run.
// BENCH_SMI_DEVICES (default 100k; the PostgreSQL figure is 1M) devices are seeded into a fresh database,
// or with BENCH_SMI_EXISTING=1 the database DATABASE_URL names is used as it is (seeded with `npm run seed`).
import { PrismaClient } from "@/generated/prisma/client";
import { loadActor } from "@/lib/auth/actor";
import { openAdapter } from "@/lib/database-adapter";
import { setDatabase } from "@/lib/db";
import { parseSearchKey, searchParamsSchema } from "@/lib/smi/search-query";
import { keyedSearchSql, searchDevices } from "@/lib/smi/search-devices";
import { readDevice } from "@/lib/smi/read-device";
import { DEFAULT_SEED, seedDemoData } from "@/prisma/seed";
import { freshDatabase, measure } from "./harness";

const DEVICES = Number(process.env.BENCH_SMI_DEVICES ?? 100_000);
const SAMPLES = 300;

async function sampleKeys(db: PrismaClient) {
  const pick = async (sql: string) => (await db.$queryRawUnsafe<{ v: string; p?: string }[]>(sql)).map((r) => ({ q: r.v, property: r.p ?? "" }));
  return {
    "Device ID": await pick(`SELECT id AS v FROM "Device" TABLESAMPLE SYSTEM (5) LIMIT ${SAMPLES}`),
    MPAN: await pick(`SELECT mpxn AS v FROM "MeterPoint" TABLESAMPLE SYSTEM (5) WHERE fuel = 'ELECTRICITY' LIMIT ${SAMPLES}`),
    MPRN: await pick(`SELECT mpxn AS v FROM "MeterPoint" TABLESAMPLE SYSTEM (5) WHERE fuel = 'GAS' LIMIT ${SAMPLES}`),
    UPRN: await pick(`SELECT uprn AS v FROM "MeterPoint" TABLESAMPLE SYSTEM (5) WHERE uprn IS NOT NULL AND length(uprn) > 10 LIMIT ${SAMPLES}`),
    "postcode + house number": await pick(
      `SELECT postcode AS v, split_part("addressLine", ' ', 1) AS p FROM "MeterPoint" TABLESAMPLE SYSTEM (5) LIMIT ${SAMPLES}`,
    ),
  };
}

async function seededDatabase(): Promise<{ db: PrismaClient; close: () => Promise<void>; devices: number }> {
  if (process.env.BENCH_SMI_EXISTING === "1") {
    const db = new PrismaClient({ adapter: openAdapter().adapter });
    setDatabase(db);
    return { db, close: () => db.$disconnect(), devices: await db.device.count() };
  }
  const { db, close } = await freshDatabase();
  const started = Date.now();
  await seedDemoData(db, { seed: DEFAULT_SEED, devices: DEVICES, incidents: 0 });
  await db.$executeRawUnsafe("ANALYZE");
  console.error(`# seeded ${DEVICES} devices in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { db, close, devices: DEVICES };
}

export default async function smiSearchBench() {
  const { db, close, devices: DEVICES } = await seededDatabase();
  try {
    const user = (await loadActor((await db.account.findUniqueOrThrow({ where: { email: "user@brightwater.demo" } })).id))!;
    for (const [kind, keys] of Object.entries(await sampleKeys(db))) {
      if (!keys.length) continue;
      const sqls = keys.map((key) => {
        const params = searchParamsSchema.parse(key);
        return keyedSearchSql(parseSearchKey(params)!, params);
      });
      const raw = await measure(`smi.search raw SQL by ${kind} (${DEVICES} devices)`, keys.length, (i) => db.$queryRaw(sqls[i]));
      await measure(`smi.search searchDevices by ${kind} (${DEVICES} devices)`, keys.length, (i) => searchDevices(user, keys[i]), raw);
    }
    const ids = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Device" TABLESAMPLE SYSTEM (5) LIMIT ${SAMPLES}`);
    await measure(`smi.readDevice detail view (${DEVICES} devices)`, ids.length, (i) => readDevice(user, ids[i].id));
  } finally {
    await close();
  }
}
