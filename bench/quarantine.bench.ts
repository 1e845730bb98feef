// The quarantine queue at scale (issue 13 target: p95 <= 50 ms with 100,000 items): BENCH_QUARANTINE_ITEMS (default
// 100,000) quarantined 7.2 requests of one party over 100 incidents, then the SRO's first page, a deep page and the
// DCC's all-party page, each a page of 100 decoded items with the count. Then a 10,000-row QCA File (target < 1 s):
// downloaded, marked (half Release, half Delete), signed, then checked whole and applied.
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor";
import { formatEui64 } from "@/lib/identifiers";
import { stopSendingQueue } from "@/lib/jobs/queue";
import { issueOrgCertificates } from "@/lib/smki/keys";
import { qcaFile, uploadQca } from "@/lib/tad/qca";
import { quarantineQueue } from "@/lib/tad/read-quarantine";
import { setDatabase } from "@/lib/db";
import { freshDatabase, measure, report } from "./harness";

process.env.NEXTAUTH_SECRET ??= "quarantine-bench";
const ITEMS = Number(process.env.BENCH_QUARANTINE_ITEMS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_QUARANTINE_SAMPLES ?? 200);
const QCA_ROWS = 10_000;
/** Uploads timed, each on a fresh incident (an upload decides its items once). */
const QCA_RUNS = Number(process.env.BENCH_QCA_RUNS ?? 5);
const INCIDENTS = 100;
const PARTY_EUI = "90B3D51F30990001";
const DEVICE = "00DB1234567890A0";

