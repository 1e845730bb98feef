// Whole page requests over HTTP against a running production server, signed in as a supplier user:
// `/smi?q=<MPAN>` and `/smi/devices/<id>`. Needs BENCH_BASE_URL (e.g. http://localhost:3000 after `npm start`);
// keys are sampled from the server's database when DATABASE_URL points at it, else the demo premises is used.
import { PrismaClient } from "@/generated/prisma/client";
import { databaseTarget, openAdapter } from "@/lib/database-adapter";
import { DEMO_PASSWORD } from "@/prisma/seed/parties";
import { measure } from "./harness";

const BASE = process.env.BENCH_BASE_URL;
const N = Number(process.env.BENCH_PAGE_REQUESTS ?? 200);

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

async function sampleKeys(): Promise<{ mpans: string[]; deviceIds: string[] }> {
  if (databaseTarget().kind !== "postgres") return { mpans: ["1400123456786"], deviceIds: ["0A1C4DDE00000101"] };
  const db = new PrismaClient({ adapter: openAdapter().adapter });
  try {
    const mpans = await db.$queryRawUnsafe<{ v: string }[]>(`SELECT mpxn AS v FROM "MeterPoint" TABLESAMPLE SYSTEM (5) WHERE fuel = 'ELECTRICITY' LIMIT 200`);
    const ids = await db.$queryRawUnsafe<{ v: string }[]>(`SELECT id AS v FROM "Device" TABLESAMPLE SYSTEM (5) LIMIT 200`);
    return { mpans: mpans.map((r) => r.v), deviceIds: ids.map((r) => r.v) };
  } finally {
    await db.$disconnect();
  }
}

export default async function smiPagesBench() {
  if (!BASE) {
    console.error("# smi-pages: skipped (set BENCH_BASE_URL to a running production server, e.g. http://localhost:3000)");
    return;
  }
  const cookie = await signIn("user@brightwater.demo");
  const { mpans, deviceIds } = await sampleKeys();
  const get = async (path: string) => {
    const response = await fetch(`${BASE}${path}`, { headers: { cookie }, redirect: "manual" });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    await response.arrayBuffer();
  };
  await measure(`http GET /smi?q=<MPAN> (signed in)`, N, (i) => get(`/smi?q=${mpans[i % mpans.length]}`));
  await measure(`http GET /smi/devices/<id> (signed in)`, N, (i) => get(`/smi/devices/${deviceIds[i % deviceIds.length]}`));
}
