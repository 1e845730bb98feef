// Supply (ESME load switch, GSME valve) and load control: device-ops.md §1.5 and the state table of §3.1, plus the
// unsolicited supply events (tamper, gas power loss, uncontrolled flow, load limiting, phase loss). Also the small
// helpers the metering models share (alert filtering, config logs); model.ts holds the ones all device models share.
import type { DeviceType } from "@/generated/prisma/enums";
import { CODE } from "@/lib/duis/codes";
import { stamp } from "../consumption";
import type { DeviceState, DisableCause } from "../state";
import type { AnswerData, CommandHandler, CommandOutcome, EventHandler, EventOutcome, RaisedAlert, SimDevice } from "../types";
import { changed, logged, ok, refuse } from "./model";

// ---- Shared helpers --------------------------------------------------------------------------------------------

export const METERS: readonly DeviceType[] = ["ESME", "GSME"];
export const isMeter = (device: SimDevice) => METERS.includes(device.deviceType);
export const isGasMeter = (device: SimDevice) => device.deviceType === "GSME" || device.deviceType === "GPF";

/** One configuration map of `state.config` with entries set, by SRV. */
export function withConfig(state: DeviceState, srv: string, entries: Record<string, string>, keep = 100): DeviceState["config"] {
  const merged = { ...state.config[srv], ...entries };
  // Logs kept in config (keyed by ISO time) hold the newest `keep` entries, as a device's circular log would.
  const keys = Object.keys(merged).sort();
  const kept = keys.length > keep ? Object.fromEntries(keys.slice(-keep).map((k) => [k, merged[k]])) : merged;
  return { ...state.config, [srv]: kept };
}

/**
 * Critical alerts cannot be switched off (device-ops.md §2.1): the 0x8Fxx range and 0x00CA, none of which 6.22 can
 * configure (its schema lists only 0x80xx and 0x81xx codes).
 */
export const isCriticalAlert = (code: string) => /^8F/i.test(code) || code.toUpperCase() === "00CA";

const alertKey = (code: string) => code.replace(/^(0x|x)/i, "").toUpperCase();

/** The alerts the device actually sends: non-critical ones the Supplier switched off (6.22) are dropped. */
export function sendable(state: DeviceState, alerts: RaisedAlert[]): RaisedAlert[] {
  const off = new Set(state.alertsDisabled.map(alertKey));
  return alerts.filter((a) => isCriticalAlert(a.code) || !off.has(alertKey(a.code)));
}

/** A success answer with the alerts the device sends. */
export const answer = (state: DeviceState, data: AnswerData, alerts: RaisedAlert[] = []): CommandOutcome => {
  const sent = sendable(state, alerts);
  return ok(data, state, sent.length ? { alerts: sent } : {});
};

export const notAMeter = (state: DeviceState, device: SimDevice) =>
  refuse(CODE.DEVICE_UNSUPPORTED, `A ${device.deviceType} has no supply to switch.`, state);

// ---- Supply state machine (device-ops.md §3.1) -----------------------------------------------------------------

type Supply = DeviceState["supply"];

const supplyAnswer = (supply: Supply): AnswerData => ({ supplyState: supply.state, locked: supply.locked, disableCause: supply.disableCause });

function toSupply(state: DeviceState, supply: Supply, at: Date, text: string): DeviceState {
  const same = state.supply.state === supply.state && state.supply.locked === supply.locked && state.supply.disableCause === supply.disableCause;
  if (same) return state;
  return changed(state, { supply, eventLog: logged(state, at, "SUPPLY", text) });
}

/** The causes after which Arm (and, but for a gas power loss, ESME Enable) releases the supply. */
const ARM_RELEASES: readonly DisableCause[] = ["COMMAND", "TAMPER", "GAS_POWER_LOSS"];
const ENABLE_RELEASES: readonly DisableCause[] = ["COMMAND", "TAMPER"];

