// The device simulator end to end on PostgreSQL with 1M devices (issue 12 target: >= 2,000 Commands/s answered with 2
// workers): Commands waiting on the Device Command queue (pg-boss) are taken by `npm run worker`-like processes, each
// device's state is created and locked, its model answers, and the signed Service Response is stored for delivery.
// Prints the rate for 1 and 2 workers. Needs DATABASE_URL=postgresql://... (a new database is created and dropped);
// BENCH_SIM_DEVICES (default 1M) and BENCH_SIM_COMMANDS (per run, default 20,000) scale it.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { databaseConnection, setDatabase } from "@/lib/db";
import { DEVICE_COMMAND_QUEUE } from "@/lib/duis/duis-jobs";
import { publishMessages } from "@/lib/duis/messages";
import { formatEui64 } from "@/lib/identifiers";
import { jobQueueOn } from "@/lib/jobs/queue";
import { actorOf } from "@/lib/auth/actor";
import { DEFAULT_SETTINGS } from "@/lib/simulator/settings";
import { readDeviceInspector, readStats } from "@/lib/simulator/stats";
import { benchDeviceId, seedBenchWorld } from "./duis-world";
import { freshDatabase, report } from "./harness";

const DEVICES = Number(process.env.BENCH_SIM_DEVICES ?? 1_000_000);
const COMMANDS = Number(process.env.BENCH_SIM_COMMANDS ?? 20_000);

/** A 4.1.1 read of a random device, ready for the Device: stored as the pipeline stores a Command it sent. */
async function queueCommands(db: Awaited<ReturnType<typeof freshDatabase>>["db"], supplier: { id: string; eui64: string }, run: number) {
  const requestXml = (device: string, counter: string) =>
    `<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4"><sr:Header><sr:RequestID>${formatEui64(supplier.eui64)}:${formatEui64(device)}:${counter}</sr:RequestID>` +
    `<sr:CommandVariant>1</sr:CommandVariant><sr:ServiceReference>4.1</sr:ServiceReference><sr:ServiceReferenceVariant>4.1.1</sr:ServiceReferenceVariant></sr:Header>` +
    `<sr:Body><sr:ReadInstantaneousImportRegisters/></sr:Body></sr:Request>`;
  const rows = Array.from({ length: COMMANDS }, (_, i) => {
    const device = benchDeviceId(1 + ((i * 7919 + run * 104_729) % DEVICES));
    const counter = `${run + 1}${String(i).padStart(12, "0")}`;
    return { id: `bench${run}-${i}`, device, requestId: `${formatEui64(supplier.eui64)}:${formatEui64(device)}:${counter}`, xml: requestXml(device, counter) };
  });
  await db.$executeRaw`
    INSERT INTO "ServiceRequest" (id, "requestId", "originatorEui", "targetEui", "partyId", srv, "commandVariant", kind, mode, status, "responseCode", "deviceId", checks, "requestXml", "receivedAt", "commandSentAt")
    SELECT t.id, t.request_id, ${supplier.eui64}, t.device, ${supplier.id}, '4.1.1', 1, 'NON_CRITICAL', 'ON_DEMAND', 'COMMAND_SENT', 'I99', t.device, '[]'::jsonb, t.xml, now(), now()
    FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.requestId)}::text[], ${rows.map((r) => r.device)}::text[], ${rows.map((r) => r.xml)}::text[]) AS t(id, request_id, device, xml)`;
  const boss = jobQueueOn(databaseConnection()!, { schedule: false, supervise: false });
  await boss.start();
  if (!(await boss.getQueue(DEVICE_COMMAND_QUEUE.name))) await boss.createQueue(DEVICE_COMMAND_QUEUE.name, { policy: "standard" });
  for (let i = 0; i < rows.length; i += 5_000) {
    await boss.insert(DEVICE_COMMAND_QUEUE.name, rows.slice(i, i + 5_000).map((r) => ({ data: { serviceRequestId: r.id }, expireInSeconds: DEVICE_COMMAND_QUEUE.timeoutSeconds })));
  }
  await boss.stop({ graceful: false });
}

