// A simulated meter's consumption as a pure function of (device, time), so nothing of it is stored and every read, at
// any time, agrees with every other (device-ops.md §3.6). Each register is defined at half-hour boundaries as a
// closed-form, strictly increasing function (a daily shape, a yearly season and bounded per-slot noise), floored to
// whole base units (Wh for electricity, litres for gas). A half-hourly profile value is the difference of the register
// at its two boundaries, so the register at t2 minus at t1 is exactly the sum of the profile values between, and daily
// logs are the register at each midnight. Prepayment balances are not derived from it: they move with commands and
// injected "consumption" events (lib/simulator/devices/prepay.ts).
import type { DeviceState } from "./state";
import { hashOf } from "./state";

export const SLOT_MS = 30 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Registers start counting here (before it they hold their opening value). */
const ORIGIN_MS = Date.UTC(2010, 0, 1);
const SLOTS_PER_DAY = 48;
const SLOTS_PER_YEAR = SLOTS_PER_DAY * 365.25;
const OMEGA = (2 * Math.PI) / SLOTS_PER_YEAR;
/** A gas meter's volume to energy, at a typical calorific value (39.5 MJ/m³ × 1.02264 / 3.6). */
export const KWH_PER_M3 = 11.22;

export interface MeterIdentity {
  id: string;
  deviceType: string;
  esmeVariant: string | null;
}

/**
 * import: active import (ESME) or volume (GSME/GPF); secondary: the second element of a twin-element ESME; export:
 * active export (ESMEs with generation, about one in five); reactive: reactive import.
 */
export type Stream = "import" | "secondary" | "export" | "reactive";

const isGas = (meter: MeterIdentity) => meter.deviceType === "GSME" || meter.deviceType === "GPF";

/** Normalised so a day's 48 values sum to 48 (mean 1). */
function dayShape(values: number[]): { shape: number[]; prefix: number[] } {
  const slots = values.flatMap((v) => [v, v]);
  const scale = SLOTS_PER_DAY / slots.reduce((a, b) => a + b, 0);
  const shape = slots.map((v) => v * scale);
  const prefix = [0];
  for (const v of shape) prefix.push(prefix[prefix.length - 1] + v);
  return { shape, prefix };
}

