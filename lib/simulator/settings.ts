// The simulator's settings (one SimSettings row; these defaults until a DCC admin changes them).
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db, type Db, type Tx } from "@/lib/db";
import { wholeNumber } from "@/lib/validation";

export interface SimulatorSettings {
  seed: number;
  answerDelayMs: number;
  onDemandRetrySeconds: number;
  onDemandRetries: number;
  joinAllowanceSeconds: number;
}

/** "With default behaviour a device answers within a few seconds": 1.5 s, a retry after 30 s, one re-send. */
export const DEFAULT_SETTINGS: SimulatorSettings = { seed: 20261206, answerDelayMs: 1_500, onDemandRetrySeconds: 30, onDemandRetries: 1, joinAllowanceSeconds: 60 };

export async function readSettings(client: Tx | Db = db()): Promise<SimulatorSettings> {
  const row = await client.simSettings.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULT_SETTINGS;
  const { seed, answerDelayMs, onDemandRetrySeconds, onDemandRetries, joinAllowanceSeconds } = row;
  return { seed, answerDelayMs, onDemandRetrySeconds, onDemandRetries, joinAllowanceSeconds };
}

export const settingsSchema = z.object({
  seed: wholeNumber("The seed"),
  answerDelayMs: wholeNumber("The answer delay (ms)", { max: 600_000 }),
  onDemandRetrySeconds: wholeNumber("The retry wait (s)", { min: 1, max: 3_600 }),
  onDemandRetries: wholeNumber("The number of re-sends", { max: 10 }),
  joinAllowanceSeconds: wholeNumber("The join allowance (s)", { max: 3_600 }),
});

export async function updateSettings(actor: Actor, input: z.input<typeof settingsSchema>): Promise<SimulatorSettings> {
  authorize(actor, "simulator.manage");
  const data = settingsSchema.parse(input);
  return db().$transaction(async (tx) => {
    const before = await readSettings(tx);
    await tx.simSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data, updatedAt: now() }, update: { ...data, updatedAt: now() } });
    await audit(tx, actor, { action: "simulator.settings.update", entityType: "SimSettings", entityId: "1", partyId: null, before, after: data });
    return data;
  });
}
