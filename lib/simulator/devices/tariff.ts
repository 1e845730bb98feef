// Tariffs and prices (device-ops.md §1.1, §3.3): 1.1.x, 1.2.x, 1.7 and the tariff reads 4.11.x, 4.1.2-4.1.4.
// Prices in the state are pence per kWh (standing charge pence per day): DUIS gives a value and a PriceScale, the
// power of ten of the currency unit (gas prices carry no scale and use GBCS's -5).
import { CODE } from "@/lib/duis/codes";
import { blockSplit, register, stamp, toUnit, touRegisters } from "../consumption";
import type { DeviceState } from "../state";
import type { AnswerData, CommandHandler, CommandInput, SimDevice } from "../types";
import { billingPeriodStart } from "./reads";
import { changed, refuse } from "./model";
import { answer, isGasMeter, isMeter, notAMeter, withConfig } from "./supply";

/** The Tariff Switching Table's limit (device-ops.md §8). */
export const MAX_SWITCHING_RULES = 200;
/** "No threshold" in a Threshold Matrix. */
const NO_THRESHOLD = 4_294_967_295;

/** Values of the keys matching `pattern`, in document order (params keep the body's order). */
const valuesOf = (params: Record<string, string>, pattern: RegExp) =>
  Object.entries(params)
    .filter(([k]) => pattern.test(k))
    .map(([, v]) => v);

const scaled = (value: string, scale: string | undefined) => Number(value) * 10 ** (Number(scale ?? -5) + 2);
/** Floating noise off a scaled price (pence to 5 decimals, the GBCS resolution). */
const tidy = (n: number) => Math.round(n * 1e5) / 1e5;

function prices(params: Record<string, string>) {
  const scale = valuesOf(params, /(^|\.)PriceScale$/)[0];
  const standing = valuesOf(params, /(^|\.)StandingCharge$/)[0];
  return {
    touPrices: valuesOf(params, /(^|\.)(TOUPrice|ElectricityPriceElement)(\[\d+\])?$/).map((v) => tidy(scaled(v, scale))),
    blockPrices: valuesOf(params, /(^|\.)BlockPrice(\[\d+\])?$/).map((v) => tidy(scaled(v, scale))),
    standingCharge: standing === undefined ? null : tidy(scaled(standing, valuesOf(params, /(^|\.)StandingChargeScale$/)[0])),
  };
}

/** Switching rules: each scheduled switch of an electricity day profile; a gas day profile is one rule. */
const switchingRules = (params: Record<string, string>) =>
  valuesOf(params, /ProfileSchedule(\[\d+\])?\.StartTime$/).length || valuesOf(params, /DayProfile(\[\d+\])?\.DayName$/).length;

/** The first row of the Threshold Matrix, in kWh (electricity Wh, gas in 10⁻³ of its unit), real thresholds only. */
const thresholds = (params: Record<string, string>) =>
  valuesOf(params, /ThresholdMatrix(\.Thresholds)?\.BlockThreshold(\[\d+\])?$/)
    .map(Number)
    .filter((v) => v < NO_THRESHOLD)
    .map((v) => v / 1000);

const isTwin = (device: SimDevice) => device.deviceType === "ESME" && device.esmeVariant === "TWIN_ELEMENT";
const noSecondary = (state: DeviceState) => refuse(CODE.DEVICE_UNSUPPORTED, "Only a twin-element ESME has a secondary element.", state);

type Primary = DeviceState["tariff"]["primary"];

function tariffChange(input: CommandInput, primary: Primary | null, secondary: DeviceState["tariff"]["secondary"] | undefined): DeviceState {
  const { state, at } = input;
  return changed(state, {
    tariff: { ...state.tariff, ...(primary ? { primary } : {}), ...(secondary !== undefined ? { secondary } : {}), activatedAt: at.toISOString() },
    // A tariff change snapshots the billing data (Tariff triggered billing data log, 4.4.2).
    config: withConfig(state, "4.4.2", { [at.toISOString()]: "TARIFF_CHANGE" }),
  });
}

const updateImportTariffPrimary: CommandHandler = (input) => {
  const { device, state, params } = input;
  if (!isMeter(device)) return notAMeter(state, device);
  const rules = switchingRules(params);
  if (rules > MAX_SWITCHING_RULES) return refuse(CODE.DEVICE_RANGE, `The Tariff Switching Table holds at most ${MAX_SWITCHING_RULES} rules (${rules} sent).`, state);
  const p = prices(params);
  const primary: Primary = {
    touPrices: p.touPrices.length ? p.touPrices : state.tariff.primary.touPrices,
    blockPrices: p.blockPrices,
    blockThresholds: thresholds(params),
    standingCharge: p.standingCharge ?? state.tariff.primary.standingCharge,
    switchingRules: rules,
  };
  const next = tariffChange(input, primary, undefined);
  return answer(next, { tariff: primaryAnswer(primary) });
};

const updatePricePrimary: CommandHandler = (input) => {
  const { device, state, params } = input;
  if (!isMeter(device)) return notAMeter(state, device);
  const p = prices(params);
  const current = state.tariff.primary;
  const primary: Primary = {
    ...current,
    touPrices: p.touPrices.length ? p.touPrices : current.touPrices,
    blockPrices: p.blockPrices.length ? p.blockPrices : current.blockPrices,
    standingCharge: p.standingCharge ?? current.standingCharge,
  };
  const next = tariffChange(input, primary, undefined);
  return answer(next, { tariff: primaryAnswer(primary) });
};

