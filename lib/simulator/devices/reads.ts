// Meter reads (device-ops.md §1.3, §3.6): registers, profiles, daily logs, billing logs, network data, maximum demand,
// load limit data and active power, all from lib/simulator/consumption.ts, so any read agrees with every other.
// Each answer carries the meter's time and time status; logs withhold data from before a CoT restriction (§3.9).
import { CODE } from "@/lib/duis/codes";
import {
  KWH_PER_M3,
  activePowerW,
  cotCutoff,
  dayStart,
  deviceTime,
  halfHours,
  hasStream,
  midnights,
  register,
  stamp,
  toUnit,
  touRegisters,
  voltage,
  type Stream,
} from "../consumption";
import type { DeviceState } from "../state";
import type { AnswerData, AnswerValue, CommandHandler, CommandOutcome, EventHandler, SimDevice } from "../types";
import { changed, logged, refuse } from "./model";
import { answer, isGasMeter, notAMeter, sendable, withConfig } from "./supply";

const DAY_MS = 86_400_000;
/** How far back each log reaches (GBCS log sizes): profiles 13 months, daily logs 731 days, gas network data 4 h. */
const PROFILE_DAYS = 396;
const DAILY_DAYS = 731;
const NETWORK_DATA_MS = 4 * 3_600_000;

type Period = { from: Date; to: Date } | { refusal: string };

/**
 * The period a log read covers: ReadLogPeriod's Start/EndDateTime, or a DCC Schedule's offsets (days back from the
 * meter's today plus a time); else the last 24 hours. It ends no later than the meter's now (no future data).
 */
export function readPeriod(params: Record<string, string>, state: DeviceState, at: Date): Period {
  const now = deviceTime(state, at);
  const find = (name: string) => Object.entries(params).find(([k]) => k === name || k.endsWith(`.${name}`))?.[1];
  const offset = (days: string | undefined, time: string | undefined) => {
    if (days === undefined) return undefined;
    const base = dayStart(now).getTime() + Number(days) * DAY_MS;
    const [h, m, s] = (time ?? "00:00:00").replace(/Z$/, "").split(":").map(Number);
    return new Date(base + ((h || 0) * 3600 + (m || 0) * 60 + (s || 0)) * 1000);
  };
  const from = find("StartDateTime") ? new Date(find("StartDateTime")!) : (offset(find("StartDateOffset"), find("StartTime")) ?? new Date(now.getTime() - DAY_MS));
  const rawTo = find("EndDateTime") ? new Date(find("EndDateTime")!) : (offset(find("EndDateOffset"), find("EndTime")) ?? now);
  if (Number.isNaN(from.getTime()) || Number.isNaN(rawTo.getTime())) return { refusal: "The read period's dates are not valid." };
  if (from > rawTo) return { refusal: "The read period starts after it ends." };
  return { from, to: rawTo > now ? now : rawTo };
}

/** The period narrowed to what the log holds: no older than `days`, nothing before an effective CoT restriction. */
function held(period: { from: Date; to: Date }, state: DeviceState, at: Date, days: number) {
  const oldest = deviceTime(state, at).getTime() - days * DAY_MS;
  const cutoff = cotCutoff(state, at)?.getTime() ?? -Infinity;
  return { from: new Date(Math.max(period.from.getTime(), oldest, cutoff)), to: period.to };
}

/** A log read: the period parsed and narrowed, then the entries. */
function logRead(days: number, entries: (device: SimDevice, state: DeviceState, from: Date, to: Date, at: Date) => AnswerData | string, electricityOnly = false): CommandHandler {
  return ({ device, state, params, at }): CommandOutcome => {
    if (!isReadable(device, electricityOnly)) return unreadable(state, device, electricityOnly);
    const period = readPeriod(params, state, at);
    if ("refusal" in period) return refuse(CODE.DEVICE_RANGE, period.refusal, state);
    const { from, to } = held(period, state, at, days);
    const data = entries(device, state, from, to, at);
    if (typeof data === "string") return refuse(CODE.DEVICE_STATE, data, state);
    return answer(state, { periodStart: period.from.toISOString(), periodEnd: period.to.toISOString(), ...data, ...stamp(state, at) });
  };
}