const enableSupply: CommandHandler = ({ device, state, at }) => {
  // Gas cannot be enabled remotely (§1.5): the consumer enables an armed valve at the meter.
  if (device.deviceType !== "ESME") return refuse(CODE.DEVICE_UNSUPPORTED, "Only an electricity meter can be enabled remotely.", state);
  const { supply } = state;
  if (supply.state === "DISABLED" && !ENABLE_RELEASES.includes(supply.disableCause ?? "COMMAND")) {
    return refuse(CODE.DEVICE_STATE, `The supply is disabled (${supply.disableCause}) and cannot be enabled remotely.`, state);
  }
  const next = toSupply(state, { ...supply, state: "ENABLED", locked: false, disableCause: null }, at, "Supply enabled (7.1)");
  return answer(next, supplyAnswer(next.supply));
};

const disableSupply: CommandHandler = ({ device, state, at }) => {
  if (!isMeter(device)) return notAMeter(state, device);
  const next = toSupply(state, { ...state.supply, state: "DISABLED", locked: true, disableCause: "COMMAND" }, at, "Supply disabled and locked (7.2)");
  return answer(next, supplyAnswer(next.supply));
};

const armSupply: CommandHandler = ({ device, state, at }) => {
  if (!isMeter(device)) return notAMeter(state, device);
  const { supply } = state;
  if (supply.state === "DISABLED" && !ARM_RELEASES.includes(supply.disableCause ?? "COMMAND")) {
    // "Otherwise the Meter does not Arm" (§3.1): e.g. disabled for lack of prepayment credit.
    return refuse(CODE.DEVICE_STATE, `The supply is disabled (${supply.disableCause}) and cannot be armed.`, state);
  }
  const next = toSupply(state, { ...supply, state: "ARMED", locked: false, disableCause: null }, at, "Supply armed (7.3)");
  return answer(next, supplyAnswer(next.supply), [{ code: "8F32", data: { supplyState: "ARMED" } }]);
};

const readSupplyStatus: CommandHandler = ({ state, at }) =>
  answer(state, {
    ...supplyAnswer(state.supply),
    supplyTamperState: state.supply.tamperState,
    supplyDepletionState: state.supply.depletionState,
    ...stamp(state, at),
  });

/**
 * The consumer presses the supply button (meter UI, or a PPMID for electricity): an armed, unlocked supply becomes
 * enabled, the only way to enable gas (§3.1). No injected event names it yet; the dashboard or a test calls it.
 */
export function pressSupplyButton(state: DeviceState, at: Date): DeviceState {
  if (state.supply.state !== "ARMED" || state.supply.locked) return state;
  return toSupply(state, { ...state.supply, state: "ENABLED", disableCause: null }, at, "Supply enabled at the meter");
}

// ---- Load control (ESME ALCS or an HCALCS; §1.5, §3.10) -------------------------------------------------------

const LOAD_CONTROLLERS: readonly DeviceType[] = ["ESME", "HCALCS"];
const noLoadControl = (state: DeviceState, device: SimDevice) => refuse(CODE.DEVICE_UNSUPPORTED, `A ${device.deviceType} has no auxiliary load switch.`, state);

/**
 * The ALCS/HCALCS switch the command names. The SR carries it as the `index` attribute (1-5), which the flat params
 * lose; a body that gives it as a value (`index`) is honoured, else switch 1.
 */
const loadIndex = (params: Record<string, string>) => {
  const index = Number(params.index ?? params["ActivateALCSHCALCS.index"] ?? params["DeactivateALCSHCALCS.index"] ?? 1);
  return Number.isInteger(index) && index >= 1 && index <= 5 ? index : 1;
};

function overrideLoad(on: boolean): CommandHandler {
  return ({ device, state, params, at }) => {
    if (!LOAD_CONTROLLERS.includes(device.deviceType)) return noLoadControl(state, device);
    const index = loadIndex(params);
    // Duration in minutes (0: until the next command or reset).
    const minutes = Number(params[`${on ? "Activate" : "Deactivate"}ALCSHCALCS.Duration`] ?? 0);
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 65_535) return refuse(CODE.DEVICE_RANGE, "The duration must be 0-65535 minutes.", state);
    const until = minutes ? new Date(at.getTime() + minutes * 60_000).toISOString() : "";
    const next = changed(state, { config: withConfig(state, "7.5", { [`load${index}`]: on ? "ON" : "OFF", [`load${index}.until`]: until }) });
    return answer(next, { auxiliaryLoad: index, override: on ? "ON" : "OFF", until: until || null });
  };
}

