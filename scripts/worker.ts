// `npm run worker`: the background jobs (lib/jobs) on PostgreSQL, outside the web server. Run as many as you like
// against one database: each scheduled run and each email goes to one of them. `npm start` on PostgreSQL starts one.
// On the embedded database the portal process runs the jobs itself (instrumentation.ts), so this refuses to start.
import { databaseTarget, describeTarget } from "@/lib/database-adapter";
import { databaseConnection, db } from "@/lib/db";
import { PORTAL_JOBS, PORTAL_WORK_QUEUES } from "@/lib/jobs/portal-jobs";
import { jobQueueOn, startJobs } from "@/lib/jobs/queue";
import { emailTransport, smtpServer } from "@/lib/notifications/sender";

async function main() {
  if (databaseTarget().kind !== "postgres") {
    throw new Error("set DATABASE_URL=postgresql://...: on the embedded database the portal process (npm start) runs the jobs itself");
  }
  const boss = jobQueueOn(databaseConnection()!);
  await startJobs(boss, PORTAL_JOBS, PORTAL_WORK_QUEUES);
  const mail = emailTransport() === "smtp" ? `by SMTP to ${smtpServer()}` : "into the local mailbox (/admin/outbox; SMTP_URL is not set)";
  console.log(`Job worker ${process.pid} on ${describeTarget()}: ${PORTAL_JOBS.length} jobs; emails go ${mail}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      // Let running jobs finish (pg-boss fails and retries any still going after the timeout).
      void boss
        .stop({ graceful: true, timeout: 20_000 })
        .then(() => db().$disconnect())
        .finally(() => process.exit(0));
    });
  }
}

main().catch((error) => {
  console.error(`npm run worker failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
