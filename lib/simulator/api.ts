// /api/simulator (issue 12 item 7): GET the dashboard's state, POST one action. The route stays a thin wrapper around
// these two, so the same dispatch is what the dashboard's forms, scripts and tests use.
import { z, ZodError } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { clearBehaviour, listBehaviours, setBehaviour } from "./behaviours";
import { injectEvent } from "./inject";
import { readSettings, updateSettings } from "./settings";
import { readStats } from "./stats";
import { startTraffic, stopTraffic } from "./traffic";

export const ACTIONS = ["start", "stop", "scenario", "behaviour", "clear-behaviour", "inject", "settings"] as const;
export type SimulatorAction = (typeof ACTIONS)[number];

/** The scenario `start` runs when none is named: the demo's gentle background load. */
export const DEFAULT_SCENARIO = "normal-day";

const actionSchema = z.object({ action: z.enum(ACTIONS, `The action is one of ${ACTIONS.join(", ")}.`) }, "Send a JSON object with an action.");

/** What GET answers: the live figures plus the knobs the dashboard edits. */
export async function simulatorState(actor: Actor) {
  authorize(actor, "simulator.view");
  const [stats, behaviours, settings] = [await readStats(actor), await listBehaviours(), await readSettings()];
  return { ...stats, behaviours, settings };
}

export type SimulatorState = Awaited<ReturnType<typeof simulatorState>>;

type Body = Record<string, unknown>;

async function dispatch(actor: Actor, action: SimulatorAction, body: Body): Promise<unknown> {
  switch (action) {
    case "start":
      return startTraffic(actor, { ...body, scenario: body.scenario ?? DEFAULT_SCENARIO } as Parameters<typeof startTraffic>[1]);
    case "scenario":
      return startTraffic(actor, body as Parameters<typeof startTraffic>[1]);
    case "stop":
      return stopTraffic(actor, { runId: body.runId } as Parameters<typeof stopTraffic>[1]);
    case "behaviour":
      return setBehaviour(actor, body as Parameters<typeof setBehaviour>[1]);
    case "clear-behaviour":
      await clearBehaviour(actor, { id: body.id });
      return null;
    case "inject":
      return injectEvent(actor, body as Parameters<typeof injectEvent>[1]);
    case "settings":
      return updateSettings(actor, body as Parameters<typeof updateSettings>[1]);
  }
}

export interface CommandAnswer {
  status: number;
  body: { ok: true; action: SimulatorAction; result: unknown } | { ok: false; error: string; message: string; errors: string[]; fieldErrors: Record<string, string> };
}

const refusal = (status: number, error: AppError, errors: string[] = [error.message]): CommandAnswer => ({
  status,
  body: { ok: false, error: error.code, message: error.message, errors, fieldErrors: error.fieldErrors },
});

/** One POSTed action: 200 with its result; 400 with every message for bad input; an AppError's own status otherwise. */
export async function simulatorCommand(actor: Actor, input: unknown): Promise<CommandAnswer> {
  try {
    // Permission first: someone who may not act learns nothing about what the input should have been.
    authorize(actor, "simulator.manage");
    const { action } = actionSchema.parse(input);
    const body: Body = { ...(input as Body) };
    delete body.action;
    return { status: 200, body: { ok: true, action, result: await dispatch(actor, action, body) } };
  } catch (error) {
    if (error instanceof ZodError) return refusal(400, AppError.fromZod(error), error.issues.map((i) => i.message));
    if (error instanceof AppError) return refusal(error.status, error);
    throw error;
  }
}
