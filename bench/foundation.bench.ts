// Foundation: the per-request cost of the session choke point, a sign-in, and the party-scoped audit list
// against the raw SQL of the same lookup.
import { loadActor } from "@/lib/auth/actor";
import { checkCredentials } from "@/lib/auth/sign-in";
import { listAuditEvents } from "@/lib/audit-trail/read-audit-events";
import { DEFAULT_SEED, seedDemoData } from "@/prisma/seed";
import { DEMO_PASSWORD } from "@/prisma/seed/parties";
import { freshDatabase, measure } from "./harness";

const AUDIT_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 100_000);

export default async function foundationBench() {
  const { db, close } = await freshDatabase();
  try {
    await seedDemoData(db, { seed: DEFAULT_SEED, devices: 0, incidents: 0 });
    const parties = await db.party.findMany({ select: { id: true } });
    // Audit rows spread over the parties and the last 90 days, inserted server-side in one statement.
    await db.$executeRawUnsafe(
      `INSERT INTO "AuditEvent" (id, at, "partyId", action, "entityType", "entityId")
       SELECT 'bench' || g, now() - (g % 7776000) * interval '1 second', ($1::text[])[1 + g % $2], 'bench.event', 'Thing', 'T' || g
       FROM generate_series(1, $3) g`,
      parties.map((p) => p.id),
      parties.length,
      AUDIT_ROWS,
    );
    await db.$executeRawUnsafe(`ANALYZE "AuditEvent"`);
    const user = (await loadActor((await db.account.findUniqueOrThrow({ where: { email: "user@brightwater.demo" } })).id))!;

    await measure("session.loadActor", 300, () => loadActor(user.accountId));
    await measure("auth.checkCredentials (argon2id verify)", 30, () => checkCredentials("user@brightwater.demo", DEMO_PASSWORD));

    const raw = await measure(`audit.list raw SQL (party page 1 + count, ${AUDIT_ROWS} rows)`, 200, () =>
      Promise.all([
        db.$queryRawUnsafe(`SELECT * FROM "AuditEvent" WHERE "partyId" = $1 ORDER BY at DESC, id DESC LIMIT 50`, user.partyId),
        db.$queryRawUnsafe(`SELECT count(*) FROM "AuditEvent" WHERE "partyId" = $1`, user.partyId),
      ]),
    );
    await measure(`audit.list listAuditEvents (party page 1 + count, ${AUDIT_ROWS} rows)`, 200, () => listAuditEvents(user, {}), raw);
  } finally {
    await close();
  }
}
