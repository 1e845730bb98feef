// Device configuration (device-ops.md §1.2-§1.4, §3.6, §3.8-§3.10): what the meter shows (3.1, 3.4, 6.20.x), the
// Change of Tenancy restriction (3.2), logs (3.3, 6.13), the privacy PIN (3.5), the clock (6.11 and drift), the
// billing calendar (6.8), alert behaviour (6.22), supply-affecting settings (6.4.x, 6.7, 6.25), the Dual Band CH's
// Sub-GHz items (6.28-6.32) and the 6.2.x reads of what the 6.x sets stored.
import { CODE } from "@/lib/duis/codes";
import { hashOf, type DeviceState } from "../state";
import type { AnswerData, CommandHandler, EventHandler } from "../types";
import { changed, isSecurityEntry, logged, ok, refuse, secondsFrom } from "./model";
import { isCriticalAlert, isMeter, withConfig } from "./supply";

/** 0x8F0C "Clock not adjusted (adjustment greater than 10 seconds)". */
const CLOCK_NOT_ADJUSTED = "8F0C";
/** The largest correction a meter makes on its own daily sync with the CH (device-ops.md §8). */
const MAX_CLOCK_ADJUSTMENT_SECONDS = 10;

/** What the generic model stored for a 6.x set (its params), for the matching read. */
const stored = (state: DeviceState, srv: string): AnswerData => ({ ...(state.config[srv] ?? {}) });

/** A set that also keeps its params for its read, as the generic model does. */
const keepParams = (state: DeviceState, srv: string, params: Record<string, string>, at: Date) => withConfig(state, srv, { ...params, appliedAt: at.toISOString() });

const meterTime = (state: DeviceState, at: Date) => new Date(at.getTime() + state.clock.offsetSeconds * 1000).toISOString();

/** 3.1 Display Message: shown on the meter (and relayed to its IHD / PPMID). */
const displayMessage: CommandHandler = ({ state, params }) => {
  const message = params.SupplierMessage ?? "";
  return ok({ displayed: message }, changed(state, { display: { ...state.display, lastMessage: message } }));
};

/**
 * 3.2 Restrict Access for Change of Tenancy: data from before the restriction time is withheld from then on, and the
 * DCC removes Other Users' schedules and DSP future-dated requests at that time (§3.9).
 */
const restrictForChangeOfTenancy: CommandHandler = ({ device, state, params, sender, requestId, at }) => {
  const time = Date.parse(params.RestrictionDateTime ?? "");
  if (!Number.isFinite(time)) return refuse(CODE.DEVICE_RANGE, "The RestrictionDateTime is not a date-time.", state);
  const restrictAt = new Date(time);
  const next = changed(state, { cotRestrictionAt: restrictAt.toISOString(), config: { ...state.config, "3.2": { requestId, senderPartyId: sender.partyId } } });
  const data = { restrictionDateTime: restrictAt.toISOString() };
  if (restrictAt > at) return ok(data, next, { events: [{ afterSeconds: secondsFrom(at, restrictAt), event: { type: "cot-restriction", requestId } }] });
  return ok(data, next, { effects: [{ type: "cot-restriction", deviceId: device.id, senderPartyId: sender.partyId }] });
};

/** The restriction time of a 3.2 is reached; a later 3.2 replaced it if the request differs. */
const cotRestriction: EventHandler = ({ device, state, event }) => {
  const set = state.config["3.2"];
  if (event.type !== "cot-restriction" || set?.requestId !== event.requestId) return { state };
  return { state, effects: [{ type: "cot-restriction", deviceId: device.id, senderPartyId: set.senderPartyId }] };
};

/** 3.3 Clear Event Log: the Event Log only; the Security Log cannot be cleared. The ALCS log holds nothing here. */
const clearEventLog: CommandHandler = ({ state, params }) => {
  if (params.ESMEEventLogType === "ALCS") return ok({ cleared: 0 }, state);
  const eventLog = state.eventLog.filter(isSecurityEntry);
  return ok({ cleared: state.eventLog.length - eventLog.length }, changed(state, { eventLog }));
};

