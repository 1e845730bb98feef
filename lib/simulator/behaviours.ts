// Behaviour knobs (issue 12 item 5; processing.md §6.1 deviceBehaviour): per device, per model, per device type or
// for the whole population, set from the dashboard, /api/simulator or tests. The most specific one applies, and every
// random choice (which commands a "drop 20 %" device ignores) comes from the simulator's seed, so runs repeat.
import { z } from "zod";
import type { SimBehaviour, SimBehaviourScope, SimResponseMode } from "@/generated/prisma/client";
import type { DeviceType } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { RESPONSE_CODES } from "@/lib/duis/codes";
import { db, type Db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseEui64 } from "@/lib/identifiers";
import { wholeNumber } from "@/lib/validation";
import { hashOf } from "./state";

export const SCOPES: readonly SimBehaviourScope[] = ["DEVICE", "MODEL", "DEVICE_TYPE", "POPULATION"];
export const MODES: Record<SimResponseMode, string> = {
  RESPOND_OK: "Respond normally",
  RESPOND_ERROR: "Respond with an error",
  NO_CSP_ACK: "No CSP acknowledgement (N12)",
  NO_RESPONSE: "No response (N13)",
};
const DEVICE_TYPES: readonly DeviceType[] = ["ESME", "GSME", "CHF", "GPF", "PPMID", "HCALCS", "IHD", "CAD"];

/** How a device answers when nothing is set. */
export const NORMAL: Pick<SimBehaviour, "mode" | "errorCode" | "delaySeconds" | "dropPercent" | "wanFlapSeconds"> = {
  mode: "RESPOND_OK",
  errorCode: null,
  delaySeconds: 0,
  dropPercent: 0,
  wanFlapSeconds: null,
};
export type Behaviour = typeof NORMAL;

export const behaviourSchema = z
  .object({
    scope: z.enum(SCOPES as [SimBehaviourScope, ...SimBehaviourScope[]], "Choose what the behaviour applies to."),
    target: z.string("Name the device, model or device type.").trim().max(100, "The target is at most 100 characters."),
    mode: z.enum(Object.keys(MODES) as [SimResponseMode, ...SimResponseMode[]], "Choose how the device answers."),
    errorCode: z
      .string()
      .trim()
      .max(10)
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || (/^[EW]\d+$/.test(v) && v in RESPONSE_CODES), "The error code must be one of the DUIS E or W codes."),
    delaySeconds: wholeNumber("The delay (s)", { max: 86_400 }).default(0),
    dropPercent: wholeNumber("The drop percentage", { max: 100 }).default(0),
    wanFlapSeconds: z.preprocess((v) => (v === "" || v === null ? undefined : v), wholeNumber("The WAN flap period (s)", { min: 1, max: 86_400 }).optional()),
  })
  .superRefine((input, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (input.scope === "DEVICE" && !parseEui64(input.target)) issue("target", "Give the Device ID as 16 hex digits, e.g. 00-DB-12-34-56-78-90-A0.");
    if (input.scope === "DEVICE_TYPE" && !DEVICE_TYPES.includes(input.target as DeviceType)) issue("target", `The device type is one of ${DEVICE_TYPES.join(", ")}.`);
    if (input.scope === "MODEL" && !input.target) issue("target", "Choose the device model.");
    if (input.mode === "RESPOND_ERROR" && !input.errorCode) issue("errorCode", "Give the error code the device answers with.");
  })
  .transform((input) => ({
    ...input,
    target: input.scope === "POPULATION" ? "*" : input.scope === "DEVICE" ? parseEui64(input.target)! : input.target,
    errorCode: input.mode === "RESPOND_ERROR" ? input.errorCode! : null,
    wanFlapSeconds: input.wanFlapSeconds ?? null,
  }));

export type BehaviourInput = z.input<typeof behaviourSchema>;

export async function setBehaviour(actor: Actor, input: BehaviourInput, client: Db = db()): Promise<SimBehaviour> {
  authorize(actor, "simulator.manage");
  const data = behaviourSchema.parse(input);
  return client.$transaction(async (tx) => {
    if (data.scope === "MODEL" && !(await tx.deviceModel.findUnique({ where: { id: data.target }, select: { id: true } }))) {
      throw new AppError("INVALID", "That device model is not on the CPL.");
    }
    const before = await tx.simBehaviour.findUnique({ where: { scope_target: { scope: data.scope, target: data.target } } });
    const fields = { mode: data.mode, errorCode: data.errorCode, delaySeconds: data.delaySeconds, dropPercent: data.dropPercent, wanFlapSeconds: data.wanFlapSeconds, updatedAt: now(), updatedById: actor.accountId };
    const saved = await tx.simBehaviour.upsert({ where: { scope_target: { scope: data.scope, target: data.target } }, create: { scope: data.scope, target: data.target, ...fields }, update: fields });
    await audit(tx, actor, { action: "simulator.behaviour.set", entityType: "SimBehaviour", entityId: saved.id, partyId: null, before, after: saved });
    return saved;
  });
}

export async function clearBehaviour(actor: Actor, input: { id: unknown }): Promise<void> {
  authorize(actor, "simulator.manage");
  const id = z.string("Which behaviour?").trim().min(1, "Which behaviour?").max(100).parse(input.id);
  await db().$transaction(async (tx) => {
    const removed = await tx.simBehaviour.findUnique({ where: { id } });
    if (!removed || (await tx.simBehaviour.deleteMany({ where: { id } })).count === 0) throw new AppError("NOT_FOUND", "That behaviour was not found (cleared meanwhile?).");
    await audit(tx, actor, { action: "simulator.behaviour.clear", entityType: "SimBehaviour", entityId: id, partyId: null, before: removed });
  });
}

export const listBehaviours = (client: Tx | Db = db()) => client.simBehaviour.findMany({ orderBy: [{ scope: "asc" }, { target: "asc" }] });

/** The behaviour for a device: its own, else its model's, else its type's, else the population's, else normal. */
export function behaviourFor(all: readonly SimBehaviour[], device: { id: string; modelId: string | null; deviceType: DeviceType }): Behaviour {
  const find = (scope: SimBehaviourScope, target: string | null) => (target === null ? undefined : all.find((b) => b.scope === scope && b.target === target));
  return find("DEVICE", device.id) ?? find("MODEL", device.modelId) ?? find("DEVICE_TYPE", device.deviceType) ?? find("POPULATION", "*") ?? NORMAL;
}

/** Whether this attempt of this command is one a "drop N %" device ignores: fixed by the seed, the RequestID and attempt. */
export const isDropped = (behaviour: Behaviour, seed: number, requestId: string, attempt: number) =>
  behaviour.dropPercent > 0 && hashOf(`${seed}:${requestId}:${attempt}`) % 100 < behaviour.dropPercent;

/** Whether a flapping device's WAN is down at `at`: down for wanFlapSeconds, up for as long, phase fixed per device. */
export function wanDown(behaviour: Behaviour, deviceId: string, at: Date): boolean {
  if (!behaviour.wanFlapSeconds) return false;
  const period = behaviour.wanFlapSeconds;
  return Math.floor((at.getTime() / 1000 + (hashOf(deviceId) % period)) / period) % 2 === 1;
}