const updateImportTariffSecondary: CommandHandler = (input) => {
  const { device, state, params } = input;
  if (!isTwin(device)) return noSecondary(state);
  const rules = switchingRules(params);
  if (rules > MAX_SWITCHING_RULES) return refuse(CODE.DEVICE_RANGE, `The Tariff Switching Table holds at most ${MAX_SWITCHING_RULES} rules (${rules} sent).`, state);
  const p = prices(params);
  const secondary = { touPrices: p.touPrices.length ? p.touPrices : (state.tariff.secondary?.touPrices ?? []), standingCharge: 0 };
  const next = tariffChange(input, null, secondary);
  return answer(next, { secondaryTariff: { touPricesPencePerKwh: secondary.touPrices, switchingRules: rules } });
};

const updatePriceSecondary: CommandHandler = (input) => {
  const { device, state, params } = input;
  if (!isTwin(device)) return noSecondary(state);
  const p = prices(params);
  const secondary = { touPrices: p.touPrices, standingCharge: state.tariff.secondary?.standingCharge ?? 0 };
  const next = tariffChange(input, null, secondary);
  return answer(next, { secondaryTariff: { touPricesPencePerKwh: secondary.touPrices } });
};

/** 1.7: block consumption back to zero, so charging restarts at the first block price (ESME). */
const resetBlockCounters: CommandHandler = ({ device, state, at }) => {
  if (device.deviceType !== "ESME") return refuse(CODE.DEVICE_UNSUPPORTED, "Only an ESME takes Reset Tariff Block Counter Matrix.", state);
  const next = changed(state, {
    tariff: { ...state.tariff, blockCounters: state.tariff.blockCounters.map(() => 0) },
    config: withConfig(state, "1.7", { resetAt: at.toISOString() }),
  });
  return answer(next, { blockCounters: next.tariff.blockCounters });
};

function primaryAnswer(primary: Primary): AnswerData {
  return {
    touPricesPencePerKwh: primary.touPrices,
    blockPricesPencePerKwh: primary.blockPrices,
    blockThresholdsKwh: primary.blockThresholds,
    standingChargePencePerDay: primary.standingCharge,
    switchingRules: primary.switchingRules,
  };
}

const readTariffPrimary: CommandHandler = ({ device, state, at }) => {
  if (!isMeter(device) && !isGasMeter(device)) return notAMeter(state, device);
  return answer(state, { tariff: primaryAnswer(state.tariff.primary), activatedAt: state.tariff.activatedAt, ...stamp(state, at) });
};

const readTariffSecondary: CommandHandler = ({ device, state, at }) => {
  if (!isTwin(device)) return noSecondary(state);
  const secondary = state.tariff.secondary ?? { touPrices: [], standingCharge: 0 };
  return answer(state, { secondaryTariff: { touPricesPencePerKwh: secondary.touPrices }, activatedAt: state.tariff.activatedAt, ...stamp(state, at) });
};

/**
 * The Tariff Block Counter Matrix: consumption since the last reset (1.7) or the start of the billing period, whichever
 * is later, split across the blocks by the thresholds.
 */
export function blockCounters(device: SimDevice, state: DeviceState, at: Date): number[] {
  const reset = state.config["1.7"]?.resetAt;
  const periodStart = billingPeriodStart(state, at);
  const since = reset && new Date(reset) > periodStart ? new Date(reset) : periodStart;
  const used = register(device, "import", at) - register(device, "import", since);
  return blockSplit(used, state.tariff.primary.blockThresholds).map(toUnit);
}

const unitName = (device: SimDevice) => (isGasMeter(device) ? "M3" : "Kwh");

const readTouMatrices: CommandHandler = ({ device, state, at }) => {
  if (!isMeter(device) && !isGasMeter(device)) return notAMeter(state, device);
  const unit = unitName(device);
  const data: AnswerData = { [`touRegisters${unit}`]: touRegisters(device, at, state.tariff.primary.touPrices.length).map(toUnit) };
  if (isTwin(device)) data.secondaryTouRegistersKwh = touRegisters(device, at, state.tariff.secondary?.touPrices.length ?? 1, "secondary").map(toUnit);
  return answer(state, { ...data, ...stamp(state, at) });
};

const readTouWithBlocks: CommandHandler = ({ device, state, at }) => {
  if (device.deviceType !== "ESME") return refuse(CODE.DEVICE_UNSUPPORTED, "Only an ESME has a TOU with blocks matrix.", state);
  return answer(state, {
    touRegistersKwh: touRegisters(device, at, state.tariff.primary.touPrices.length).map(toUnit),
    blockCountersKwh: blockCounters(device, state, at),
    ...stamp(state, at),
  });
};

const readBlockCounters: CommandHandler = ({ device, state, at }) => {
  if (!isGasMeter(device)) return refuse(CODE.DEVICE_UNSUPPORTED, "Block counters are read this way from a gas meter or GPF.", state);
  return answer(state, { blockCountersM3: blockCounters(device, state, at), ...stamp(state, at) });
};

export const TARIFF_COMMANDS: Record<string, CommandHandler> = {
  "1.1.1": updateImportTariffPrimary,
  "1.1.2": updateImportTariffSecondary,
  "1.2.1": updatePricePrimary,
  "1.2.2": updatePriceSecondary,
  "1.7": resetBlockCounters,
  "4.1.2": readTouMatrices,
  "4.1.3": readTouWithBlocks,
  "4.1.4": readBlockCounters,
  "4.11.1": readTariffPrimary,
  "4.11.2": readTariffSecondary,
};