const resetAuxiliaryLoad: CommandHandler = ({ device, state, params }) => {
  if (!LOAD_CONTROLLERS.includes(device.deviceType)) return noLoadControl(state, device);
  const index = loadIndex(params);
  const current = { ...state.config["7.5"] };
  delete current[`load${index}`];
  delete current[`load${index}.until`];
  const next = changed(state, { config: { ...state.config, "7.5": current } });
  return answer(next, { auxiliaryLoad: index, override: "SCHEDULE" });
};

function loadStates(state: DeviceState, at: Date) {
  const overrides = state.config["7.5"] ?? {};
  return [1, 2, 3, 4, 5].map((i) => {
    const until = overrides[`load${i}.until`];
    const active = overrides[`load${i}`] && (!until || new Date(until) > at);
    return { auxiliaryLoad: i, state: active ? overrides[`load${i}`] : "SCHEDULE", until: active && until ? until : null };
  });
}

const readAuxiliaryLoadSwitchData: CommandHandler = ({ device, state, at }) => {
  if (!LOAD_CONTROLLERS.includes(device.deviceType)) return noLoadControl(state, device);
  return answer(state, { loads: loadStates(state, at), ...stamp(state, at) });
};

const boostLoads = (state: DeviceState) => (state.config["7.9"]?.loads ?? "").split(",").filter(Boolean).map(Number);

function boostButton(add: boolean): CommandHandler {
  return ({ device, state, params }) => {
    if (!LOAD_CONTROLLERS.includes(device.deviceType)) return noLoadControl(state, device);
    const element = add ? "AddToBoostButton" : "RemoveFromBoostButton";
    const loads = new Set(boostLoads(state));
    // The five flags come in switch order (index 1-5).
    for (let i = 0; i < 5; i++) {
      if (params[`${element}${i ? `[${i}]` : ""}`] !== "true") continue;
      if (add) loads.add(i + 1);
      else loads.delete(i + 1);
    }
    const sorted = [...loads].sort();
    const next = changed(state, { config: withConfig(state, "7.9", { loads: sorted.join(",") }) });
    return answer(next, { boostButtonLoads: sorted });
  };
}

const readBoostButtonDetails: CommandHandler = ({ device, state, at }) => {
  if (!LOAD_CONTROLLERS.includes(device.deviceType)) return noLoadControl(state, device);
  return answer(state, { boostButtonLoads: boostLoads(state), ...stamp(state, at) });
};

const setRandomisedOffsetLimit: CommandHandler = ({ device, state, params }) => {
  if (!LOAD_CONTROLLERS.includes(device.deviceType)) return noLoadControl(state, device);
  const seconds = Number(params.RandomisedOffsetLimit);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 1799) return refuse(CODE.DEVICE_RANGE, "The randomised offset limit must be 0-1799 seconds.", state);
  const next = changed(state, { config: withConfig(state, "7.12", { randomisedOffsetLimitSeconds: String(seconds) }) });
  return answer(next, { randomisedOffsetLimitSeconds: seconds });
};

export const SUPPLY_COMMANDS: Record<string, CommandHandler> = {
  "7.1": enableSupply,
  "7.2": disableSupply,
  "7.3": armSupply,
  "7.4": readSupplyStatus,
  "7.5": overrideLoad(true),
  "7.6": overrideLoad(false),
  "7.7": readAuxiliaryLoadSwitchData,
  "7.8": resetAuxiliaryLoad,
  "7.9": boostButton(true),
  "7.10": boostButton(false),
  "7.11": readBoostButtonDetails,
  "7.12": setRandomisedOffsetLimit,
};

// ---- Unsolicited supply events ---------------------------------------------------------------------------------

const happened = (state: DeviceState, alerts: RaisedAlert[] = []): EventOutcome => {
  const sent = sendable(state, alerts);
  return { state, ...(sent.length ? { alerts: sent } : {}) };
};

