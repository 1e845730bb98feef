// One pipeline worker of bench/duis-pipeline.bench.ts: submits COUNT Non-Critical requests (4.1.1 to random devices
// of the 1M) in batches straight into the pipeline (no HTTP), then lets the stand-in Device answer each batch (I0
// stored), and prints {requests, ms}. Run as a separate process so that N of them share one PostgreSQL.
import { PrismaClient } from "@/generated/prisma/client";
import { openAdapter } from "@/lib/database-adapter";
import { setDatabase } from "@/lib/db";
import { stopSendingQueue } from "@/lib/jobs/queue";
import { answerNow as answerCommands } from "@/lib/simulator/testing";
import { readDuisRequest } from "@/lib/duis/envelope";
import { submitMany, type Submission } from "@/lib/duis/pipeline";
import { parseDuisXml } from "@/lib/duis/xml";
import { formatEui64 } from "@/lib/identifiers";

const url = process.env.BENCH_DB_URL!;
const count = Number(process.env.BENCH_COUNT);
const batch = Number(process.env.BENCH_BATCH ?? 200);
const devices = Number(process.env.BENCH_DEVICES);
const worker = Number(process.env.BENCH_WORKER);

async function main() {
  const db = new PrismaClient({ adapter: openAdapter({ kind: "postgres", url }).adapter });
  setDatabase(db, { target: { kind: "postgres", url } });
  const party = await db.party.findFirstOrThrow({ where: { name: "Bench Supplier" }, select: { id: true, eui64: true, name: true, roles: true, isDcc: true, suspendedAt: true, suspensionReason: true } });
  const gateway = await db.account.findFirst({ where: { partyId: party.id, isSystem: true } });
  const submissionFor = (i: number): Submission => {
    const device = (1 + ((i * 7919 + worker * 104_729) % devices)).toString(16).toUpperCase().padStart(16, "0");
    const xml =
      `<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4"><sr:Header>` +
      `<sr:RequestID>${formatEui64(party.eui64)}:${formatEui64(device)}:${worker}${String(i).padStart(12, "0")}</sr:RequestID>` +
      `<sr:CommandVariant>1</sr:CommandVariant><sr:ServiceReference>4.1</sr:ServiceReference><sr:ServiceReferenceVariant>4.1.1</sr:ServiceReferenceVariant>` +
      `</sr:Header><sr:Body><sr:ReadInstantaneousImportRegisters/></sr:Body></sr:Request>`;
    const read = readDuisRequest(parseDuisXml(xml));
    if (!read.ok) throw new Error(read.problems.join("; "));
    return { endpoint: "serviceS", xml, request: read.request, party, accountId: gateway?.id ?? null, certificateStatus: "VALID", receivedAt: new Date() };
  };
  const started = performance.now();
  let accepted = 0;
  for (let done = 0; done < count; done += batch) {
    const outcomes = await submitMany(Array.from({ length: Math.min(batch, count - done) }, (_, k) => submissionFor(done + k)));
    const ids = outcomes.flatMap((o) => (!o.silent && o.code === "I99" && o.serviceRequestId ? [o.serviceRequestId] : []));
    accepted += ids.length;
    await answerCommands(ids);
  }
  console.log(JSON.stringify({ requests: count, accepted, ms: performance.now() - started }));
  await stopSendingQueue();
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
