// Steps shared by `npm start`, `npm test` and CI: generate the Prisma client, build, migrate, seed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PrismaClient } from "@/generated/prisma/client";
import { claimDataDir, dataFolder, databaseTarget, describeTarget, openAdapter } from "@/lib/database-adapter";
import { demoTrafficRate } from "@/lib/simulator/traffic/demo";
import { isDatabaseEmpty, seedDemoData } from "@/prisma/seed";
import { DEMO_QUARANTINE_PARTY, demoQuarantineEnabled, ensureDemoQuarantine } from "@/prisma/seed/quarantine";

export const root = path.resolve(__dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

/** Run a command to completion; with `log`, its output goes to that file instead of the terminal. */
export function run(command: string, args: string[], env: Record<string, string> = {}, log?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const output = log ? fs.openSync(log, "w") : "inherit";
    const child = spawn(command, args, { cwd: root, stdio: ["inherit", output, output], env: { ...process.env, ...env } });
    if (typeof output === "number") fs.closeSync(output);
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

export const step = (label: string) => console.log(`\n▸ ${label}`);

function newestMtime(entries: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(p)) visit(path.join(p, child));
    } else if (!/\.test\.tsx?$/.test(p)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  entries.forEach((e) => visit(path.join(root, e)));
  return newest;
}

function mtime(file: string): number {
  try {
    return fs.statSync(path.join(root, file)).mtimeMs;
  } catch {
    return 0;
  }
}

/** Generate the Prisma client when it is missing or older than the schema. */
export async function ensurePrismaClient() {
  if (mtime("generated/prisma/client.ts") > mtime("prisma/schema.prisma")) return;
  step("Generating the Prisma client");
  await run(bin("prisma"), ["generate"]);
}

const BUILD_INPUTS = ["app", "components", "lib", "generated", "prisma/schema.prisma", "next.config.js", "postcss.config.mjs", "package-lock.json"];

/**
 * Build the production bundle when there is none or a source file changed since the last build. The build's own
 * output (its experimental-flags banner, the route table) is for developers: it goes to a log file, shown when the
 * build fails.
 */
export async function ensureBuild() {
  if (mtime(".next/BUILD_ID") > newestMtime(BUILD_INPUTS)) return;
  const log = path.join(root, ".next-build.log");
  step(`Building the portal (production build; about a minute on 2 cores; its output in ${path.relative(root, log)})`);
  const started = Date.now();
  try {
    await run(bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" }, log);
  } catch (error) {
    console.error(fs.readFileSync(log, "utf8"));
    throw error;
  }
  console.log(`  built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Hold the embedded database folder from the first step to exit: migrate, seed and the server run under this lock. */
export function claimEmbeddedDatabase() {
  const target = databaseTarget();
  if (target.kind === "pglite" && target.dataDir) claimDataDir(target.dataDir);
}

export async function migrate(env: Record<string, string> = {}) {
  step(`Applying migrations to ${describeTarget()}`);
  await run(bin("prisma"), ["migrate", "deploy"], env);
}

/** The demo's quarantined batch, made anew once the last one's 120 hours are over; a failure never stops the start. */
async function topUpDemoQuarantine(db: PrismaClient) {
  try {
    const { "quarantined commands": count } = await ensureDemoQuarantine(db);
    if (count) console.log(`  ${count} fresh quarantined commands of ${DEMO_QUARANTINE_PARTY} for its SRO to decide (the earlier ones' 120 hours are over)`);
  } catch (error) {
    console.warn(`  Could not quarantine a fresh demo batch: ${error instanceof Error ? error.message : error}`);
  }
}

/** Seed the demo data when the database is empty; closes the embedded database before returning. */
export async function seedIfEmpty() {
  const opened = openAdapter();
  const db = new PrismaClient({ adapter: opened.adapter });
  try {
    await opened.ready();
    if (await isDatabaseEmpty(db)) {
      step("Seeding demo data (first start)");
      await seedDemoData(db, {
        keysDir: path.join(dataFolder(), "keys"),
        trafficRate: demoTrafficRate(),
        demoQuarantine: demoQuarantineEnabled(),
        log: (line) => console.log(`  ${line}`),
      });
    } else {
      console.log("\n▸ Database already holds data; keeping it");
      if (demoQuarantineEnabled()) await topUpDemoQuarantine(db);
    }
  } finally {
    await db.$disconnect();
    // PGlite is single-process: release it before the server opens the same data folder (unless it never opened:
    // close() would then replace the explained error with PGlite's own).
    if (opened.pglite?.ready) await opened.pglite.close();
  }
}
