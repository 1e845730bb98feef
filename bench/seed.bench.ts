// Seeding: how long the Smart Metering Inventory seed takes for N devices (BENCH_SEED_DEVICES, default 100 000) in a
// fresh database: in-memory PGlite, or with DATABASE_URL=postgres://... a new database ssi_bench_seed_<random> on
// that server, dropped afterwards. Prints one JSON line: {name, n, ms, devices_per_s, backend}.
import crypto from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseTarget, openAdapter } from "@/lib/database-adapter";
import { migrationScripts } from "@/lib/testing/migrations";
import { DEFAULT_SEED } from "@/prisma/seed";
import { seedInventory } from "@/prisma/seed/inventory";
import { seedParties } from "@/prisma/seed/parties";

const DEVICES = Number((process.env.BENCH_SEED_DEVICES ?? "100000").replace(/_/g, ""));

async function freshSeedDatabase(): Promise<{ db: PrismaClient; backend: string; close: () => Promise<void> }> {
  const target = databaseTarget();
  if (target.kind === "postgres") {
    const server = new URL(target.url);
    const name = `ssi_bench_seed_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: Object.assign(new URL(server), { pathname: "/postgres" }).toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
    const migrator = new pg.Client({ connectionString: url });
    await migrator.connect();
    for (const sql of migrationScripts()) await migrator.query(sql);
    await migrator.end();
    const db = new PrismaClient({ adapter: openAdapter({ kind: "postgres", url }).adapter });
    return {
      db,
      backend: "postgresql",
      close: async () => {
        await db.$disconnect();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const pglite = new PGlite();
  for (const sql of migrationScripts()) await pglite.exec(sql);
  const db = new PrismaClient({ adapter: openAdapter({ kind: "pglite", dataDir: null }, { pglite }).adapter });
  return {
    db,
    backend: "pglite",
    close: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

export default async function seedBench() {
  if (!Number.isSafeInteger(DEVICES) || DEVICES < 0) throw new Error(`BENCH_SEED_DEVICES must be a whole number (got "${process.env.BENCH_SEED_DEVICES}")`);
  const { db, backend, close } = await freshSeedDatabase();
  try {
    await seedParties(db, { seed: DEFAULT_SEED });
    const started = process.hrtime.bigint();
    const counts = await seedInventory(db, { seed: DEFAULT_SEED, devices: DEVICES });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const rows = Object.entries(counts).filter(([k]) => k !== "CPL models").reduce((sum, [, v]) => sum + v, 0);
    console.log(
      JSON.stringify({
        name: `seed.inventory (${counts.devices} devices, ${rows} rows)`,
        n: counts.devices,
        ms: Math.round(ms),
        devices_per_s: Math.round(counts.devices / (ms / 1000)),
        backend,
      }),
    );
  } finally {
    await close();
  }
}
