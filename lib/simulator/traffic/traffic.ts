// Traffic runs (issue 12 item 6): a DCC admin starts a scenario at a rate, watches it and stops it; the tick (a job
// every second, lib/jobs/portal-jobs.ts) sends what each running run owes, through the real gateway.
import { z } from "zod";
import type { Prisma, SimTrafficRun } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db, type Db, type Tx } from "@/lib/db";
import { gatewayActor } from "@/lib/duis/gateway-actor";
import { AppError } from "@/lib/errors";
import { reference, wholeNumber } from "@/lib/validation";
import { readSettings } from "../settings";
import { MAX_RATE } from "./draws";
import { planRequests } from "./generator";
import { SCENARIO_NAMES, SCENARIOS, isScenario, type Scenario } from "./scenarios";
import { keyRing, sendTraffic } from "./send";

/** Most requests one run sends in all. */
export const MAX_TOTAL = 1_000_000;
/** A tick sends at most this many seconds' worth: after a pause (no worker up) the backlog is dropped, not flooded. */
const CATCH_UP_SECONDS = 10;
const MAX_PER_TICK = 2_000;
/** Requests of one tick in flight at once: enough for the gateway to batch them (group commit), few enough to share. */
const IN_FLIGHT = 16;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const startSchema = z.object({
  scenario: z
    .string("Choose a scenario.")
    .trim()
    .superRefine((name, ctx) => {
      if (!isScenario(name)) ctx.addIssue({ code: "custom", message: `There is no scenario "${name.slice(0, 50)}": choose one of ${SCENARIO_NAMES.join(", ")}.` });
    }),
  ratePerSecond: z.preprocess(
    blankToUndefined,
    z.coerce
      .number("The rate must be a number of requests per second.")
      .refine((v) => Number.isFinite(v), "The rate must be a number of requests per second.")
      .refine((v) => v >= 0.01, "The rate must be at least 0.01 requests per second.")
      .refine((v) => v <= MAX_RATE, `The rate must be at most ${MAX_RATE.toLocaleString("en-GB")} requests per second.`)
      .optional(),
  ),
  total: z.preprocess(blankToUndefined, wholeNumber("The total", { min: 1, max: MAX_TOTAL }).optional()),
  seed: z.preprocess(blankToUndefined, wholeNumber("The seed").optional()),
  params: z.record(z.string(), z.unknown(), "The scenario's parameters must be an object.").optional(),
});
export type StartTrafficInput = z.input<typeof startSchema>;

/** Starts a run of a scenario; its own parameters are checked and their defaults resolved (and stored) first. */
export async function startTraffic(actor: Actor, input: StartTrafficInput): Promise<SimTrafficRun> {
  authorize(actor, "simulator.manage");
  const data = startSchema.parse(input);
  const scenario: Scenario = SCENARIOS[data.scenario as keyof typeof SCENARIOS];
  const prepared = await scenario.prepare(actor, scenario.params.parse(data.params ?? {}));
  const seed = data.seed ?? (await readSettings()).seed;
  const at = now();
  return db().$transaction(async (tx) => {
    const run = await tx.simTrafficRun.create({
      data: {
        scenario: data.scenario,
        status: "RUNNING",
        ratePerSecond: data.ratePerSecond ?? scenario.ratePerSecond,
        seed,
        params: prepared.params as Prisma.InputJsonObject,
        total: data.total ?? prepared.total ?? scenario.total,
        startedAt: at,
        tickedAt: at,
        startedById: actor.accountId,
      },
    });
    await audit(tx, actor, { action: "simulator.traffic.start", entityType: "SimTrafficRun", entityId: run.id, partyId: null, after: run });
    return run;
  });
}

/** Stops a running run: exactly once (a run already stopped or finished, or stopped meanwhile, is refused). */
export async function stopTraffic(actor: Actor, input: { runId: unknown }): Promise<SimTrafficRun> {
  authorize(actor, "simulator.manage");
  const runId = reference("Which traffic run?").parse(input.runId ?? "");
  return db().$transaction(async (tx) => {
    const run = await tx.simTrafficRun.findUnique({ where: { id: runId } });
    if (!run) throw new AppError("NOT_FOUND", "That traffic run was not found.");
    const [stopped] = await tx.simTrafficRun.updateManyAndReturn({
      where: { id: run.id, status: "RUNNING" },
      data: { status: "STOPPED", stoppedAt: now(), version: { increment: 1 } },
    });
    if (!stopped) throw new AppError("CONFLICT", `This traffic run is already ${run.status === "RUNNING" ? "stopped" : run.status.toLowerCase()}.`);
    await audit(tx, actor, { action: "simulator.traffic.stop", entityType: "SimTrafficRun", entityId: run.id, partyId: null, before: { status: run.status, sent: run.sent }, after: { status: stopped.status, sent: stopped.sent } });
    return stopped;
  });
}

