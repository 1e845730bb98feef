// CH ordering, delivery and returns pages' lib calls over the demo data plus BENCH_CH_RETURNS bulk returns records
// (default 50k: a large supplier's few years of removed hubs). Target, as for the other pages: p95 <= 50 ms.
// The returns list is compared with the raw SQL of the same lookup. On PGlite by default; DATABASE_URL=postgres://...
// runs it on a fresh database on that server.
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor";
import { forecastOrderChart } from "@/lib/orders/chart";
import { listConsignments } from "@/lib/orders/consignments";
import { listOrders, readOrder } from "@/lib/orders/orders";
import { listReturns, readReturn } from "@/lib/returns/returns";
import { listRmas } from "@/lib/returns/rma";
import { DEFAULT_SEED, seedDemoData } from "@/prisma/seed";
import { DEMO_ORDERS } from "@/prisma/seed/demo-orders";
import { freshDatabase, measure } from "./harness";

const RETURNS = Number(process.env.BENCH_CH_RETURNS ?? 50_000);
const SAMPLES = Number(process.env.BENCH_CH_SAMPLES ?? 200);

export default async function chBench() {
  const { db, close } = await freshDatabase();
  try {
    const started = Date.now();
    await seedDemoData(db, { seed: DEFAULT_SEED, devices: 5_000, incidents: 0, log: (line) => console.error(`# ${line}`) });
    // Bulk closed returns spread over the suppliers' CHFs and the last three years, as the lib writes them.
    await db.$executeRawUnsafe(`
      WITH chf AS (SELECT array_agg(id) AS ids FROM "Device" WHERE "deviceType" = 'CHF'),
           suppliers AS (SELECT array_agg(id ORDER BY name) AS ids FROM "Party" WHERE 'IS' = ANY(roles) AND NOT "isDcc"),
           start AS (SELECT coalesce(max(number), 0) AS n FROM "ChReturn")
      INSERT INTO "ChReturn" (id, number, ref, "partyId", "deviceId", kind, reason, "removedAt", "notifiedAt", "notifiedVia", status, "finalReason", "closedAt", "createdAt")
      SELECT 'bench_ret_' || g, start.n + g, 'RET' || lpad((start.n + g)::text, 7, '0'),
             suppliers.ids[1 + g % array_length(suppliers.ids, 1)], chf.ids[1 + g % array_length(chf.ids, 1)],
             'FAULT', 'f', now() - (g % 1000) * interval '1 day', now() - (g % 1000) * interval '1 day' + interval '1 day',
             'SRV 8.14.3', 'CLOSED', 'f', now() - (g % 1000) * interval '1 day' + interval '40 days', now()
      FROM generate_series(1, ${RETURNS}) g, chf, suppliers, start`);
    await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"ChReturn"', 'number'), (SELECT max(number) FROM "ChReturn"))`);
    await db.$executeRawUnsafe("VACUUM ANALYZE");
    console.error(`# seeded demo data and ${RETURNS} returns in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const actor = async (email: string): Promise<Actor> => (await loadActor((await db.account.findUniqueOrThrow({ where: { email } })).id))!;
    const [party, dcc] = await Promise.all([actor("deliveries@brightwater.demo"), actor("admin@dcc.demo")]);
    const label = `(${RETURNS} bulk returns)`;

    const ownRaw = await measure(`ch returns list, own party, newest first, raw SQL ${label}`, SAMPLES, () =>
      db.$queryRawUnsafe(`SELECT r.*, p.name FROM "ChReturn" r JOIN "Party" p ON p.id = r."partyId" LEFT JOIN "ChRma" m ON m.id = r."rmaId" WHERE r."partyId" = $1 ORDER BY r."notifiedAt" DESC LIMIT 200`, party.partyId),
    );
    await measure(`ch returns list, own party, newest first, listReturns ${label}`, SAMPLES, () => listReturns(party, {}), ownRaw);
    await measure(`ch returns list, DCC, outstanding ${label}`, SAMPLES, () => listReturns(dcc, { status: "OUTSTANDING" }));
    await measure(`ch returns list, DCC, all newest first ${label}`, SAMPLES, () => listReturns(dcc, {}));
    const someChf = (await db.chReturn.findFirstOrThrow({ where: { partyId: party.partyId }, orderBy: { number: "desc" } })).deviceId;
    await measure(`ch returns search by CHF ID, own party ${label}`, SAMPLES, () => listReturns(party, { q: someChf }));
    const refs = (await db.chReturn.findMany({ where: { partyId: party.partyId }, select: { ref: true }, take: 500 })).map((r) => r.ref);
    await measure(`ch return record page, readReturn ${label}`, SAMPLES, (i) => readReturn(party, refs[i % refs.length]));
    await measure(`ch RMA list, own party ${label}`, SAMPLES, () => listRmas(party));

    const ordering = await actor("orders@brightwater.demo");
    await measure("ch orders list, own party", SAMPLES, () => listOrders(ordering));
    await measure("ch order page with consignments, readOrder", SAMPLES, () => readOrder(ordering, DEMO_ORDERS.brightwaterSubmitted.ref));
    await measure("ch forecast vs ordered vs delivered chart, own party", SAMPLES, () => forecastOrderChart(ordering));
    await measure("ch forecast vs ordered vs delivered chart, DCC (all parties)", SAMPLES, () => forecastOrderChart(dcc));
    await measure("ch deliveries to confirm panel, own party", SAMPLES, () => listConsignments(ordering, "DELIVERED"));
  } finally {
    await close();
  }
}
