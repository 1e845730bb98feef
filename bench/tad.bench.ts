// TAD in the DUIS pipeline (issue 13 target: at most 0.5 ms p95 added per request at full pipeline load). Batches of
// 200 Non-Critical 4.1.1 requests go straight into the pipeline (no HTTP), alternately with no threshold in force and
// with every request subject to TAD (the sender's ADT and Warning Threshold and the DCC's aggregate ADT on 4.1.1, set
// too high to breach: counting and windows are the work every request pays). Prints each phase's per-request time,
// the difference, and evaluateTad alone on a batch. Needs DATABASE_URL=postgresql://...; BENCH_DUIS_DEVICES (default
// 100,000) and BENCH_TAD_BATCHES (per phase, default 30) scale it.
import { setDatabase } from "@/lib/db";
import { readDuisRequest } from "@/lib/duis/envelope";
import { submitMany, type Submission } from "@/lib/duis/pipeline";
import { parseDuisXml } from "@/lib/duis/xml";
import { formatEui64 } from "@/lib/identifiers";
import { stopSendingQueue } from "@/lib/jobs/queue";
import { evaluateTad, forgetTadThresholds, tadThresholds } from "@/lib/tad/evaluate";
import { applyThresholdSet } from "@/lib/tad/thresholds";
import { seedBenchWorld } from "./duis-world";
import { freshDatabase, report } from "./harness";

const DEVICES = Number(process.env.BENCH_DUIS_DEVICES ?? 100_000);
const BATCHES = Number(process.env.BENCH_TAD_BATCHES ?? 30);
const BATCH = 200;
const NEVER = 1_000_000_000;

export default async function tadBench() {
  process.env.NEXTAUTH_SECRET ??= "tad-bench";
  const { db, close, url } = await freshDatabase();
  if (!url) {
    console.error("tad: skipped (set DATABASE_URL=postgresql://...: the target is for the pipeline on PostgreSQL)");
    await close();
    return;
  }
  // The pipeline queues its Device Commands on the same database.
  setDatabase(db, { target: { kind: "postgres", url } });
  try {
    const { supplier } = await seedBenchWorld(db, DEVICES);
    const party = { id: supplier.id, eui64: supplier.eui64, name: supplier.name, roles: supplier.roles, isDcc: false, suspendedAt: null, suspensionReason: null };
    let counter = 0;
    const submission = (): Submission => {
      const i = counter++;
      const device = (1 + ((i * 7919) % DEVICES)).toString(16).toUpperCase().padStart(16, "0");
      const xml =
        `<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4"><sr:Header>` +
        `<sr:RequestID>${formatEui64(party.eui64)}:${formatEui64(device)}:${1_000_000_000_000 + i}</sr:RequestID>` +
        `<sr:CommandVariant>1</sr:CommandVariant><sr:ServiceReference>4.1</sr:ServiceReference><sr:ServiceReferenceVariant>4.1.1</sr:ServiceReferenceVariant>` +
        `</sr:Header><sr:Body><sr:ReadInstantaneousImportRegisters/></sr:Body></sr:Request>`;
      const read = readDuisRequest(parseDuisXml(xml));
      if (!read.ok) throw new Error(read.problems.join("; "));
      return { endpoint: "serviceS", xml, request: read.request, party, accountId: null, certificateStatus: "VALID", receivedAt: new Date() };
    };

    const sets = await db.$transaction(async (tx) => [
      await applyThresholdSet(tx, null, {
        partyId: supplier.id,
        userRole: "IS",
        rows: [
          { srv: "4.1.1", kind: "ADT", maxCount: NEVER, periodMinutes: 60 },
          { srv: "4.1.1", kind: "WARNING", maxCount: NEVER - 1, periodMinutes: 60 },
        ],
      }),
      await applyThresholdSet(tx, null, { partyId: null, userRole: null, rows: [{ srv: "4.1.1", kind: "ADT", maxCount: NEVER, periodMinutes: 60 }] }),
    ]);
    const inForce = async (active: boolean) => {
      await db.thresholdSet.updateMany({ where: { id: { in: sets.map((s) => s.id) } }, data: { active } });
      forgetTadThresholds();
    };

    // Per-request time of each batch, per phase; the phases alternate (off, on, off, on) so that drift falls on both.
    const samples = { off: [] as number[], on: [] as number[] };
    await submitMany(Array.from({ length: BATCH }, submission)); // warm-up
    for (const round of [0, 1]) {
      for (const phase of ["off", "on"] as const) {
        await inForce(phase === "on");
        for (let b = 0; b < BATCHES / 2; b++) {
          const batch = Array.from({ length: BATCH }, submission);
          const started = process.hrtime.bigint();
          const outcomes = await submitMany(batch);
          samples[phase].push(Number(process.hrtime.bigint() - started) / 1e6 / BATCH);
          if (outcomes.some((o) => o.silent || o.code !== "I99")) throw new Error(`round ${round}: not accepted: ${[...new Set(outcomes.map((o) => (o.silent ? "silent" : o.code)))].join(", ")}`);
        }
      }
    }
    const off = report(`duis pipeline, no threshold in force: per request (batches of ${BATCH})`, samples.off);
    const on = report(`duis pipeline, every request subject to TAD: per request (batches of ${BATCH})`, samples.on, off);
    console.log(JSON.stringify({ name: "TAD added per request (target p95 <= 0.5 ms)", p50_ms: round(on.p50_ms - off.p50_ms), p95_ms: round(on.p95_ms - off.p95_ms), mean_ms: round(on.mean_ms - off.mean_ms), backend: "postgresql" }));

    // evaluateTad alone: the count upsert and the window sums of a batch, per request.
    await inForce(true);
    const thresholds = await tadThresholds();
    const alone: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const batch = Array.from({ length: BATCH }, () => ({ partyId: supplier.id, roles: ["IS" as const], deviceType: "ESME" as const, srv: "4.1.1", receivedAt: new Date(), params: () => ({}) }));
      const started = process.hrtime.bigint();
      await db.$transaction((tx) => evaluateTad(tx, thresholds, batch));
      alone.push(Number(process.hrtime.bigint() - started) / 1e6 / BATCH);
    }
    report(`evaluateTad alone (count upsert + windows, own transaction): per request (batches of ${BATCH})`, alone);
  } finally {
    await stopSendingQueue();
    await close();
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
