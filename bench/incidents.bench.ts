// Incident lists at scale: the Service Desk queue (first page with its count), filtered lists, a party's own list and
// the desk home, each lib function against the raw SQL of the same lookup, in one run. Target: p95 <= 50 ms at 100k
// incidents on PostgreSQL.
// BENCH_INCIDENTS (default 100k) incidents are seeded into a fresh database with BENCH_INCIDENTS_DEVICES devices
// (default 2 000), or with BENCH_INCIDENTS_EXISTING=1 the database DATABASE_URL names is used as it is (seeded with
// `npm run seed -- --incidents N`). BENCH_INCIDENTS_EXPLAIN=1 prints each raw query's plan (to stderr).
import { PrismaClient } from "@/generated/prisma/client";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { openAdapter } from "@/lib/database-adapter";
import { setDatabase } from "@/lib/db";
import { serviceDeskOverview } from "@/lib/home/service-desk";
import { listIncidents, serviceDeskHome } from "@/lib/incidents/read-incidents";
import { DEFAULT_SEED, seedDemoData } from "@/prisma/seed";
import { freshDatabase, measure } from "./harness";

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000);
const DEVICES = Number(process.env.BENCH_INCIDENTS_DEVICES ?? 2_000);
const SAMPLES = Number(process.env.BENCH_INCIDENTS_SAMPLES ?? 200);
const PER_PAGE = 25;
const OPEN = `('NEW', 'ASSIGNED', 'IN_PROGRESS', 'PENDING', 'REOPENED')`;