const isReadable = (device: SimDevice, electricityOnly: boolean) => device.deviceType === "ESME" || (!electricityOnly && isGasMeter(device));
const unreadable = (state: DeviceState, device: SimDevice, electricityOnly: boolean) =>
  electricityOnly && isGasMeter(device) ? refuse(CODE.DEVICE_UNSUPPORTED, "Only an ESME holds this data.", state) : notAMeter(state, device);

/** The unit an import figure is given in: kWh for electricity, m³ for gas (volume, as the gas registers count). */
const importUnit = (device: SimDevice) => (isGasMeter(device) ? "M3" : "Kwh");

// ---- Instantaneous registers -----------------------------------------------------------------------------------

function registers(device: SimDevice, state: DeviceState, at: Date): AnswerData {
  const t = deviceTime(state, at);
  if (isGasMeter(device)) {
    const litres = register(device, "import", t);
    return { importRegisterM3: toUnit(litres), importEnergyKwh: Math.round(litres * KWH_PER_M3) / 1000 };
  }
  const data: AnswerData = { importRegisterKwh: toUnit(register(device, "import", t)) };
  if (hasStream(device, "secondary")) data.secondaryImportRegisterKwh = toUnit(register(device, "secondary", t));
  return data;
}

const readImportRegisters: CommandHandler = ({ device, state, at }) => {
  if (!isReadable(device, false)) return notAMeter(state, device);
  return answer(state, { ...registers(device, state, at), ...stamp(state, at) });
};

const readExportRegisters: CommandHandler = ({ device, state, at }) => {
  if (!isReadable(device, true)) return unreadable(state, device, true);
  return answer(state, { exportRegisterKwh: toUnit(register(device, "export", deviceTime(state, at))), ...stamp(state, at) });
};

const readActivePowerImport: CommandHandler = ({ device, state, at }) => {
  if (!isReadable(device, true)) return unreadable(state, device, true);
  return answer(state, { activePowerImportW: activePowerW(device, deviceTime(state, at)), ...stamp(state, at) });
};

const readLoadLimitData: CommandHandler = ({ device, state, at }) => {
  if (!isReadable(device, true)) return unreadable(state, device, true);
  const l = state.loadLimit;
  return answer(state, { thresholdW: l.thresholdW, periodSeconds: l.periodSeconds, restorationSeconds: l.restorationSeconds, loadLimitCounter: l.counter, ...stamp(state, at) });
};

// ---- Profiles and daily logs -----------------------------------------------------------------------------------

function profile(stream: Stream, name: string) {
  return (device: SimDevice, _state: DeviceState, from: Date, to: Date): AnswerData => ({
    [name]: halfHours(device, stream, from, to).map((v) => ({ start: v.start.toISOString(), value: toUnit(v.value) })),
    unit: stream === "import" ? importUnit(device).toLowerCase() : stream === "reactive" ? "kvarh" : "kwh",
  });
}

function dailyReads(stream: Stream) {
  return (device: SimDevice, _state: DeviceState, from: Date, to: Date): AnswerData => {
    const data: AnswerData = {
      [`dailyReads${stream === "export" ? "Export" : ""}`]: midnights(from, to).map((t) => ({ at: t.toISOString(), registerValue: toUnit(register(device, stream, t)) })),
      unit: stream === "import" ? importUnit(device).toLowerCase() : "kwh",
    };
    if (stream === "import" && hasStream(device, "secondary")) {
      data.secondaryDailyReads = midnights(from, to).map((t) => ({ at: t.toISOString(), registerValue: toUnit(register(device, "secondary", t)) }));
    }
    return data;
  };
}

function dailyConsumption(device: SimDevice, _state: DeviceState, from: Date, to: Date): AnswerData {
  const days = midnights(from, to);
  return {
    dailyConsumption: days.slice(0, -1).map((d, i) => ({ day: d.toISOString().slice(0, 10), consumption: toUnit(register(device, "import", days[i + 1]) - register(device, "import", d)) })),
    unit: importUnit(device).toLowerCase(),
  };
}

