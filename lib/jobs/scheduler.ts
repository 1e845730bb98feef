// In-process background jobs of the portal server (outbox delivery now; housekeeping and the device simulator
// later). Each job runs on its own interval, never overlapping itself; failures are logged and retried next tick.
export interface Job {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

const timers = new Map<string, NodeJS.Timeout>();

export function startJobs(jobs: Job[]) {
  for (const job of jobs) {
    if (timers.has(job.name)) continue;
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job.run();
      } catch (error) {
        console.error(`[job ${job.name}]`, error);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    timers.set(job.name, timer);
  }
}

export function stopJobs() {
  for (const timer of timers.values()) clearInterval(timer);
  timers.clear();
}