/** The runs, newest first, with their scenario's label. */
export async function listTrafficRuns(client: Tx | Db = db(), take = 20) {
  const runs = await client.simTrafficRun.findMany({ orderBy: [{ startedAt: "desc" }, { id: "desc" }], take });
  return runs.map((run) => ({ ...run, label: isScenario(run.scenario) ? SCENARIOS[run.scenario].label : run.scenario }));
}

/**
 * What a run owes at `at`: one request per 1/rate seconds since it last sent, at most CATCH_UP_SECONDS' worth (the
 * rest is dropped: `tickedAt` jumps to now), at most what is left of its total.
 */
export function owedBy(run: Pick<SimTrafficRun, "ratePerSecond" | "tickedAt" | "total" | "sent">, at: Date): { count: number; tickedAt: Date } {
  const elapsedMs = Math.max(0, at.getTime() - run.tickedAt.getTime());
  let count = Math.floor((elapsedMs * run.ratePerSecond) / 1000 + 1e-9);
  const cap = Math.min(MAX_PER_TICK, Math.max(1, Math.ceil(run.ratePerSecond * CATCH_UP_SECONDS)));
  let tickedAt = new Date(run.tickedAt.getTime() + Math.round((count * 1000) / run.ratePerSecond));
  if (count > cap) {
    count = cap;
    tickedAt = at;
  }
  if (run.total !== null) count = Math.min(count, Math.max(0, run.total - run.sent));
  return { count, tickedAt };
}

/** Runs `work` over the items with at most `limit` at once. */
async function inFlight<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/**
 * Claims what a run owes with a guarded update (the version read): of two workers ticking at once, one claims each
 * second. The claimed indexes are counted as sent at once; a run reaching its total finishes in the same update.
 */
async function tickRun(run: SimTrafficRun, at: Date): Promise<{ sent: number; refused: number }> {
  const { count, tickedAt } = owedBy(run, at);
  const finishes = run.total !== null && run.sent + count >= run.total;
  if (!count && !finishes) return { sent: 0, refused: 0 };
  const { count: claimed } = await db().simTrafficRun.updateMany({
    where: { id: run.id, version: run.version, status: "RUNNING" },
    data: { sent: { increment: count }, tickedAt, version: { increment: 1 }, ...(finishes ? { status: "FINISHED", stoppedAt: at } : {}) },
  });
  if (!claimed || !count) return { sent: 0, refused: 0 };
  const planned = await planRequests(run, run.sent, count);
  // Each sender's DUIS gateway account exists before its requests go out together: created by concurrent first
  // requests, two transactions would race on its unique email and one would fail.
  const senders = new Map(planned.flatMap((p) => (p ? [[p.from.id, p.from] as const] : [])));
  for (const sender of senders.values()) await gatewayActor({ ...sender, isDcc: false });
  const keys = keyRing();
  let refused = 0;
  await inFlight(planned, IN_FLIGHT, async (request) => {
    if (!request) return void refused++;
    const outcome = await sendTraffic(request, keys).catch((error: unknown) => {
      console.error("[simulator traffic]", error);
      return { accepted: false };
    });
    if (!outcome.accepted) refused++;
  });
  if (refused) await db().simTrafficRun.update({ where: { id: run.id }, data: { refused: { increment: refused } } });
  return { sent: count, refused };
}

/** The tick: every running run sends what it owes. */
export async function tickTraffic(): Promise<{ runs: number; sent: number; refused: number }> {
  const runs = await db().simTrafficRun.findMany({ where: { status: "RUNNING" }, orderBy: { startedAt: "asc" } });
  const at = now();
  const totals = { runs: runs.length, sent: 0, refused: 0 };
  for (const run of runs) {
    // A run whose scenario this version does not know (renamed since) is left alone, not failed each second.
    if (!isScenario(run.scenario)) continue;
    const { sent, refused } = await tickRun(run, at);
    totals.sent += sent;
    totals.refused += refused;
  }
  return totals;
}