/** Secure perimeter breached: disabled, locked when the Supply Tamper State says so (0x8F3F, 0x81BE). */
const tamper: EventHandler = ({ device, state, at }) => {
  if (!isMeter(device)) return happened(changed(state, { eventLog: logged(state, at, "8F3F", "Tamper detected") }), [{ code: "8F3F" }]);
  const lock = state.supply.tamperState === "LOCKED";
  const next = changed(state, {
    supply: { ...state.supply, state: "DISABLED", locked: lock, disableCause: "TAMPER" },
    eventLog: logged(state, at, "8F3F", lock ? "Tamper detected: supply disabled then locked" : "Tamper detected: supply disabled"),
  });
  return happened(next, [{ code: "8F3F" }, ...(lock ? [{ code: "81BE" }] : [])]);
};

/** A gas meter's power lost: valve closed, locked if the Supply Depletion State says so (0x8F1D). */
const gasPowerLoss: EventHandler = ({ device, state, at }) => {
  if (device.deviceType !== "GSME") return { state };
  const lock = state.supply.depletionState === "LOCKED";
  const next = toSupply(state, { ...state.supply, state: "DISABLED", locked: lock, disableCause: "GAS_POWER_LOSS" }, at, "Valve closed (power supply loss)");
  return happened(next, [{ code: "8F1D" }]);
};

/** Gas flow over the Uncontrolled Gas Flow Rate: the valve closes, then arms (audible alarm); no alert code. */
const uncontrolledGasFlow: EventHandler = ({ device, state, at }) => {
  if (device.deviceType !== "GSME") return { state };
  const disabled = { ...state.supply, state: "DISABLED" as const, locked: false, disableCause: "UNCONTROLLED_FLOW" as const };
  const log = [
    { at: at.toISOString(), code: "SUPPLY", text: "Valve armed after uncontrolled gas flow (audible alarm)" },
    { at: at.toISOString(), code: "SUPPLY", text: "Valve closed: uncontrolled gas flow" },
    ...state.eventLog,
  ].slice(0, 100);
  return { state: changed(state, { supply: { ...disabled, state: "ARMED" }, eventLog: log }) };
};

/** Import over the load limit threshold: disabled then armed at once (0x8F33), enabled after the restoration period. */
const loadLimit: EventHandler = ({ device, state, at }) => {
  if (device.deviceType !== "ESME" || state.supply.state !== "ENABLED") return { state };
  const next = changed(state, {
    supply: { ...state.supply, state: "ARMED", locked: false, disableCause: "LOAD_LIMIT" },
    loadLimit: { ...state.loadLimit, counter: state.loadLimit.counter + 1 },
    eventLog: logged(state, at, "8F33", "Supply disabled then armed: load limit triggered"),
  });
  return { ...happened(next, [{ code: "8F33" }]), events: [{ afterSeconds: state.loadLimit.restorationSeconds, event: { type: "load-limit-restore" } }] };
};

/** The restoration period is over: a supply still armed by the load limit is enabled again (0x8F34). */
const loadLimitRestore: EventHandler = ({ state, at }) => {
  if (state.supply.state !== "ARMED" || state.supply.disableCause !== "LOAD_LIMIT") return { state };
  const next = changed(state, {
    supply: { ...state.supply, state: "ENABLED", disableCause: null },
    eventLog: logged(state, at, "8F34", "Supply enabled after the load limit restoration period"),
  });
  return happened(next, [{ code: "8F34" }]);
};

const PHASE_ALERTS = { 1: "8F58", 2: "8F59", 3: "8F5A" } as const;

/** Mains lost on one phase of a polyphase ESME (0x8F58/59/5A, for the Network Operator). */
const phaseLoss: EventHandler = ({ device, state, event, at }) => {
  if (device.deviceType !== "ESME" || device.esmeVariant !== "POLYPHASE") return { state };
  const phase = event.type === "inject" && event.phase ? event.phase : 1;
  const code = PHASE_ALERTS[phase];
  return happened(changed(state, { eventLog: logged(state, at, code, `Supply interrupted on phase ${phase}`) }), [{ code, data: { phase } }]);
};

export const SUPPLY_EVENTS: Record<string, EventHandler> = {
  tamper,
  "gas-power-loss": gasPowerLoss,
  "uncontrolled-gas-flow": uncontrolledGasFlow,
  "load-limit": loadLimit,
  "load-limit-restore": loadLimitRestore,
  "phase-loss": phaseLoss,
};
