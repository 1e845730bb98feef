// A crash between I99 and I0 loses no request (issue 11): a worker is killed while it works a batch of Commands; the
// queue gives the batch to the next worker once the claim expires, and every request is answered exactly once.
// PostgreSQL only: it needs a second process on the same database.
import { spawn } from "node:child_process";
import type { PgBoss } from "pg-boss";
import { afterEach, describe, expect, it } from "vitest";
import { databaseTarget } from "@/lib/database-adapter";
import { databaseConnection, db } from "@/lib/db";
import { jobQueueOn, startJobs, stopSendingQueue, type WorkQueue } from "@/lib/jobs/queue";
import { resetDatabase } from "@/lib/testing/fixtures";
import { DEVICE_COMMAND_QUEUE } from "./duis-jobs";
import { gatewayWorld, send } from "./testing/gateway-fixtures";

const onPostgres = databaseTarget().kind === "postgres";
const REQUESTS = 60;

async function until(condition: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(!onPostgres)("a DUIS worker killed mid-batch", () => {
  let boss: PgBoss | undefined;
  afterEach(async () => {
    await boss?.stop({ graceful: false });
    await stopSendingQueue();
  });

  it("loses no request: the next worker answers the abandoned batch, each request exactly once", async () => {
    await resetDatabase();
    const world = await gatewayWorld();
    const ids: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const answer = await send({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: "<sr:ReadInstantaneousImportRegisters/>" });
      ids.push(answer.serviceRequestId!);
    }
    const url = (databaseConnection()!.target as { url: string }).url;
    const crashing = spawn(process.execPath, ["--import", "tsx", "lib/duis/testing/crash-worker.ts"], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      crashing.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("working") && resolve());
      crashing.on("exit", (code) => reject(new Error(`the worker exited (${code}) before taking a batch`)));
    });
    crashing.kill("SIGKILL");
    expect(await db().serviceRequest.count({ where: { id: { in: ids }, status: "COMMAND_SENT" } })).toBe(REQUESTS);

    boss = jobQueueOn(databaseConnection()!, { superviseIntervalSeconds: 1 });
    await startJobs(boss, [], [DEVICE_COMMAND_QUEUE as WorkQueue]);
    await until(async () => (await db().serviceRequest.count({ where: { id: { in: ids }, status: "RESPONDED" } })) === REQUESTS, 120_000);
    const responses = await db().duisMessage.groupBy({ by: ["serviceRequestId"], where: { serviceRequestId: { in: ids } }, _count: true });
    expect(responses).toHaveLength(REQUESTS);
    expect(responses.every((r) => r._count === 1)).toBe(true);
  }, 180_000);
});
