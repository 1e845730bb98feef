// Demo data, one module per domain. Later issues append their module to SEED_MODULES; each runs after the ones
// it depends on and reports what it created.
import type { PrismaClient } from "@/generated/prisma/client";
import { seedDemoTraffic } from "@/lib/simulator/traffic/demo";
import { seedCertificates } from "./certificates";
import { seedHistory } from "./history";
import { seedIncidents } from "./incidents";
import { seedInventory } from "./inventory";
import { seedOrders } from "./orders";
import { seedParties } from "./parties";
import { ensureDemoQuarantine } from "./quarantine";
import { seedReferencePremises } from "./reference-premises";
import { seedReturns } from "./returns";
import { seedThresholds } from "./thresholds";

export interface SeedOptions {
  seed: number;
  /**
   * Smart Metering Inventory size: devices at premises in all, the fixed demo devices (DEMO_INVENTORY) included; the
   * DCC's stock of CHs (CH_STOCK_PER_REGION per Region) comes on top.
   */
  devices: number;
  /** Incident Management Log size: incidents in all, the fixed demo incidents (DEMO_INCIDENTS) included; 0 for none. */
  incidents: number;
  /** CH ordering demo data: Delivery Locations, forecasts and orders of the demo suppliers (DEMO_ORDERS included). */
  orders: boolean;
  /** CH returns demo data: returns records, RMAs and their timelines (DEMO_RETURNS included); default: as `orders`. */
  returns: boolean;
  log: (line: string) => void;
  /** Progress of the bulk modules: items written so far, the total expected, and what they are (default devices). */
  onProgress?: (done: number, total: number, label?: string) => void;
  /**
   * Where to write each party's demo keys and certificates (`<EUI>.key.pem`, `<EUI>.crt.pem`...): the CLI and
   * `npm start` pass `<data dir>/keys`; unset (tests), nothing is written.
   */
  keysDir?: string;
  /** Requests a second of a running normal-day traffic run (the demo's background load); 0 (default, tests): none. */
  trafficRate: number;
  /** Brightwater's quarantined batch for its SRO (prisma/seed/quarantine.ts); false (default, tests): none. */
  demoQuarantine: boolean;
}

type SeedModule = { name: string; run: (db: PrismaClient, opts: SeedOptions) => Promise<Record<string, number>> };

export const SEED_MODULES: SeedModule[] = [
  { name: "parties and accounts", run: seedParties },
  { name: "smki certificates", run: seedCertificates },
  { name: "smart metering inventory", run: seedInventory },
  { name: "DUIS reference premises", run: seedReferencePremises },
  { name: "anomaly detection thresholds", run: seedThresholds },
  { name: "incident management log", run: seedIncidents },
  { name: "ch ordering", run: (db, opts) => (opts.orders ? seedOrders(db, opts) : Promise.resolve({ orders: 0 })) },
  { name: "ch returns", run: (db, opts) => (opts.returns ? seedReturns(db, opts) : Promise.resolve({ returns: 0 })) },
  // After the incidents and orders it tells the history of (their audit trail, emails) and the SMI's DCC Alerts.
  { name: "activity history", run: seedHistory },
  // After the incident log: the fixed demo incidents keep their references.
  { name: "demo quarantine", run: (db, opts) => (opts.demoQuarantine ? ensureDemoQuarantine(db) : Promise.resolve({ "quarantined commands": 0 })) },
  {
    name: "simulator traffic",
    run: (db, opts) => (opts.trafficRate > 0 ? seedDemoTraffic(db, { ratePerSecond: opts.trafficRate, seed: opts.seed }) : Promise.resolve({ "traffic runs": 0 })),
  },
];

export const DEFAULT_SEED = 20261124;
/** What `npm start` seeds into an empty database. */
export const DEFAULT_DEVICES = 20_000;
export const DEFAULT_INCIDENTS = 3_000;

export async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
  return (await db.party.count()) === 0;
}

/** Runs every seed module in order; returns what each created, by module name. */
export async function seedDemoData(db: PrismaClient, opts: Partial<SeedOptions> = {}): Promise<Record<string, Record<string, number>>> {
  const options: SeedOptions = {
    seed: opts.seed ?? DEFAULT_SEED,
    devices: opts.devices ?? DEFAULT_DEVICES,
    incidents: opts.incidents ?? DEFAULT_INCIDENTS,
    orders: opts.orders ?? true,
    returns: opts.returns ?? opts.orders ?? true,
    log: opts.log ?? (() => undefined),
    onProgress: opts.onProgress,
    keysDir: opts.keysDir,
    trafficRate: opts.trafficRate ?? 0,
    demoQuarantine: opts.demoQuarantine ?? false,
  };
  const created: Record<string, Record<string, number>> = {};
  for (const seedModule of SEED_MODULES) {
    const started = Date.now();
    const counts = await seedModule.run(db, options);
    created[seedModule.name] = counts;
    const summary = Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ");
    options.log(`seeded ${seedModule.name}: ${summary} (${Date.now() - started} ms)`);
  }
  return created;
}
