// Seeding: how long the Smart Metering Inventory seed takes for N devices (BENCH_SEED_DEVICES, default 100 000) in a
// fresh database: in-memory PGlite, or with DATABASE_URL=postgres://... a new database on
// that server, dropped afterwards. Prints one JSON line: {name, n, ms, devices_per_s, backend}.
import { databaseTarget } from "@/lib/database-adapter";
import { DEFAULT_SEED } from "@/prisma/seed";
import { seedInventory } from "@/prisma/seed/inventory";
import { seedParties } from "@/prisma/seed/parties";
import { freshDatabase } from "./harness";

const DEVICES = Number((process.env.BENCH_SEED_DEVICES ?? "100000").replace(/_/g, ""));

export default async function seedBench() {
  if (!Number.isSafeInteger(DEVICES) || DEVICES < 0) throw new Error(`BENCH_SEED_DEVICES must be a whole number (got "${process.env.BENCH_SEED_DEVICES}")`);
  const { db, close } = await freshDatabase();
  const backend = databaseTarget().kind === "postgres" ? "postgresql" : "pglite";
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
