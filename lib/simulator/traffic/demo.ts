// The demo's background load (issue 12 item 8): `npm start` seeds a running normal-day run at a gentle rate, so a
// newcomer sees requests, responses and alerts arrive without doing anything. Tests seed without it.
import type { PrismaClient } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import { MAX_RATE } from "./draws";

/** Requests a second of the demo's load unless SIM_DEMO_RATE says otherwise (0: none). */
export const DEMO_RATE = 1;

/** SIM_DEMO_RATE as a rate: unset is DEMO_RATE; anything but a number from 0 to MAX_RATE is refused, naming the variable. */
export function demoTrafficRate(value: string | undefined = process.env.SIM_DEMO_RATE): number {
  if (value === undefined || value.trim() === "") return DEMO_RATE;
  const rate = Number(value.trim());
  if (!Number.isFinite(rate) || rate < 0 || rate > MAX_RATE) throw new Error(`SIM_DEMO_RATE must be a number of requests per second from 0 (off) to ${MAX_RATE} (got "${value}")`);
  return rate;
}

/** A running normal-day run started by nobody (the system), at `ratePerSecond`. */
export async function seedDemoTraffic(client: PrismaClient, opts: { ratePerSecond: number; seed: number }): Promise<Record<string, number>> {
  const at = now();
  await client.simTrafficRun.create({
    data: { scenario: "normal-day", status: "RUNNING", ratePerSecond: opts.ratePerSecond, seed: opts.seed, params: {}, total: null, startedAt: at, tickedAt: at },
  });
  return { "traffic runs": 1 };
}
