// Whole page requests over HTTP against a running production server, as the issue measures them (issue 14 goal, on
// PostgreSQL at 1M devices with the web processes `npm start` runs there: >= 200 req/s with p95 <= 100 ms at 10
// connections): autocannon, signed in as a supplier user (one session cookie), `/smi?q=<MPAN>` and
// `/smi/devices/<id>` on keys drawn uniformly at random from the server's database (when DATABASE_URL points at it;
// else the demo premises). Needs BENCH_BASE_URL (e.g. http://localhost:3000 after `npm start`).
// BENCH_HTTP_CONNECTIONS (default "1,10"), BENCH_HTTP_SECONDS per run (default 20), BENCH_HTTP_WARMUP_SECONDS before
// each page's runs (default 3), BENCH_HTTP_PAGES: only the pages whose path contains it (e.g. "devices").
import autocannon from "autocannon";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseTarget, openAdapter } from "@/lib/database-adapter";
import { DEMO_PASSWORD } from "@/prisma/seed/parties";
import { report } from "./harness";

const BASE = process.env.BENCH_BASE_URL;
const CONNECTIONS = (process.env.BENCH_HTTP_CONNECTIONS ?? "1,10").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_HTTP_WARMUP_SECONDS ?? 3);
const KEYS = 2_000;

async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]).filter((c) => c.includes("session-token"));
  if (!session.length) throw new Error(`sign-in as ${email} failed (${response.status})`);
  return [...cookies, ...session].join("; ");
}

/** Uniformly at random over the whole tables (TABLESAMPLE SYSTEM would draw them from a few pages). */
async function sampleKeys(): Promise<{ mpans: string[]; deviceIds: string[] }> {
  if (databaseTarget().kind !== "postgres") return { mpans: ["1400123456786"], deviceIds: ["0A1C4DDE00000101"] };
  const db = new PrismaClient({ adapter: openAdapter().adapter });
  try {
    const mpans = await db.$queryRawUnsafe<{ v: string }[]>(`SELECT mpxn AS v FROM "MeterPoint" WHERE fuel = 'ELECTRICITY' ORDER BY random() LIMIT ${KEYS}`);
    const ids = await db.$queryRawUnsafe<{ v: string }[]>(`SELECT id AS v FROM "Device" ORDER BY random() LIMIT ${KEYS}`);
    return { mpans: mpans.map((r) => r.v), deviceIds: ids.map((r) => r.v) };
  } finally {
    await db.$disconnect();
  }
}

/** Drive `path()` (a fresh random key each request) with `connections` for `seconds`; every response must be a 200. */
async function drive(name: string, cookie: string, path: () => string, connections: number, seconds: number, print = true) {
  const samples: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: BASE!, connections, duration: seconds, headers: { cookie }, requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: path() }) }] },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      samples.push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
  if (!print) return;
  report(`${name}, ${connections} connection${connections === 1 ? "" : "s"}`, samples, undefined, {
    requests_per_s: Math.round(samples.length / seconds),
    errors: result.errors + result.timeouts,
    non_200: samples.length - (statuses.get(200) ?? 0),
  });
}

export default async function smiPagesBench() {
  if (!BASE) {
    console.error("# smi-pages: skipped (set BENCH_BASE_URL to a running production server, e.g. http://localhost:3000)");
    return;
  }
  const cookie = await signIn("user@brightwater.demo");
  const { mpans, deviceIds } = await sampleKeys();
  const pick = (keys: string[]) => keys[Math.floor(Math.random() * keys.length)];
  const pages: [string, () => string][] = ([
    ["http GET /smi?q=<MPAN> (signed in)", () => `/smi?q=${pick(mpans)}`],
    ["http GET /smi/devices/<id> (signed in)", () => `/smi/devices/${pick(deviceIds)}`],
  ] as [string, () => string][]).filter(([name]) => name.includes(process.env.BENCH_HTTP_PAGES ?? ""));
  for (const [name, path] of pages) {
    if (WARMUP_SECONDS) await drive(name, cookie, path, Math.max(...CONNECTIONS), WARMUP_SECONDS, false);
    for (const connections of CONNECTIONS) await drive(name, cookie, path, connections, SECONDS);
  }
}