export default async function quarantineBench() {
  const { db, close, url } = await freshDatabase();
  // Releases enqueue Device Command jobs: the queue needs the server's address.
  if (url) setDatabase(db, { target: { kind: "postgres", url } });
  try {
    const party = await db.party.create({ data: { name: "Bench Supplier", eui64: PARTY_EUI, roles: ["IS"] } });
    const dcc = await db.party.create({ data: { name: "DCC", eui64: "00DCC00000000001", roles: [], isDcc: true } });
    const account = (partyId: string, permissions: ("SRO" | "DCC_ADMIN")[]) =>
      db.account.create({ data: { partyId, permissions, email: `${crypto.randomBytes(4).toString("hex")}@bench.test`, name: "Bench", passwordHash: "x" } }).then(async (a) => (await loadActor(a.id)) as Actor);
    const sro = await account(party.id, ["SRO"]);
    const admin = await account(dcc.id, ["DCC_ADMIN"]);
    const key = (await issueOrgCertificates(db, party, { usages: ["FILE_SIGNING"] }))[0].privateKeyPem;

    /** `n` quarantined requests on `incidents` new incidents (ids prefixed `tag`), received over the last n seconds. */
    const quarantine = async (tag: string, n: number, incidents: number) => {
      await db.$executeRawUnsafe(
        `INSERT INTO "Incident" (id, ref, category, status, tad, "raisedByPartyId", "contactName", "contactOrganisation", "contactDetails", "occurredAt", summary,
           "businessImpact", "triageResults", "responseDueAt", "resolutionDueAt", "createdAt", "updatedAt")
         SELECT '${tag}-inc-' || g, '${tag.toUpperCase()}' || lpad(g::text, 7, '0'), 2, 'NEW', 'QUARANTINE', $1, 'DCC', 'DCC', 'Service Desk', now() AT TIME ZONE 'UTC',
           'TAD: ADT exceeded on SRV 7.2', 'Held', 'Automatic', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
         FROM generate_series(1, ${incidents}) g`,
        party.id,
      );
      const requestId = `${formatEui64(PARTY_EUI)}:${formatEui64(DEVICE)}:`;
      const xml = `<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4"><sr:Header><sr:RequestID>${requestId}COUNTER</sr:RequestID><sr:CommandVariant>4</sr:CommandVariant><sr:ServiceReference>7.2</sr:ServiceReference><sr:ServiceReferenceVariant>7.2</sr:ServiceReferenceVariant></sr:Header><sr:Body><sr:DisableSupply/></sr:Body></sr:Request>`;
      await db.$executeRawUnsafe(
        `INSERT INTO "ServiceRequest" (id, "requestId", "originatorEui", "targetEui", "partyId", srv, "commandVariant", kind, status, "deviceId", checks, "requestXml", "receivedAt")
         SELECT '${tag}-sr-' || g, '${requestId}${tag}' || g, '${PARTY_EUI}', '${DEVICE}', $1, '7.2', 5, 'CRITICAL', 'QUARANTINED', '${DEVICE}', '[]',
           replace($2, 'COUNTER', '${tag}' || g), (now() AT TIME ZONE 'UTC') - g * interval '1 second'
         FROM generate_series(1, ${n}) g`,
        party.id,
        xml,
      );
      await db.$executeRawUnsafe(
        `INSERT INTO "QuarantineItem" (id, "serviceRequestId", "partyId", srv, "deviceId", breach, "incidentId", status, "quarantinedAt", "downloadUntil", "purgeAt")
         SELECT '${tag}-qi-' || g, '${tag}-sr-' || g, $1, '7.2', '${DEVICE}', 'USER', '${tag}-inc-' || (1 + g % ${incidents}), 'QUARANTINED', t, t + interval '120 hours', t + interval '840 hours'
         FROM (SELECT g, (now() AT TIME ZONE 'UTC') - g * interval '1 second' AS t FROM generate_series(1, ${n}) g) s`,
        party.id,
      );
    };

    const started = Date.now();
    await quarantine("q", ITEMS, INCIDENTS);
    await db.$executeRawUnsafe(`VACUUM ANALYZE "QuarantineItem", "ServiceRequest", "Incident"`);
    console.error(`# ${ITEMS} quarantined items in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const check = (r: Awaited<ReturnType<typeof quarantineQueue>>) => {
      if (r.page.data.length !== 100) throw new Error(`expected a page of 100, got ${r.page.data.length} of ${r.page.count}`);
    };
    await measure(`quarantine queue, the SRO's first page (100 decoded items of ${ITEMS.toLocaleString("en-GB")}, grouped, with the count)`, SAMPLES, () => quarantineQueue(sro, {}).then(check));
    const middle = Math.max(1, Math.min(50, Math.floor(ITEMS / 200)));
    await measure(`quarantine queue, the SRO's page ${middle}`, SAMPLES, () => quarantineQueue(sro, { page: middle }).then(check));
    await measure(`quarantine queue, the DCC's all-party first page`, SAMPLES, () => quarantineQueue(admin, {}).then(check));

    if (!url) {
      console.error("quarantine: the QCA File part needs DATABASE_URL=postgresql://... (its releases enqueue jobs)");
      return;
    }
    // A 10,000-row QCA File, uploaded QCA_RUNS times.
    const samples: number[] = [];
    for (let run = 1; run <= QCA_RUNS; run++) {
      await quarantine(`c${run}`, QCA_ROWS, 1);
      const { csv } = await qcaFile(sro, { incidentId: `c${run}-inc-1` });
      const [header, ...rows] = csv.trimEnd().split("\n");
      const marked = [header, ...rows.map((row, i) => `${row}${i % 2 ? "Delete" : "Release"}`)].join("\n") + "\n";
      const signature = crypto.sign("sha256", Buffer.from(marked), key).toString("base64");
      const at = process.hrtime.bigint();
      const result = await uploadQca(sro, { incidentId: `c${run}-inc-1`, fileName: "qca.csv", csv: marked, signature });
      samples.push(Number(process.hrtime.bigint() - at) / 1e6);
      if (!result.accepted || result.released + result.deleted !== QCA_ROWS) throw new Error(`QCA File not applied: ${JSON.stringify(result).slice(0, 300)}`);
    }
    report(`QCA File of ${QCA_ROWS.toLocaleString("en-GB")} rows: signature, every row checked, applied (half released with their Command jobs, half deleted)`, samples);
  } finally {
    // The releases' jobs were sent through this process's pg-boss: stopped, it lets the process end.
    await stopSendingQueue();
    await close();
  }
}
