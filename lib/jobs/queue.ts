// The portal's background jobs on pg-boss, a PostgreSQL job queue, in the portal's own database (its `pgboss`
// schema, which pg-boss creates and migrates itself on start). Schedules are stored there, so every job runs once per
// occurrence however many workers run and however often they restart; a missed occurrence (no worker up at the time)
// runs once when one is back. On PGlite the queue runs inside the portal process on its PGlite instance; on
// PostgreSQL in `npm run worker` processes (scripts/worker.ts), any number of them.
import { fromPglite, PgBoss, type JobInsert, type MaintenanceOptions, type SchedulingOptions } from "pg-boss";
import { databaseConnection, type DatabaseConnection, type Tx } from "@/lib/db";

export interface Job {
  name: string;
  /** When it runs: a cron expression in UTC. Its finest step is a minute. */
  cron: string;
  /** Run again this long after each run ends, between the cron occurrences (for work due more often than a minute). */
  againAfterSeconds?: number;
  /** A run still going after this long is failed and retried, and the job's next runs go ahead. */
  timeoutSeconds: number;
  /** The first retry of a failed run waits this long (default 30 s), each later one about twice as long. */
  retryDelaySeconds?: number;
  run: () => Promise<unknown>;
}

/**
 * A queue of work items (one job per item, e.g. a command to send), as opposed to a scheduled `Job`: items are
 * enqueued in the transaction that creates them (enqueueJobs), so a crash loses none, and any worker takes a batch.
 */
export interface WorkQueue<T extends object = object> {
  name: string;
  /** Items a worker takes at once; `run` gets them together so that it can write in batches. */
  batchSize: number;
  timeoutSeconds: number;
  retryDelaySeconds?: number;
  run: (items: T[]) => Promise<unknown>;
}

/**
 * A pg-boss instance on the database `connection` names: on PGlite the very same instance as Prisma's. `options`
 * tunes it (tests pass faster cron passes than the default 30 s).
 */
export function jobQueueOn(connection: DatabaseConnection, options: SchedulingOptions & MaintenanceOptions = {}): PgBoss {
  if (connection.target.kind === "postgres") {
    return new PgBoss({ ...options, connectionString: connection.target.url, application_name: "ssi-jobs", max: 4 });
  }
  if (!connection.pglite) throw new Error("the embedded database must be open before its job queue starts");
  return new PgBoss({ ...options, db: fromPglite(connection.pglite), backend: "pglite" });
}

/** Rejects once pg-boss gives up on the run (its timeout), so a promise that never settles does not hold the worker. */
function abandonedWhen(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const abandon = () => reject(new Error("timed out; retried"));
    if (signal.aborted) abandon();
    else signal.addEventListener("abort", abandon, { once: true });
  });
}

const workQueueOptions = (queue: WorkQueue) => ({ expireInSeconds: queue.timeoutSeconds, retryLimit: 5, retryDelay: queue.retryDelaySeconds ?? 10, retryBackoff: true });

async function createWorkQueues(boss: PgBoss, queues: WorkQueue[]) {
  for (const queue of queues) {
    if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, { policy: "standard", ...workQueueOptions(queue) });
  }
}

let sender: { boss: Promise<PgBoss>; queues: WorkQueue[] } | undefined;

/**
 * The instance that enqueues: the one working the jobs in this process when there is one (startJobs), else a
 * send-only one (a web server on PostgreSQL, whose workers run elsewhere). `queues` must be created first.
 */
async function sendingQueue(queues: WorkQueue[]): Promise<PgBoss> {
  if (!sender) {
    const connection = databaseConnection();
    if (!connection) throw new Error("no database to queue jobs on");
    const boss = jobQueueOn(connection, { supervise: false, schedule: false });
    boss.on("error", (error) => console.error("[jobs]", error));
    sender = { boss: boss.start().then(async () => (await createWorkQueues(boss, queues), boss)), queues };
  }
  return sender.boss;
}

/**
 * Have the sending instance started before a transaction that enqueues opens: on the embedded database, starting it
 * inside the transaction would wait for the one connection the transaction holds.
 */
export async function prepareToEnqueue(queues: WorkQueue[]): Promise<void> {
  await sendingQueue(queues);
}

/** Enqueue work items inside the caller's transaction: they exist exactly when the records they work on commit. */
export async function enqueueJobs<T extends object>(tx: Tx, queue: WorkQueue<T>, items: { data: T; startAfter?: Date }[], allQueues: WorkQueue[]): Promise<void> {
  if (!items.length) return;
  const boss = await sendingQueue(allQueues);
  const jobs: JobInsert[] = items.map((item) => ({ data: item.data, ...(item.startAfter ? { startAfter: item.startAfter } : {}), ...workQueueOptions(queue as WorkQueue) }));
  await boss.insert(queue.name, jobs, {
    db: { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...(values ?? [])) }) },
  });
}

/** Forget the sending instance (tests that switch databases). */
export async function stopSendingQueue() {
  const current = sender;
  sender = undefined;
  if (current) await (await current.boss).stop({ graceful: false });
}

/** Start the queue and take every job: schedule it (kept in the database) and work it in this process. */
export async function startJobs(boss: PgBoss, jobs: Job[], workQueues: WorkQueue[] = []): Promise<void> {
  boss.on("error", (error) => console.error("[jobs]", error));
  await boss.start();
  sender ??= { boss: Promise.resolve(boss), queues: workQueues };
  await createWorkQueues(boss, workQueues);
  for (const queue of workQueues) {
    await boss.updateQueue(queue.name, workQueueOptions(queue));
    // Fetch again at once while batches come back full (a backlog), and poll every half second otherwise: a Command
    // waits at most that long for a worker, not pg-boss's default 2 s.
    await boss.work(queue.name, { batchSize: queue.batchSize, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 }, async (claimed) => {
      await queue.run(claimed.map((job) => job.data as object));
    });
  }
  for (const job of jobs) {
    // `stately`: at most one run waiting and one running, whatever the number of workers and occurrences.
    const options = { expireInSeconds: job.timeoutSeconds, retryLimit: 3, retryDelay: job.retryDelaySeconds ?? 30, retryBackoff: true };
    await boss.createQueue(job.name, { policy: "stately", ...options });
    await boss.updateQueue(job.name, options);
    await boss.schedule(job.name, job.cron, null, { missed: "once" });
    await boss.work(job.name, async ([claimed]) => {
      await Promise.race([job.run(), abandonedWhen(claimed.signal)]);
      if (job.againAfterSeconds) await boss.sendAfter(job.name, null, null, job.againAfterSeconds);
    });
    // A repeating job starts its chain now (e.g. emails queued while no worker ran), not at the next occurrence.
    if (job.againAfterSeconds) await boss.send(job.name);
  }
  // A schedule left by a job since removed would fill a queue nobody works.
  for (const schedule of await boss.getSchedules()) {
    if (!jobs.some((job) => job.name === schedule.name)) await boss.unschedule(schedule.name, schedule.key);
  }
}
