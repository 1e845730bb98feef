// A job worker for lib/duis/crash-recovery.test.ts: it takes a batch of Commands, says so, and is killed (SIGKILL) by
// the test while it works the batch, as a crashed `npm run worker` would be.
import { databaseConnection } from "@/lib/db";
import { DEVICE_COMMAND_QUEUE } from "@/lib/duis/duis-jobs";
import { jobQueueOn, startJobs } from "@/lib/jobs/queue";

async function main() {
  const boss = jobQueueOn(databaseConnection()!);
  await startJobs(boss, [], [
    {
      ...DEVICE_COMMAND_QUEUE,
      run: async () => {
        console.log("working");
        // Never finishes: the test kills this process mid-batch.
        await new Promise(() => undefined);
      },
    },
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
