// Next.js calls register() once per server process. On the embedded database the job queue runs here, in the one
// process that holds the database; on PostgreSQL the web server runs no jobs: `npm run worker` processes do
// (scripts/worker.ts). SSI_DISABLE_JOBS=1 keeps them off here too.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.SSI_DISABLE_JOBS === "1") return;
  const { databaseConnection } = await import("@/lib/db");
  const connection = databaseConnection();
  if (connection?.target.kind !== "pglite") return;
  const { jobQueueOn, startJobs } = await import("@/lib/jobs/queue");
  const { PORTAL_JOBS, PORTAL_WORK_QUEUES } = await import("@/lib/jobs/portal-jobs");
  await startJobs(jobQueueOn(connection), PORTAL_JOBS, PORTAL_WORK_QUEUES);
}
