// One job worker of bench/simulator.bench.ts: works the Device Command queue on pg-boss exactly as `npm run worker`
// does (lib/jobs/queue.ts startJobs), noting when its first batch started and its last one ended. On SIGTERM it prints
// {commands, first, last (epoch ms), busyMs (time inside the batches)} and exits.
import { PrismaClient } from "@/generated/prisma/client";
import { openAdapter } from "@/lib/database-adapter";
import { databaseConnection, setDatabase } from "@/lib/db";
import { DEVICE_COMMAND_QUEUE } from "@/lib/duis/duis-jobs";
import { jobQueueOn, startJobs, type WorkQueue } from "@/lib/jobs/queue";

const url = process.env.BENCH_DB_URL!;

async function main() {
  const db = new PrismaClient({ adapter: openAdapter({ kind: "postgres", url }).adapter });
  setDatabase(db, { target: { kind: "postgres", url } });
  const timing = { commands: 0, first: 0, last: 0, busyMs: 0 };
  const timed: WorkQueue = {
    ...(DEVICE_COMMAND_QUEUE as WorkQueue),
    run: async (items) => {
      timing.first ||= Date.now();
      const started = performance.now();
      await DEVICE_COMMAND_QUEUE.run(items as never);
      timing.busyMs += performance.now() - started;
      timing.commands += items.length;
      timing.last = Date.now();
    },
  };
  const boss = jobQueueOn(databaseConnection()!, { schedule: false, supervise: false });
  await startJobs(boss, [], [timed]);
  process.once("SIGTERM", () => {
    console.log(JSON.stringify(timing));
    void boss.stop({ graceful: false }).finally(() => process.exit(0));
  });
  console.log("ready");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
