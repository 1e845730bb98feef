// `npm run seed` seeds demo data into the configured database when it is empty.
//   --seed N       changes the random seed (same seed, same data)
//   --devices N    Smart Metering Inventory size (default 20 000; 1_000_000, 1000000 and 1e6 all work)
//   --incidents N  Incident Management Log size (default 3 000, the demo incidents included; 0 for none)
import path from "node:path";
import { parseArgs } from "node:util";
import { Presets, SingleBar } from "cli-progress";
import { PrismaClient } from "@/generated/prisma/client";
import { dataFolder, describeTarget, openAdapter } from "@/lib/database-adapter";
import { DEFAULT_DEVICES, DEFAULT_INCIDENTS, DEFAULT_SEED, isDatabaseEmpty, seedDemoData } from "./index";
import { demoQuarantineEnabled } from "./quarantine";

/** "1_000_000", "1,000,000", "1000000" or "1e6" -> 1000000; anything else (negative, fractional, text) -> null. */
export function parseCount(input: string): number | null {
  const value = Number(input.trim().replace(/[_,]/g, ""));
  return input.trim() !== "" && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

class UsageError extends Error {}

function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(0)} s`;
}

async function main() {
  let values: { seed?: string; devices?: string; incidents?: string };
  try {
    ({ values } = parseArgs({ options: { seed: { type: "string" }, devices: { type: "string" }, incidents: { type: "string" } }, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : error}. Usage: npm run seed -- [--devices N] [--incidents N] [--seed N]`);
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : parseCount(values.seed);
  const devices = values.devices === undefined ? DEFAULT_DEVICES : parseCount(values.devices);
  if (seed === null) throw new UsageError(`--seed must be a whole number (got "${values.seed}")`);
  if (devices === null) throw new UsageError(`--devices must be a whole number such as 20000, 1_000_000 or 1e6 (got "${values.devices}")`);
  const incidents = values.incidents === undefined ? DEFAULT_INCIDENTS : parseCount(values.incidents);
  if (incidents === null) throw new UsageError(`--incidents must be a whole number such as 3000, 100_000 or 1e5 (got "${values.incidents}")`);

  const opened = openAdapter();
  const db = new PrismaClient({ adapter: opened.adapter });
  let bar: SingleBar | undefined;
  try {
    await opened.ready();
    if (!(await isDatabaseEmpty(db))) {
      console.log(`${describeTarget()} already holds data; nothing seeded (seed an empty database, e.g. a new one).`);
      return;
    }
    console.log(`Seeding ${describeTarget()}: ${devices.toLocaleString("en-GB")} devices, ${incidents.toLocaleString("en-GB")} incidents, seed ${seed}`);
    const started = Date.now();
    const created = await seedDemoData(db, {
      seed,
      devices,
      incidents,
      keysDir: path.join(dataFolder(), "keys"),
      demoQuarantine: demoQuarantineEnabled(),
      log: (line) => {
        bar?.stop();
        bar = undefined;
        console.log(line);
      },
      onProgress: (done, total, label = "devices") => {
        if (!bar) {
          bar = new SingleBar({ format: `${label} {bar} {percentage}% | {value}/{total} | {duration_formatted} elapsed, ETA {eta_formatted}` }, Presets.shades_classic);
          bar.start(total, 0);
        }
        bar.setTotal(total);
        bar.update(done);
      },
    });
    bar?.stop();
    const totals = Object.values(created).flatMap((counts) => Object.entries(counts));
    console.log(`Done in ${formatDuration(Date.now() - started)}: ${totals.map(([k, v]) => `${v.toLocaleString("en-GB")} ${k}`).join(", ")}.`);
  } finally {
    bar?.stop();
    await db.$disconnect();
    // Not when it never opened: close() would replace the explained error with PGlite's own.
    if (opened.pglite?.ready) await opened.pglite.close();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exit(1);
  });
}