async function seededDatabase(): Promise<{ db: PrismaClient; close: () => Promise<void>; incidents: number }> {
  if (process.env.BENCH_INCIDENTS_EXISTING === "1") {
    const db = new PrismaClient({ adapter: openAdapter().adapter });
    setDatabase(db);
    return { db, close: () => db.$disconnect(), incidents: await db.incident.count() };
  }
  const { db, close } = await freshDatabase();
  const started = Date.now();
  await seedDemoData(db, { seed: DEFAULT_SEED, devices: DEVICES, incidents: INCIDENTS, log: (line) => console.error(`# ${line}`) });
  // What autovacuum does within minutes of a bulk load: the visibility map lets counts use index-only scans.
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Incident", "IncidentEvent", "IncidentInterestedParty"`);
  await db.$executeRawUnsafe("ANALYZE");
  console.error(`# seeded ${INCIDENTS} incidents (${DEVICES} devices) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { db, close, incidents: INCIDENTS };
}

/** The list page's rows: the page of incidents first (filter, order, limit), then the three names joined to it. */
const pageSql = (where: string, order: string) => `
  SELECT i.id, i.ref, i.category, i.status, i.summary, i."createdAt", i."responseDueAt", i."resolutionDueAt", i."respondedAt",
         i."resolvedAt", i."pausedSince", i."closureReason", i."resolverGroup", i."isMajor",
         rp.id AS "raisedByPartyId", rp.name AS "raisedByPartyName", a.id AS "assigneeId", a.name AS "assigneeName", pp.name AS "pendingWithPartyName"
  FROM (SELECT * FROM "Incident" i WHERE ${where} ORDER BY ${order} LIMIT ${PER_PAGE}) i
  JOIN "Party" rp ON rp.id = i."raisedByPartyId"
  LEFT JOIN "Account" a ON a.id = i."assigneeId"
  LEFT JOIN "Party" pp ON pp.id = i."pendingWithPartyId"
  ORDER BY ${order}`;
const QUEUE_ORDER = `i.category, i."resolutionDueAt", i.number`;
const NEWEST_ORDER = `i."createdAt" DESC, i.number DESC`;

/** As many closed incidents again as the table holds, copied from the closed ones under new numbers and references. */
async function addClosedCopies(db: PrismaClient) {
  const columns = (
    await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'Incident' ORDER BY ordinal_position`,
    )
  ).map((c) => `"${c.name}"`);
  const copied = columns.map((c) =>
    c === '"id"' ? `'copy-' || "id"` : c === '"number"' ? `"number" + 10000000` : c === '"ref"' ? `'INC' || ("number" + 10000000)::text` : c,
  );
  const started = Date.now();
  const added = await db.$executeRawUnsafe(`INSERT INTO "Incident" (${columns.join(", ")}) SELECT ${copied.join(", ")} FROM "Incident" WHERE status = 'CLOSED'`);
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Incident"`);
  console.error(`# added ${added} closed incidents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default async function incidentsBench() {
  const { db, close, incidents: N } = await seededDatabase();
  const explain = process.env.BENCH_INCIDENTS_EXPLAIN === "1";
  /** A page and its count, in parallel like listIncidents. */
  const rawPage = (where: string, order: string, ...params: unknown[]) => {
    const page = pageSql(where, order);
    const count = `SELECT count(*)::int FROM "Incident" i WHERE ${where}`;
    return {
      run: () => Promise.all([db.$queryRawUnsafe(page, ...params), db.$queryRawUnsafe(count, ...params)]),
      explain: async (name: string) => {
        if (!explain) return;
        for (const sql of [page, count]) {
          const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, ...params);
          console.error(`# ${name}\n${plan.map((r) => `#   ${r["QUERY PLAN"]}`).join("\n")}`);
        }
      },
    };
  };
  const pair = async (name: string, raw: ReturnType<typeof rawPage>, lib: (i: number) => Promise<unknown>, n = SAMPLES) => {
    const baseline = await measure(`incidents ${name} raw SQL (${N} incidents)`, n, () => raw.run());
    await measure(`incidents ${name} listIncidents (${N} incidents)`, n, lib, baseline);
    await raw.explain(name);
  };
  try {
    const actor = async (email: string): Promise<Actor> => (await loadActor((await db.account.findUniqueOrThrow({ where: { email } })).id))!;
    const desk = await actor("servicedesk@dcc.demo");
    const party = await actor("user@brightwater.demo");
    const refs = (await db.$queryRawUnsafe<{ ref: string }[]>(`SELECT ref FROM "Incident" ORDER BY md5(ref) LIMIT ${SAMPLES}`)).map((r) => r.ref);
    const at = now();

    await pair("desk list page 1 (all statuses, newest first)", rawPage("TRUE", NEWEST_ORDER), () => listIncidents(desk, {}));
    await pair("desk queue page 1 (open)", rawPage(`i.status IN ${OPEN}`, QUEUE_ORDER), () => listIncidents(desk, { status: "open" }));
    await pair("status=open&category=3", rawPage(`i.status IN ${OPEN} AND i.category = 3`, QUEUE_ORDER), () => listIncidents(desk, { status: "open", category: "3" }));
    await pair(
      "sla=breached",
      rawPage(`i.status IN ${OPEN} AND i."pausedSince" IS NULL AND i."resolutionDueAt" < $1`, QUEUE_ORDER, at),
      () => listIncidents(desk, { sla: "breached" }),
    );
    // A q that is a reference is looked up by the unique index (read-incidents.ts); the raw SQL does the same.
    await pair("q=<ref>", rawPage(`i.ref = $1`, QUEUE_ORDER, refs[0]), (i) => listIncidents(desk, { q: refs[i % refs.length] }));
    // A party's list: the page, and its count as the two indexed halves (raised; Interested Party of, not raised).
    const ownPage = pageSql(
      `(i."raisedByPartyId" = $1 OR EXISTS (SELECT 1 FROM "IncidentInterestedParty" ip WHERE ip."incidentId" = i.id AND ip."partyId" = $1))`,
      NEWEST_ORDER,
    );
    const ownCounts = [
      `SELECT count(*)::int FROM "Incident" WHERE "raisedByPartyId" = $1`,
      `SELECT count(*)::int FROM "Incident" i JOIN "IncidentInterestedParty" ip ON ip."incidentId" = i.id AND ip."partyId" = $1 WHERE i."raisedByPartyId" <> $1`,
    ];
    const ownRaw = await measure(`incidents party's own list (Brightwater user, newest first) raw SQL (${N} incidents)`, SAMPLES, () =>
      Promise.all([ownPage, ...ownCounts].map((sql) => db.$queryRawUnsafe(sql, party.partyId))),
    );
    await measure(`incidents party's own list (Brightwater user, newest first) listIncidents (${N} incidents)`, SAMPLES, () => listIncidents(party, {}), ownRaw);
    await measure(`incidents serviceDeskHome (${N} incidents)`, SAMPLES, () => serviceDeskHome(desk));

    // The desk home must not grow with the closed history: its overview as seeded (mostly closed), then again with
    // as many closed incidents again added. Its p95 should stay put while the closed count doubles.
    const notClosed = async () => (await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "Incident" WHERE status <> 'CLOSED'`))[0].n;
    const open = await notClosed();
    await measure(`incidents desk home overview (${N} incidents, ${open} not closed)`, SAMPLES, () => serviceDeskOverview(desk));
    if (process.env.BENCH_INCIDENTS_EXISTING !== "1") {
      await addClosedCopies(db);
      const total = await db.incident.count();
      await measure(`incidents desk home overview (${total} incidents, ${await notClosed()} not closed)`, SAMPLES, () => serviceDeskOverview(desk));
    }

  } finally {
    await close();
  }
}