function startWorker(url: string): Promise<{ child: ChildProcess; result: Promise<{ commands: number; first: number; last: number; busyMs: number }> }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "workers/simulator-worker.ts")], { env: { ...process.env, BENCH_DB_URL: url, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  const result = new Promise<{ commands: number; first: number; last: number; busyMs: number }>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`worker exited ${code}`)))),
  );
  return new Promise((resolve) => child.stdout!.on("data", (chunk) => ((out += chunk), out.includes("ready") && resolve({ child, result }))));
}

export default async function main() {
  process.env.NEXTAUTH_SECRET ??= "bench-secret-shared-by-the-workers";
  const { db, close, url } = await freshDatabase();
  if (!url) {
    console.error("simulator: skipped (set DATABASE_URL=postgresql://...: the target is for N workers on one PostgreSQL)");
    await close();
    return;
  }
  setDatabase(db, { target: { kind: "postgres", url } });
  try {
    const { supplier, dcc, seededMs } = await seedBenchWorld(db, DEVICES);
    const admin = actorOf(await db.account.create({ data: { email: "bench-admin@dcc.bench", name: "Bench admin", partyId: dcc.id, passwordHash: "!", permissions: ["DCC_ADMIN"] }, include: { party: true } }));
    console.error(`simulator: ${DEVICES} devices seeded in ${seededMs} ms`);
    // Devices answer at once: the benchmark measures the simulator's work, not its configured answer delay.
    await db.simSettings.create({ data: { id: 1, ...DEFAULT_SETTINGS, answerDelayMs: 0, updatedAt: new Date() } });
    let single = 0;
    for (const [run, workers] of [1, 2].entries()) {
      await queueCommands(db, supplier, run);
      const started = await Promise.all(Array.from({ length: workers }, () => startWorker(url)));
      // The dashboard's and the inspector's reads, timed while the workers answer (the load the targets name).
      const dashboard: number[] = [];
      const inspector: number[] = [];
      while ((await db.serviceRequest.count({ where: { status: "COMMAND_SENT" } })) > 0) {
        const [failed] = await db.$queryRaw<{ output: unknown }[]>`SELECT output FROM pgboss.job WHERE state = 'failed' LIMIT 1`;
        if (failed) throw new Error(`a Device Command job failed: ${JSON.stringify(failed.output)}`);
        let t = performance.now();
        await readStats(admin);
        dashboard.push(performance.now() - t);
        t = performance.now();
        await readDeviceInspector(admin, benchDeviceId(1 + ((dashboard.length * 7919 + run * 104_729) % DEVICES)));
        inspector.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 100));
      }
      started.forEach((w) => w.child.kill("SIGTERM"));
      const timings = await Promise.all(started.map((w) => w.result));
      const ms = Math.max(...timings.map((t) => t.last)) - Math.min(...timings.filter((t) => t.first).map((t) => t.first));
      const commands = timings.reduce((n, t) => n + t.commands, 0);
      const rate = Math.round((COMMANDS / ms) * 1000);
      if (workers === 1) single = rate;
      const states = await db.simDeviceState.count();
      const publishStarted = performance.now();
      const published = await publishMessages();
      console.log(
        JSON.stringify({
          name: `simulator: Commands answered (device state, model, signed Service Response stored), ${workers} worker(s), ${DEVICES} devices`,
          n: COMMANDS,
          jobs: commands,
          commands_per_s: rate,
          ms,
          scaling: workers > 1 ? Math.round((rate / single) * 100) / 100 : 1,
          busy_ms: timings.map((t) => Math.round(t.busyMs)),
          device_states: states,
          publish_ms: Math.round(performance.now() - publishStarted),
          published,
          backend: "postgresql",
        }),
      );
      report(`simulator dashboard figures (readStats) while ${workers} worker(s) answer`, dashboard);
      report(`simulator device inspector (readDeviceInspector) while ${workers} worker(s) answer`, inspector);
    }
  } finally {
    await close();
  }
}