// ---- Billing ---------------------------------------------------------------------------------------------------

const MONTHS = { DAILY: 0, WEEKLY: 0, MONTHLY: 1, QUARTERLY: 3, SIX_MONTHLY: 6, YEARLY: 12 } as const;

/** The billing calendar's points in [from, to] (at most 400). */
export function billingPoints(calendar: NonNullable<DeviceState["billingCalendar"]>, from: Date, to: Date): Date[] {
  const start = new Date(calendar.start);
  const out: Date[] = [];
  for (let n = 0; out.length < 400; n++) {
    let t: Date;
    if (calendar.periodicity === "DAILY" || calendar.periodicity === "WEEKLY") {
      const step = (calendar.periodicity === "DAILY" ? 1 : 7) * DAY_MS;
      // Skip straight to the first point near `from`.
      const first = Math.max(0, Math.floor((from.getTime() - start.getTime()) / step));
      t = new Date(start.getTime() + (first + n) * step);
    } else {
      t = new Date(start);
      t.setUTCMonth(start.getUTCMonth() + n * MONTHS[calendar.periodicity]);
    }
    if (t > to) break;
    if (t >= from) out.push(t);
  }
  return out;
}

/** The start of the billing period holding `at` (the calendar's last point), or the meter's today without one. */
export function billingPeriodStart(state: DeviceState, at: Date): Date {
  const now = deviceTime(state, at);
  if (!state.billingCalendar) return dayStart(now);
  const start = new Date(state.billingCalendar.start);
  if (start > now) return start;
  const points = billingPoints(state.billingCalendar, new Date(now.getTime() - 400 * DAY_MS), now);
  return points[points.length - 1] ?? start;
}

/** The billing data log's snapshot at `t` (device-ops.md §3.6). */
export function billingSnapshot(device: SimDevice, state: DeviceState, t: Date): AnswerData {
  const p = state.payment;
  const snapshot: AnswerData = {
    at: t.toISOString(),
    [`consumptionRegister${importUnit(device)}`]: toUnit(register(device, "import", t)),
    [`touRegisters${importUnit(device)}`]: touRegisters(device, t, state.tariff.primary.touPrices.length).map(toUnit),
    blockCounters: state.tariff.blockCounters,
  };
  if (p.mode === "PREPAYMENT") {
    Object.assign(snapshot, {
      meterBalancePence: p.meterBalance,
      emergencyCreditBalancePence: p.emergencyCreditBalance,
      paymentDebtPence: p.debt.paymentDebt,
      timeDebt1Pence: p.debt.timeDebt1,
      timeDebt2Pence: p.debt.timeDebt2,
      accumulatedDebtPence: p.debt.timeDebt1 + p.debt.timeDebt2 + p.debt.paymentDebt,
    });
  }
  return snapshot;
}

function calendarBillingLog(device: SimDevice, state: DeviceState, from: Date, to: Date): AnswerData {
  const points = state.billingCalendar ? billingPoints(state.billingCalendar, from, to) : [];
  return { billingSnapshots: points.map((t) => billingSnapshot(device, state, t)) };
}

/** Change of mode / tariff snapshots (the events are kept by 1.6 and 1.1.x/1.2.x in config["4.4.2"]). */
function triggeredBillingLog(device: SimDevice, state: DeviceState, from: Date, to: Date): AnswerData {
  const entries: AnswerValue[] = Object.entries(state.config["4.4.2"] ?? {})
    .filter(([k]) => new Date(k) >= from && new Date(k) <= to)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, trigger]) => ({ trigger, ...billingSnapshot(device, state, new Date(k)) }));
  return { billingSnapshots: entries };
}

/** 0x8F0A at a billing calendar point, carrying the snapshot. */
const billingTick: EventHandler = ({ device, state, at }) => {
  if (!isReadable(device, false)) return { state };
  const snapshot = billingSnapshot(device, state, deviceTime(state, at));
  const alerts = sendable(state, [{ code: "8F0A", data: snapshot }]);
  return { state: changed(state, { eventLog: logged(state, at, "8F0A", "Billing data log updated") }), alerts };
};

