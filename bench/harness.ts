// Benchmarks print one JSON line per measurement: {name, n, p50_ms, p95_ms, mean_ms, ratio_to_baseline?,
// p95_ratio_to_baseline?}.
// Numbers, never assertions: targets are read by people, not enforced by tests.
import crypto from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseTarget, openAdapter } from "@/lib/database-adapter";
import { TRANSACTION_OPTIONS, setDatabase } from "@/lib/db";
import { migrationScripts } from "@/lib/testing/migrations";

export interface Result {
  name: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  mean_ms: number;
  /** At p50. */
  ratio_to_baseline?: number;
  p95_ratio_to_baseline?: number;
  baseline?: string;
  backend: string;
  /** Extra figures of a measurement, e.g. max_ms. */
  [figure: string]: string | number | undefined;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function quantile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

let backend = databaseTarget().kind === "postgres" ? "postgresql" : "pglite";

/** Time `fn` n times after a warm-up and print the line; with a baseline, also the p50 and p95 ratios to it. */
export async function measure(name: string, n: number, fn: (i: number) => Promise<unknown>, baseline?: Result): Promise<Result> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return report(name, samples, baseline);
}

/**
 * Time `fn` against `floor` on the same n inputs, alternating which of the two runs first (neither always finds the
 * cache the other warmed), and print both lines, `fn`'s with its ratios to the floor.
 */
export async function measureAgainst(
  floorName: string,
  floor: (i: number) => Promise<unknown>,
  name: string,
  fn: (i: number) => Promise<unknown>,
  n: number,
): Promise<{ floor: Result; fn: Result }> {
  for (let i = 0; i < Math.min(20, n); i++) {
    await floor(i);
    await fn(i);
  }
  const time = async (work: (i: number) => Promise<unknown>, i: number, into: number[]) => {
    const started = process.hrtime.bigint();
    await work(i);
    into.push(Number(process.hrtime.bigint() - started) / 1e6);
  };
  const floorSamples: number[] = [];
  const fnSamples: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2) {
      await time(fn, i, fnSamples);
      await time(floor, i, floorSamples);
    } else {
      await time(floor, i, floorSamples);
      await time(fn, i, fnSamples);
    }
  }
  const floorResult = report(floorName, floorSamples);
  return { floor: floorResult, fn: report(name, fnSamples, floorResult) };
}

/** Print the line for samples (in ms) taken some other way, e.g. calls timed while something else runs. */
export function report(name: string, samples: number[], baseline?: Result, extra: Record<string, number> = {}): Result {
  const n = samples.length;
  samples = [...samples].sort((a, b) => a - b);
  const result: Result = {
    name,
    n,
    p50_ms: round(quantile(samples, 0.5)),
    p95_ms: round(quantile(samples, 0.95)),
    mean_ms: round(samples.reduce((a, b) => a + b, 0) / n),
    backend,
    ...extra,
  };
  if (baseline) {
    result.baseline = baseline.name;
    result.ratio_to_baseline = round(result.p50_ms / baseline.p50_ms);
    result.p95_ratio_to_baseline = round(result.p95_ms / baseline.p95_ms);
  }
  console.log(JSON.stringify(result));
  return result;
}

/** A query through the plain driver (pg, or PGlite's own), without Prisma: the floor a benchmark compares with. */
export type PlainQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

/** The plain driver on the database a URL names (PostgreSQL) or on an open PGlite. */
export async function plainQuery(target: { url: string } | { pglite: PGlite }): Promise<{ query: PlainQuery; close: () => Promise<void> }> {
  if ("pglite" in target) return { query: async (sql, params) => (await target.pglite.query(sql, params)).rows, close: async () => {} };
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  return { query: async (sql, params) => (await client.query(sql, params)).rows, close: () => client.end() };
}

/**
 * A fresh, migrated database for one benchmark file: in-memory PGlite by default, or with DATABASE_URL set to
 * postgres://..., a new database on that server (dropped by the returned close()). `pglite` is the in-memory one.
 */
export async function freshDatabase(): Promise<{ db: PrismaClient; close: () => Promise<void>; url?: string; pglite?: PGlite }> {
  const target = databaseTarget();
  if (target.kind === "postgres") {
    backend = "postgresql";
    const server = new URL(target.url);
    const name = `ssi_bench_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: Object.assign(new URL(server), { pathname: "/postgres" }).toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
    const migrator = new pg.Client({ connectionString: url });
    await migrator.connect();
    for (const sql of migrationScripts()) await migrator.query(sql);
    await migrator.end();
    // The portal's transaction limits (lib/db.ts), not Prisma's 5 s default: a 10,000-row file is measured as served.
    const db = new PrismaClient({ adapter: openAdapter({ kind: "postgres", url }).adapter, transactionOptions: TRANSACTION_OPTIONS });
    setDatabase(db);
    return {
      db,
      url,
      close: async () => {
        await db.$disconnect();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  backend = "pglite";
  const pglite = new PGlite();
  for (const sql of migrationScripts()) await pglite.exec(sql);
  const db = new PrismaClient({ adapter: openAdapter({ kind: "pglite", dataDir: null }, { pglite }).adapter });
  setDatabase(db);
  return {
    db,
    pglite,
    close: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}