/** 3.4 Update Supplier Name: name and telephone number on the meter's display. */
const updateSupplierName: CommandHandler = ({ state, params }) => {
  const display = { ...state.display, supplierName: params.SupplierName ?? null, supplierPhone: params.SupplierTelephoneNumber ?? null };
  return ok({ supplierName: display.supplierName, supplierTelephoneNumber: display.supplierPhone }, changed(state, { display }));
};

/** 3.5 Disable Privacy PIN: the consumer may set a new one locally. */
const disablePrivacyPin: CommandHandler = ({ state }) => ok({ privacyPinSet: false }, changed(state, { payment: { ...state.payment, privacyPinSet: false } }));

/**
 * 6.11 Synchronise Clock (§3.8): the meter takes the CH's time when it is within the tolerance of the SR's
 * CurrentDateTime and is then Reliable; otherwise it keeps its own time and reports Unreliable (the Supplier raises
 * an Incident: the DCC owns CH time). Either way the Response carries the meter's time and time status.
 */
const synchroniseClock: CommandHandler = ({ state, params, at }) => {
  const sent = Date.parse(params.CurrentDateTime ?? "");
  const tolerance = Number(params.TolerancePeriod);
  if (!Number.isFinite(sent) || !Number.isFinite(tolerance)) return refuse(CODE.DEVICE_RANGE, "The CurrentDateTime or TolerancePeriod is not valid.", state);
  const within = Math.abs(at.getTime() - sent) / 1000 <= tolerance;
  const clock = within ? { offsetSeconds: 0, status: "RELIABLE" as const, lastSyncAt: at.toISOString() } : { ...state.clock, status: "UNRELIABLE" as const };
  const next = changed(state, { clock, eventLog: logged(state, at, "6.11", within ? "Clock synchronised with the CH" : "Clock not synchronised: CH time outside the tolerance") });
  return ok({ meterTime: meterTime(next, at), timeStatus: clock.status }, next);
};

/** The meter's clock drifted by `amount` seconds; its next CH sync corrects up to 10 s, else 0x8F0C and Unreliable. */
const clockDrift: EventHandler = ({ device, state, event, at }) => {
  if (event.type !== "inject" || !isMeter(device)) return { state };
  const offsetSeconds = state.clock.offsetSeconds + (event.amount ?? 0);
  if (Math.abs(offsetSeconds) <= MAX_CLOCK_ADJUSTMENT_SECONDS) {
    return { state: changed(state, { clock: { offsetSeconds: 0, status: "RELIABLE", lastSyncAt: at.toISOString() } }) };
  }
  return {
    state: changed(state, { clock: { ...state.clock, offsetSeconds, status: "UNRELIABLE" }, eventLog: logged(state, at, CLOCK_NOT_ADJUSTED, `Clock not adjusted: ${offsetSeconds} s out`) }),
    alerts: [{ code: CLOCK_NOT_ADJUSTED, data: { adjustmentSeconds: offsetSeconds } }],
  };
};

type Periodicity = NonNullable<DeviceState["billingCalendar"]>["periodicity"];
const PERIODICITY: Record<string, Periodicity> = { Daily: "DAILY", Weekly: "WEEKLY", Monthly: "MONTHLY", Quarterly: "QUARTERLY", SixMonthly: "SIX_MONTHLY", Yearly: "YEARLY" };

