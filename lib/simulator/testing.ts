// For tests and benchmarks: devices that answer at once (no answer delay), and a call that answers given Commands.
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { answerCommands, forgetKnobs } from "./engine";
import { DEFAULT_SETTINGS, type SimulatorSettings } from "./settings";

/** Stores simulator settings (defaults, answering at once, plus `overrides`) and makes the engine read them now. */
export async function storeSettings(overrides: Partial<SimulatorSettings> = {}) {
  const settings = { ...DEFAULT_SETTINGS, answerDelayMs: 0, ...overrides, updatedAt: now() };
  await db().simSettings.upsert({ where: { id: 1 }, create: { id: 1, ...settings }, update: settings });
  forgetKnobs();
}

/** The devices answer these Commands now, as the Device Command queue's worker would (first attempt). */
export async function answerNow(ids: string[]) {
  if (!(await db().simSettings.findUnique({ where: { id: 1 } }))) await storeSettings();
  await answerCommands(ids.map((serviceRequestId) => ({ serviceRequestId })));
}
