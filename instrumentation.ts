// Next.js calls register() once per server process: start the background jobs there (Node.js runtime only).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.SSI_DISABLE_JOBS === "1") return;
  const { startJobs } = await import("@/lib/jobs/scheduler");
  const { PORTAL_JOBS } = await import("@/lib/jobs/portal-jobs");
  startJobs(PORTAL_JOBS);
}