/** The billing calendar a 6.8 body sets: GCS25's start and periodicity, or ECS30's billing time and period rule. */
function billingCalendar(params: Record<string, string>, at: Date): DeviceState["billingCalendar"] {
  const gas = PERIODICITY[params["GasBillingCalendar.Periodicity"] ?? ""];
  const gasStart = Date.parse(params["GasBillingCalendar.BillingPeriodStart"] ?? "");
  if (gas) return Number.isFinite(gasStart) ? { start: new Date(gasStart).toISOString(), periodicity: gas } : null;
  const prefix = "ElectricityBillingCalendar.";
  const name = Object.keys(PERIODICITY).find((p) => Object.keys(params).some((k) => k === prefix + p || k.startsWith(`${prefix}${p}.`)));
  if (!name) return null;
  const [hours, minutes, seconds] = (params[`${prefix}BillingTime`] ?? "00:00:00").split(":").map((v) => Math.floor(Number.parseFloat(v)) || 0);
  const year = at.getUTCFullYear();
  let month = at.getUTCMonth();
  let day = at.getUTCDate();
  if (name === "Weekly") {
    // Day 1 is Monday: the latest such day up to today.
    const weekday = Number(params[prefix + name]) % 7;
    day -= (at.getUTCDay() - weekday + 7) % 7;
  } else if (name === "Monthly") {
    day = Number(params[prefix + name]) || 1;
  } else if (name !== "Daily") {
    day = Number(params[`${prefix}${name}.DayOfMonth`]) || 1;
    month = (Number(params[`${prefix}${name}.BillingPeriodStartMonth`]) || 1) - 1;
  }
  return { start: new Date(Date.UTC(year, month, day, hours, minutes, seconds)).toISOString(), periodicity: PERIODICITY[name] };
}

/** 6.8 Update Device Configuration (Billing Calendar): also what the billing pushes (0x8F0A) follow. */
const updateBillingCalendar: CommandHandler = ({ state, params, at }) => {
  const calendar = billingCalendar(params, at);
  if (!calendar) return refuse(CODE.DEVICE_RANGE, "The billing calendar names no valid period.", state);
  return ok({ billingCalendar: { ...calendar } }, changed(state, { billingCalendar: calendar }));
};

/**
 * 6.22 Configure Alert Behaviour: the WAN alert settings (ECS25a/ECS25b "...Alerts", GCS20 "WANAlert") switch alerts
 * on and off; HAN, alarm and logging settings are kept for 6.2.10. Disabling a Critical alert refuses the Command.
 */
const configureAlerts: CommandHandler = ({ state, params, at }) => {
  const wan = new Map<string, boolean>();
  const other: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const match = /(?:^|\.)x([0-9A-F]{4})(\.WANAlert)?$/i.exec(key);
    if (match && (match[2] || /^[A-Za-z]+Alerts\./.test(key))) wan.set(match[1].toUpperCase(), value === "Enable");
    else other[key] = value;
  }
  const critical = [...wan].filter(([code, enabled]) => !enabled && isCriticalAlert(code)).map(([code]) => code);
  if (critical.length) return refuse(CODE.DEVICE_RANGE, `Critical alerts cannot be disabled: ${critical.join(", ")}.`, state);
  const disabled = new Set(state.alertsDisabled);
  for (const [code, enabled] of wan) {
    if (enabled) disabled.delete(code);
    else disabled.add(code);
  }
  const alertsDisabled = [...disabled].sort();
  const next = changed(state, { alertsDisabled, config: { ...state.config, "6.22": { ...(state.config["6.22"] ?? {}), ...other, appliedAt: at.toISOString() } } });
  return ok({ alertsDisabled }, next);
};

/** 6.20.1 Set Device Configuration (Import MPxN): the MPAN(s) or MPRN the meter shows. */
const setImportMpxn: CommandHandler = ({ state, params }) => {
  const importMpxn = params["ImportMPANs.ImportMPAN"] ?? params.ImportMPRN;
  if (!importMpxn) return refuse(CODE.DEVICE_RANGE, "The request names no Import MPxN.", state);
  const secondary = params["ImportMPANs.SecondaryImportMPAN"];
  const config = secondary ? { ...state.config, display: { ...(state.config.display ?? {}), secondaryImportMpan: secondary } } : state.config;
  return ok({ importMpxn, secondaryImportMpan: secondary ?? null }, changed(state, { display: { ...state.display, importMpxn }, config }));
};