// ---- Maximum demand and network data ---------------------------------------------------------------------------

/** The highest half-hour demand (kW) since the billing period began, or since 6.18.2 reset the registers. */
function maximumDemand(stream: Stream) {
  return ({ device, state, at }: Parameters<CommandHandler>[0]): CommandOutcome => {
    if (!isReadable(device, true)) return unreadable(state, device, true);
    const now = deviceTime(state, at);
    const reset = state.config["6.18.2"]?.appliedAt;
    const since = [billingPeriodStart(state, at), ...(reset ? [new Date(reset)] : [])].reduce((a, b) => (b > a ? b : a));
    let best = { start: since, value: 0 };
    for (const v of halfHours(device, stream, since, now)) if (v.value > best.value) best = v;
    return answer(state, { maximumDemandKw: toUnit(best.value * 2), at: best.value ? best.start.toISOString() : null, since: since.toISOString(), ...stamp(state, at) });
  };
}

function networkData(device: SimDevice, state: DeviceState, from: Date, to: Date, at: Date): AnswerData | string {
  if (device.deviceType === "ESME") {
    const phases = device.esmeVariant === "POLYPHASE" ? [1, 2, 3] : [1];
    return {
      voltage: halfHours(device, "import", from, to).map((v) => ({
        start: v.start.toISOString(),
        rmsVoltageV: phases.map((phase) => voltage(device.id, phase, v.start)),
      })),
    };
  }
  // The gas Network Data Log runs only once 14.1 started it: 4 hours of 6-minute volumes, circular.
  const started = state.config["14.1"]?.startedAt;
  if (!started) return "The Network Data Log is not running: send 14.1 Record Network Data first.";
  const now = deviceTime(state, at).getTime();
  const step = 6 * 60_000;
  const first = Math.max(from.getTime(), new Date(started).getTime(), now - NETWORK_DATA_MS);
  const samples: AnswerValue[] = [];
  for (let t = Math.ceil(first / step) * step; t + step <= to.getTime(); t += step) {
    samples.push({ start: new Date(t).toISOString(), volumeM3: toUnit(register(device, "import", new Date(t + step)) - register(device, "import", new Date(t))) });
  }
  return { networkData: samples };
}

const recordNetworkData: CommandHandler = ({ device, state, at }) => {
  if (device.deviceType !== "GSME") return refuse(CODE.DEVICE_UNSUPPORTED, "Only a gas meter records Network Data.", state);
  const startedAt = deviceTime(state, at).toISOString();
  return answer(changed(state, { config: withConfig(state, "14.1", { startedAt }) }), { networkDataLogStartedAt: startedAt });
};

export const READ_COMMANDS: Record<string, CommandHandler> = {
  "4.1.1": readImportRegisters,
  "4.2": readExportRegisters,
  "4.4.2": logRead(DAILY_DAYS, triggeredBillingLog),
  "4.4.3": logRead(DAILY_DAYS, calendarBillingLog),
  "4.6.1": logRead(DAILY_DAYS, dailyReads("import")),
  "4.6.2": logRead(DAILY_DAYS, dailyReads("export"), true),
  "4.8.1": logRead(PROFILE_DAYS, profile("import", "activeImportProfile")),
  "4.8.2": logRead(PROFILE_DAYS, profile("reactive", "reactiveImportProfile"), true),
  "4.8.3": logRead(PROFILE_DAYS, profile("export", "exportProfile"), true),
  "4.10": logRead(PROFILE_DAYS, networkData),
  "4.12.1": maximumDemand("import"),
  "4.12.2": maximumDemand("export"),
  "4.15": readLoadLimitData,
  "4.16": readActivePowerImport,
  "4.17": logRead(DAILY_DAYS, dailyConsumption),
  "14.1": recordNetworkData,
};

export const READ_EVENTS: Record<string, EventHandler> = { "billing-tick": billingTick };