// Hourly weights, 00:00 to 23:00 UTC.
const ELEC_DAY = dayShape([5, 4.5, 4.5, 4.5, 4.5, 5, 7, 10, 10, 8, 7, 7, 8, 7, 7, 7, 9, 13, 16, 15, 13, 11, 8, 6]);
const GAS_DAY = dayShape([6, 6, 6, 6, 6, 8, 14, 16, 13, 9, 7, 7, 7, 7, 7, 8, 10, 14, 15, 14, 12, 10, 8, 7]);
const SOLAR_DAY = dayShape([0, 0, 0, 0, 0, 0, 1, 3, 6, 9, 11, 12, 12, 11, 9, 6, 3, 1, 0, 0, 0, 0, 0, 0]);
const NIGHT_DAY = dayShape([10, 10, 10, 10, 10, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

interface StreamModel {
  /** Mean base units per half hour. */
  perSlot: number;
  day: { shape: number[]; prefix: number[] };
  /** Yearly swing (fraction of the mean), highest on 1 January. */
  season: number;
  /** Per-slot noise (fraction of the mean). */
  noise: number;
  /** The register's value at the origin. */
  opening: number;
  seed: string;
}

// Each slot's value is mean × (day shape − season − noise) at least; the shapes' minima keep that positive, so the
// register strictly increases (the solar and night shapes carry neither season nor noise, so never go below zero).
function model(meter: MeterIdentity, stream: Exclude<Stream, "reactive">): StreamModel | null {
  const h = hashOf(`${meter.id}:${stream}`);
  const seed = `${meter.id}:${stream}`;
  if (isGas(meter)) {
    if (stream !== "import") return null;
    // 8,000-16,000 kWh a year, in litres of gas.
    const litresPerYear = ((8_000 + (h % 8_000)) / KWH_PER_M3) * 1000;
    return { perSlot: litresPerYear / SLOTS_PER_YEAR, day: GAS_DAY, season: 0.5, noise: 0.1, opening: (h % 900) * 1000, seed };
  }
  if (meter.deviceType !== "ESME") return null;
  if (stream === "import") {
    const whPerYear = (1_800 + (hashOf(meter.id) % 2_400)) * 1000;
    return { perSlot: whPerYear / SLOTS_PER_YEAR, day: ELEC_DAY, season: 0.25, noise: 0.1, opening: (h % 5_000) * 1000, seed };
  }
  if (stream === "secondary") {
    if (meter.esmeVariant !== "TWIN_ELEMENT") return null;
    return { perSlot: (2_500_000 + (h % 1_500) * 1000) / SLOTS_PER_YEAR, day: NIGHT_DAY, season: 0, noise: 0, opening: (h % 2_000) * 1000, seed };
  }
  if (hashOf(meter.id) % 5 !== 0) return null;
  return { perSlot: (1_500_000 + (h % 2_000) * 1000) / SLOTS_PER_YEAR, day: SOLAR_DAY, season: 0, noise: 0, opening: 0, seed };
}

/** The register, unfloored, at a whole number of slots since the origin. */
function atSlot(m: StreamModel, k: number): number {
  if (k <= 0) return m.opening;
  const days = Math.floor(k / SLOTS_PER_DAY);
  const shape = days * SLOTS_PER_DAY + m.day.prefix[k - days * SLOTS_PER_DAY];
  const season = m.season ? (m.season * Math.sin(OMEGA * k)) / OMEGA : 0;
  const noise = m.noise ? m.noise * (hashOf(`${m.seed}:${k}`) / 0x1_0000_0000) : 0;
  return m.opening + m.perSlot * (shape + season + noise);
}

/** The register, unfloored, at any instant (linear within a half hour). */
function exact(meter: MeterIdentity, stream: Stream, at: Date): number {
  if (stream === "reactive") return 0.2 * exact(meter, "import", at);
  const m = model(meter, stream);
  if (!m) return 0;
  const x = (at.getTime() - ORIGIN_MS) / SLOT_MS;
  const k = Math.floor(x);
  const low = atSlot(m, k);
  return x === k ? low : low + (atSlot(m, k + 1) - low) * (x - k);
}

/** Whether the meter has this register at all (export only with generation, secondary only on a twin element). */
export const hasStream = (meter: MeterIdentity, stream: Stream): boolean =>
  stream === "reactive" ? meter.deviceType === "ESME" : model(meter, stream) !== null;

/** The cumulative register in whole base units (Wh; litres for gas): never decreases with time. */
export function register(meter: MeterIdentity, stream: Stream, at: Date): number {
  return Math.floor(exact(meter, stream, at));
}

/** Base units to the unit the answer gives (kWh, kvarh or m³), to the base unit's resolution. */
export const toUnit = (baseUnits: number): number => Math.round(baseUnits) / 1000;

/** The start of the half hour holding `at`. */
export const slotStart = (at: Date): Date => new Date(Math.floor(at.getTime() / SLOT_MS) * SLOT_MS);
/** 00:00 UTC of the day holding `at`. */
export const dayStart = (at: Date): Date => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);

/** Half-hourly values (base units) of every whole half hour in [from, to). */
export function halfHours(meter: MeterIdentity, stream: Stream, from: Date, to: Date): { start: Date; value: number }[] {
  const out: { start: Date; value: number }[] = [];
  let t = Math.ceil(from.getTime() / SLOT_MS) * SLOT_MS;
  let previous = register(meter, stream, new Date(t));
  for (; t + SLOT_MS <= to.getTime(); t += SLOT_MS) {
    const next = register(meter, stream, new Date(t + SLOT_MS));
    out.push({ start: new Date(t), value: next - previous });
    previous = next;
  }
  return out;
}

/** Every 00:00 UTC in [from, to]. */
export function midnights(from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (let t = Math.ceil(from.getTime() / DAY_MS) * DAY_MS; t <= to.getTime(); t += DAY_MS) out.push(new Date(t));
  return out;
}

/** Average import power (W) over the half hour holding `at`: what 4.16 reads. */
export function activePowerW(meter: MeterIdentity, at: Date): number {
  const start = slotStart(at);
  const wh = register(meter, "import", new Date(start.getTime() + SLOT_MS)) - register(meter, "import", start);
  return wh * 2;
}

/** RMS voltage (V) of one phase in the half hour holding `at`: 230 V ± 6 V, fixed per device, phase and half hour. */
export function voltage(meterId: string, phase: number, at: Date): number {
  const h = hashOf(`${meterId}:V${phase}:${slotStart(at).getTime()}`);
  return Math.round((224 + (h % 1200) / 100) * 10) / 10;
}

/**
 * The TOU register matrix: the import register split across `rates` TOU registers in fixed shares (the first rate
 * the largest). Each register only grows; their sum is the import register to within a unit per rate.
 */
export function touRegisters(meter: MeterIdentity, at: Date, rates: number, stream: Stream = "import"): number[] {
  const n = Math.max(1, Math.min(rates, 48));
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const value = exact(meter, stream, at);
  return weights.map((w) => Math.floor((value * w) / total));
}

/** Consumption (base units) in [from, to] split across blocks by cumulative thresholds (kWh or m³): 4 blocks. */
export function blockSplit(consumption: number, thresholds: number[]): number[] {
  const limits = thresholds.map((t) => t * 1000).slice(0, 3);
  const blocks: number[] = [];
  let below = 0;
  for (const limit of limits) {
    blocks.push(Math.max(0, Math.min(consumption, limit) - below));
    below = Math.max(below, limit);
  }
  blocks.push(Math.max(0, consumption - below));
  while (blocks.length < 4) blocks.push(0);
  return blocks.slice(0, 4);
}

/** The meter's own clock: the engine's time plus the device's drift. */
export const deviceTime = (state: DeviceState, at: Date): Date => new Date(at.getTime() + state.clock.offsetSeconds * 1000);

/** What every time-stamped answer carries (device-ops.md §3.8). */
export function stamp(state: DeviceState, at: Date): { meterTime: string; timeStatus: string } {
  return { meterTime: deviceTime(state, at).toISOString(), timeStatus: state.clock.status };
}

/** The CoT restriction in force at `at`, if any: data before it is withheld (device-ops.md §3.9). */
export function cotCutoff(state: DeviceState, at: Date): Date | null {
  if (!state.cotRestrictionAt) return null;
  const cutoff = new Date(state.cotRestrictionAt);
  return cutoff.getTime() <= deviceTime(state, at).getTime() ? cutoff : null;
}
