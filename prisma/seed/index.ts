// Demo data, one module per domain. Later issues append their module to SEED_MODULES; each runs after the ones
// it depends on and reports what it created.
import type { PrismaClient } from "@/generated/prisma/client";
import { seedParties } from "./parties";

export interface SeedOptions {
  seed: number;
  log: (line: string) => void;
}

type SeedModule = { name: string; run: (db: PrismaClient, opts: SeedOptions) => Promise<Record<string, number>> };

export const SEED_MODULES: SeedModule[] = [{ name: "parties and accounts", run: seedParties }];

export const DEFAULT_SEED = 20261124;

export async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
  return (await db.party.count()) === 0;
}

export async function seedDemoData(db: PrismaClient, opts: Partial<SeedOptions> = {}) {
  const options: SeedOptions = { seed: opts.seed ?? DEFAULT_SEED, log: opts.log ?? (() => undefined) };
  for (const seedModule of SEED_MODULES) {
    const started = Date.now();
    const counts = await seedModule.run(db, options);
    const summary = Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ");
    options.log(`seeded ${seedModule.name}: ${summary} (${Date.now() - started} ms)`);
  }
}