/** 6.20.2 Set Device Configuration (Export MPAN). */
const setExportMpan: CommandHandler = ({ state, params }) => {
  if (!params.ExportMPAN) return refuse(CODE.DEVICE_RANGE, "The request names no Export MPAN.", state);
  return ok({ exportMpxn: params.ExportMPAN }, changed(state, { display: { ...state.display, exportMpxn: params.ExportMPAN } }));
};

const SUPPLY_STATE = (value: string | undefined): "LOCKED" | "UNCHANGED" => (value === "Locked" ? "LOCKED" : "UNCHANGED");

/** 6.4.1 Load Limiting General Settings (read by 4.15 and used by the load-limit event). */
const updateLoadLimit: CommandHandler = ({ srv, state, params, at }) => {
  const loadLimit = {
    ...state.loadLimit,
    thresholdW: Number(params.LoadLimitPowerThreshold) || 0,
    periodSeconds: Number(params.LoadLimitPeriod) || 0,
    restorationSeconds: Number(params.LoadLimitRestorationPeriod) || 0,
  };
  return ok({ loadLimit: { ...loadLimit } }, changed(state, { loadLimit, config: keepParams(state, srv, params, at) }));
};

/** 6.4.2 Load Limiting Counter Reset. */
const resetLoadLimitCounter: CommandHandler = ({ state }) => ok({ loadLimitCounter: 0 }, changed(state, { loadLimit: { ...state.loadLimit, counter: 0 } }));

/** 6.25 Set Electricity Supply Tamper State: whether tamper detection locks the supply. */
const setSupplyTamperState: CommandHandler = ({ srv, state, params, at }) => {
  const tamperState = SUPPLY_STATE(params.SupplyTamperState);
  return ok({ supplyTamperState: tamperState }, changed(state, { supply: { ...state.supply, tamperState }, config: keepParams(state, srv, params, at) }));
};

/** 6.7 Gas Flow: the uncontrolled flow settings, and the tamper and depletion states (device-ops.md A8). */
const updateGasFlow: CommandHandler = ({ srv, state, params, at }) => {
  const supply = { ...state.supply, tamperState: SUPPLY_STATE(params.SupplyTamperState), depletionState: SUPPLY_STATE(params.SupplyDepletionState) };
  return ok({ supplyTamperState: supply.tamperState, supplyDepletionState: supply.depletionState }, changed(state, { supply, config: keepParams(state, srv, params, at) }));
};

/** 6.13 Read Event Or Security Log, over the body's period. */
const readLog: CommandHandler = ({ state, params }) => {
  const from = Date.parse(params["ReadLogPeriod.StartDateTime"] ?? "") || -Infinity;
  const to = Date.parse(params["ReadLogPeriod.EndDateTime"] ?? "") || Infinity;
  const security = /Security$/.test(params.LogToRead ?? "");
  const entries = state.eventLog.filter((e) => isSecurityEntry(e) === security && Date.parse(e.at) >= from && Date.parse(e.at) <= to);
  return ok({ log: security ? "Security" : "Event", entries: entries.map((e) => ({ ...e })) }, state);
};

/** Sub-GHz channels of a Dual Band CH (6.28 masks name 0-61 per band). */
const SUB_GHZ_CHANNELS = 62;
const subGhzChannel = (state: DeviceState, deviceId: string) => state.config.subGhz?.channel ?? String(hashOf(deviceId) % SUB_GHZ_CHANNELS);

const onlyChf = (handler: CommandHandler): CommandHandler => (input) =>
  input.device.deviceType === "CHF" ? handler(input) : refuse(CODE.DEVICE_UNSUPPORTED, "Only a Dual Band Communications Hub has Sub-GHz settings.", input.state);

