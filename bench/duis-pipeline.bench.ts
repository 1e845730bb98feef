// The DUIS pipeline core (no HTTP) on PostgreSQL with 1M devices (issue 11 target: >= 2,000 Non-Critical SRs/s
// accepted, checked and answered, I99 and I0 stored, with 2 workers on a 2-core machine). Each worker is a process
// (bench/workers/duis-pipeline-worker.ts) submitting batches into the one pipeline; prints the rate for 1 and 2.
// Needs DATABASE_URL=postgresql://... (a new database is created and dropped); BENCH_DUIS_DEVICES (default 1M) and
// BENCH_DUIS_REQUESTS (per run, default 20,000) scale it.
import { spawn } from "node:child_process";
import path from "node:path";
import { seedBenchWorld } from "./duis-world";
import { freshDatabase } from "./harness";

const DEVICES = Number(process.env.BENCH_DUIS_DEVICES ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_DUIS_REQUESTS ?? 20_000);

function runWorker(url: string, worker: number, count: number): Promise<{ requests: number; accepted: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "workers/duis-pipeline-worker.ts")], {
      env: { ...process.env, BENCH_DB_URL: url, DATABASE_URL: url, BENCH_COUNT: String(count), BENCH_DEVICES: String(DEVICES), BENCH_WORKER: String(worker) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`worker exited ${code}`))));
  });
}

export default async function main() {
  process.env.NEXTAUTH_SECRET ??= "bench-secret-shared-by-the-workers";
  const { db, close, url } = await freshDatabase();
  if (!url) {
    console.error("duis-pipeline: skipped (set DATABASE_URL=postgresql://...: the target is for N workers on one PostgreSQL)");
    await close();
    return;
  }
  try {
    const { seededMs } = await seedBenchWorld(db, DEVICES);
    console.error(`duis-pipeline: ${DEVICES} devices seeded in ${seededMs} ms`);

    let single = 0;
    for (const workers of [1, 2]) {
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: workers }, (_, w) => runWorker(url, w + workers * 10, Math.round(REQUESTS / workers))));
      const ms = performance.now() - started;
      const requests = results.reduce((n, r) => n + r.requests, 0);
      const accepted = results.reduce((n, r) => n + r.accepted, 0);
      const rate = Math.round((requests / ms) * 1000);
      if (workers === 1) single = rate;
      console.log(
        JSON.stringify({ name: `duis pipeline core: 4.1.1 accepted (I99) + answered (I0), ${workers} worker(s), ${DEVICES} devices`, n: requests, accepted, requests_per_s: rate, ms: Math.round(ms), scaling: workers > 1 ? Math.round((rate / single) * 100) / 100 : 1, backend: "postgresql" }),
      );
    }
  } finally {
    await close();
  }
}
