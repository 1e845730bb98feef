// Device events injected from the dashboard, /api/simulator or tests (device-ops.md §6.2 "event injectors"): the
// device raises what a real one would (alerts, state changes), on the job queue like any other device event.
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { prepareDuisQueues } from "@/lib/duis/duis-jobs";
import { AppError } from "@/lib/errors";
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import { enqueueDeviceEvents } from "./engine";
import type { InjectedEvent } from "./types";

export const INJECTABLE_EVENTS: Record<InjectedEvent, string> = {
  tamper: "Tamper (secure perimeter breached)",
  "gas-power-loss": "Gas meter power supply loss",
  "uncontrolled-gas-flow": "Uncontrolled gas flow",
  consumption: "Consumption (spend credit, pence)",
  "load-limit": "Load limit exceeded",
  "power-outage": "CH mains power lost (minutes)",
  "power-restore": "CH mains power restored",
  "phase-loss": "Supply interrupted on a phase",
  "ppmid-tamper": "PPMID tamper",
  "local-top-up": "Local top-up (pence)",
  "billing-tick": "Billing calendar point",
  "clock-drift": "Clock drift (seconds)",
  "first-wan-contact": "CH first contact over the SM WAN",
};

export const injectSchema = z.object({
  deviceId: z
    .string("Give the Device ID.")
    .trim()
    .max(40, "Give the Device ID as 16 hex digits.")
    .transform((v, ctx) => parseEui64(v) ?? (ctx.addIssue({ code: "custom", message: "Give the Device ID as 16 hex digits, e.g. 00-DB-12-34-56-78-90-A0." }), z.NEVER)),
  event: z.enum(Object.keys(INJECTABLE_EVENTS) as [InjectedEvent, ...InjectedEvent[]], "Choose the event."),
  minutes: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number("Minutes must be a number.").int("Minutes must be whole.").min(0).max(10_080).optional()),
  amount: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number("The amount must be a number.").int("The amount must be whole.").min(0).max(1_000_000).optional()),
  phase: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().min(1, "The phase is 1, 2 or 3.").max(3, "The phase is 1, 2 or 3.").optional()),
});

export async function injectEvent(actor: Actor, input: z.input<typeof injectSchema>): Promise<{ deviceId: string; event: InjectedEvent }> {
  authorize(actor, "simulator.manage");
  const data = injectSchema.parse(input);
  await prepareDuisQueues();
  return db().$transaction(async (tx) => {
    const device = await tx.device.findUnique({ where: { id: data.deviceId }, select: { id: true } });
    if (!device) throw new AppError("NOT_FOUND", `Device ${formatEui64(data.deviceId)} is not in the SMI.`);
    await enqueueDeviceEvents(tx, [{ deviceId: data.deviceId, event: { type: "inject", event: data.event, minutes: data.minutes, amount: data.amount, phase: data.phase as 1 | 2 | 3 | undefined } }]);
    await audit(tx, actor, { action: "simulator.event.inject", entityType: "Device", entityId: data.deviceId, partyId: null, after: data });
    return { deviceId: data.deviceId, event: data.event };
  });
}
