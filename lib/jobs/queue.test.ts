// The job queue on the test's own database: pg-boss on the same PGlite instance (the embedded portal), or on
// PostgreSQL with two workers side by side (what `npm run worker` twice does).
import type { PgBoss } from "pg-boss";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseTarget } from "@/lib/database-adapter";
import { databaseConnection, db } from "@/lib/db";
import { enqueueEmails } from "@/lib/notifications/outbox";
import { deliverDueEmails } from "@/lib/notifications/sender";
import { resetDatabase } from "@/lib/testing/fixtures";
import { startSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp-server";
import { PORTAL_JOBS } from "./portal-jobs";
import { jobQueueOn, startJobs, type Job } from "./queue";

// Read from the environment, not db(): at import time the per-file test database is not set yet.
const onPostgres = databaseTarget().kind === "postgres";

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function queueEmails(count: number) {
  await db().$transaction((tx) =>
    enqueueEmails(
      tx,
      Array.from({ length: count }, (_, i) => ({ eventType: "test", to: { address: `user${i}@x.test` }, partyId: null, subject: `Hello ${i}`, body: "Body" })),
    ),
  );
}

/** Start early in a minute: a per-minute job's occurrence is the minute's start, and the test stays inside the minute. */
async function earlyInAMinute() {
  const second = new Date().getUTCSeconds();
  if (second < 2 || second > 20) await new Promise((resolve) => setTimeout(resolve, ((62 - second) % 60) * 1000));
}

describe("job queue", () => {
  const bosses: PgBoss[] = [];
  let smtp: TestSmtpServer | undefined;

  beforeEach(async () => {
    await resetDatabase();
    delete process.env.SMTP_URL;
  });
  afterEach(async () => {
    await Promise.all(bosses.splice(0).map((boss) => boss.stop({ graceful: false, timeout: 5_000 })));
    await smtp?.stop();
    smtp = undefined;
    delete process.env.SMTP_URL;
  });

  // Cron passes every 2 s instead of 30 (each worker makes them): occurrences are forwarded within seconds.
  async function startWorker(jobs: Job[]) {
    const boss = jobQueueOn(databaseConnection()!, { cronMonitorIntervalSeconds: 2, cronWorkerIntervalSeconds: 1 });
    bosses.push(boss);
    await startJobs(boss, jobs);
    return boss;
  }

  it("schedules every portal job in the database, and its worker delivers queued emails", async () => {
    await queueEmails(3);
    const boss = await startWorker(PORTAL_JOBS);
    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron]).sort()).toEqual(PORTAL_JOBS.map((job) => [job.name, job.cron]).sort());
    await until(async () => (await db().outboxEmail.count({ where: { status: "SENT" } })) === 3);
    expect(await db().outboxEmail.count({ where: { transport: "mailbox" } })).toBe(3);
  }, 60_000);

  it("a run whose promise never settles times out and is retried; the job goes on running", async () => {
    let runs = 0;
    const hangsFirst: Job = {
      name: "test-hangs-first",
      cron: "0 0 1 1 *",
      timeoutSeconds: 1,
      retryDelaySeconds: 1,
      run: () => (++runs === 1 ? new Promise(() => undefined) : Promise.resolve()),
    };
    const boss = await startWorker([hangsFirst]);
    await boss.send(hangsFirst.name); // what an occurrence does
    await until(async () => (await boss.findJobs(hangsFirst.name)).some((job) => job.state === "completed"));
    expect(runs).toBe(2);
    // And the worker is free for the job's next run.
    await boss.send(hangsFirst.name);
    await until(async () => runs === 3);
  }, 60_000);

  it.runIf(onPostgres)("two workers on one database: each scheduled run happens once per period, each email is sent once", async () => {
    smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    await queueEmails(40);
    let runs = 0;
    const everyMinute: Job = { name: "test-every-minute", cron: "* * * * *", timeoutSeconds: 60, run: async () => runs++ };
    const outbox = PORTAL_JOBS.find((job) => job.name === "outbox-sender")!;
    expect(outbox.run).toBe(deliverDueEmails);
    await earlyInAMinute();
    const started = Date.now();
    await Promise.all([startWorker([outbox, everyMinute]), startWorker([outbox, everyMinute])]);
    await until(async () => (await db().outboxEmail.count({ where: { status: "SENT" } })) === 40);
    // Both workers keep passing the cron and polling both queues: every chance to run the minute's job twice.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 20_000 - (Date.now() - started))));
    expect(runs).toBe(1);
    expect(smtp.received).toHaveLength(40);
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(40);
  }, 120_000);
});