/** 6.28 Set CHF Sub GHz Configuration: stored for 6.30; N54 tells the Supplier. */
const setSubGhzConfiguration: CommandHandler = ({ srv, device, state, params, at }) =>
  ok({ applied: true }, changed(state, { config: keepParams(state, srv, params, at) }), {
    effects: [{ type: "dcc-alert", code: "N54", deviceId: device.id, to: ["SUPPLIER"], data: { action: "Configuration changed" } }],
  });

/** 6.29 Request CHF Sub GHz Channel Scan: the CH moves to the quietest channel it finds (fixed per scan); N54. */
const scanSubGhz: CommandHandler = ({ device, state, requestId, at }) => {
  const channel = String(hashOf(`${device.id}:${requestId}`) % SUB_GHZ_CHANNELS);
  const next = changed(state, { config: { ...state.config, subGhz: { channel, since: at.toISOString() } } });
  return ok({ channel }, next, { effects: [{ type: "dcc-alert", code: "N54", deviceId: device.id, to: ["SUPPLIER"], data: { action: "Channel scan", channel } }] });
};

const readSubGhzChannelLog: CommandHandler = ({ device, state }) =>
  ok({ channelLog: [{ channel: subGhzChannel(state, device.id), since: state.config.subGhz?.since ?? null }] }, state);

/** 6.2.x reads: what the device holds, or what the matching set stored. */
const read = (answer: (input: Parameters<CommandHandler>[0]) => AnswerData): CommandHandler => (input) => ok(answer(input), input.state);

export const CONFIGURATION_COMMANDS: Record<string, CommandHandler> = {
  "3.1": displayMessage,
  "3.2": restrictForChangeOfTenancy,
  "3.3": clearEventLog,
  "3.4": updateSupplierName,
  "3.5": disablePrivacyPin,
  "6.2.1": read(({ state }) => stored(state, "6.5")),
  "6.2.2": read(({ state }) => stored(state, "7.12")),
  "6.2.3": read(({ state }) => ({ billingCalendar: state.billingCalendar ? { ...state.billingCalendar } : null })),
  "6.2.4": read(({ device, state }) => ({
    deviceId: device.id,
    deviceType: device.deviceType,
    manufacturer: device.manufacturer,
    model: device.model,
    hardwareVersion: device.hardwareVersion,
    firmwareVersion: state.firmware.version,
  })),
  "6.2.5": read(({ state }) => stored(state, "6.12")),
  "6.2.7": read(({ state }) => ({ importMpxn: state.display.importMpxn, secondaryImportMpan: state.config.display?.secondaryImportMpan ?? null, exportMpxn: state.display.exportMpxn })),
  "6.2.8": read(({ state }) => ({ ...stored(state, "6.6"), ...stored(state, "6.7"), supplyTamperState: state.supply.tamperState, supplyDepletionState: state.supply.depletionState })),
  "6.2.9": read(({ state }) => ({ paymentMode: state.payment.mode })),
  "6.2.10": read(({ state }) => ({ alertsDisabled: [...state.alertsDisabled], settings: stored(state, "6.22") })),
  "6.4.1": updateLoadLimit,
  "6.4.2": resetLoadLimitCounter,
  "6.7": updateGasFlow,
  "6.8": updateBillingCalendar,
  "6.11": synchroniseClock,
  "6.13": readLog,
  "6.20.1": setImportMpxn,
  "6.20.2": setExportMpan,
  "6.22": configureAlerts,
  "6.25": setSupplyTamperState,
  "6.28": onlyChf(setSubGhzConfiguration),
  "6.29": onlyChf(scanSubGhz),
  "6.30": onlyChf(read(({ state }) => stored(state, "6.28"))),
  "6.31": onlyChf(read(({ device, state }) => ({ channel: subGhzChannel(state, device.id) }))),
  "6.32": onlyChf(readSubGhzChannelLog),
};

export const CONFIGURATION_EVENTS: Partial<Record<string, EventHandler>> = {
  "cot-restriction": cotRestriction,
  "clock-drift": clockDrift,
};
