// The HAN (device-ops.md §1.8, §3.7, §4; inventory.md §4.2-§4.3): the CHF whitelist (8.11 and the two CS14s of a
// join), joins and unjoins in a device's own log (8.7.x, 8.8.x), reading a log (8.9), restoring logs after a CH swap
// (8.12.x), commissioning a meter (8.1.1) and the Communications Hub's and PPMID's own events. Each Command changes
// only the log of the device it is addressed to: a join pair is two Commands (CS03A2 to the PPMID, CS03A1 to the ESME).
import type { DeviceType } from "@/generated/prisma/enums";
import { CODE } from "@/lib/duis/codes";
import { repeated } from "../params";
import { hashOf, type HanLogEntry } from "../state";
import type { CommandHandler, CommandInput, CommandOutcome, DccEffect, EventHandler, RaisedAlert } from "../types";
import { changed, deviceIdParam, logged, ok, refuse } from "./model";
import { METERS } from "./supply";

/**
 * Values the engine adds to a request's params from the DCC's own records, which the SR body does not carry: the SMI
 * Device Type of the device an 8.11 names, and the DCC's copy of the old CHF's (8.12.1) or GPF's (8.12.2) device log
 * as `Dcc.Log.DeviceID`, `Dcc.Log.DeviceType`, `Dcc.Log[1].DeviceID`... (AC 8.2: the DCC restores from its record).
 */
export const DCC_PARAMS = { memberType: "Dcc.DeviceType", restoredLog: "Dcc.Log" } as const;

const DEVICE_TYPES: readonly DeviceType[] = ["ESME", "GSME", "CHF", "GPF", "PPMID", "HCALCS", "IHD", "CAD"];
const TYPE_2: readonly DeviceType[] = ["IHD", "CAD"];
/** Devices whose log a join makes an SMI association (and T14 partner) of: the Smart Meters and the GPF (§4.2 table). */
const PARTNERS: readonly DeviceType[] = ["ESME", "GSME", "GPF"];
/** 0x8F12 (CS14): the CHF's "Device Addition To / Removal From HAN Whitelist". */
const CS14 = "8F12";
/** 0x8183 "Device joined SMHAN": the meter's, forwarded to its Supplier. */
const JOINED_SMHAN = "8183";

const asType = (value: string | undefined): DeviceType | null => (DEVICE_TYPES.includes(value as DeviceType) ? (value as DeviceType) : null);

/** The member's type: the SMI's when the engine gives it, else a meter's from the MPxN the request links it to. */
function memberType(params: Record<string, string>): DeviceType | null {
  const mpxn = params["AddDeviceToCHFWhitelist.ImportMPxN"];
  return asType(params[DCC_PARAMS.memberType]) ?? (mpxn ? (/^\d{13}$/.test(mpxn) ? "ESME" : "GSME") : null);
}

/** Seconds the joining device takes to join and finish CBKE: a few, fixed per device and request. */
export const joinSeconds = (chfId: string, memberId: string, requestId: string) => 2 + (hashOf(`${chfId}:${memberId}:${requestId}`) % 10);

const withEntry = (log: HanLogEntry[], entry: HanLogEntry) => [...log.filter((e) => e.deviceId !== entry.deviceId), entry];

/** SR 8.11 Update HAN Device Log (CCS01 add / CCS02 remove), to the CHF: the member is the body's DeviceID. */
const updateHanDeviceLog: CommandHandler = (input) => {
  const { device, state, params } = input;
  if (device.deviceType !== "CHF") return refuse(CODE.DEVICE_UNSUPPORTED, "Only a Communications Hub Function holds the HAN whitelist.", state);
  const memberId = deviceIdParam(params.DeviceID);
  if (!memberId) return refuse(CODE.DEVICE_RANGE, "The DeviceID is not an EUI-64.", state);
  return params.RequestType === "Remove" ? removeFromWhitelist(input, memberId) : addToWhitelist(input, memberId);
};

function addToWhitelist({ device, state, params, at, requestId }: CommandInput, memberId: string): CommandOutcome {
  const type = memberType(params);
  const joinTimePeriod = Number(params["AddDeviceToCHFWhitelist.JoinTimePeriod"]) || 0;
  const mpxn = params["AddDeviceToCHFWhitelist.ImportMPxN"];
  const entry: HanLogEntry = { deviceId: memberId, deviceType: type, addedAt: at.toISOString(), lastCommunicatedAt: null };
  const effects: DccEffect[] = [
    // T3 Pending → Whitelisted (Smart Meters and Type 1; Type 2 devices hold no status).
    ...(type && TYPE_2.includes(type) ? [] : [{ type: "smi-status", deviceId: memberId, trigger: "SR 8.11 CCS01 response" } as const]),
    { type: "associate", deviceId: memberId, otherId: device.id },
    ...(mpxn ? [{ type: "link-mpxn", deviceId: memberId, mpxn } as const] : []),
  ];
  // The CHF opens its beacon for the Join Time Period; a device that needs longer misses it and only the timeout comes.
  const joining = joinSeconds(device.id, memberId, requestId);
  return ok({ deviceId: memberId, requestType: "Add", joinTimePeriod }, changed(state, { hanLog: withEntry(state.hanLog, entry), eventLog: logged(state, at, CS14, `Device ${memberId} added to the whitelist`) }), {
    alerts: [{ code: CS14, data: { deviceId: memberId, change: "Added" } }],
    effects,
    events: [
      ...(joining <= joinTimePeriod ? [{ afterSeconds: joining, event: { type: "join-complete", chfId: device.id, memberId, requestId } as const }] : []),
      { afterSeconds: joinTimePeriod, event: { type: "join-timeout", chfId: device.id, memberId, requestId } },
    ],
  });
}

function removeFromWhitelist({ device, state, at }: CommandInput, memberId: string): CommandOutcome {
  const entry = state.hanLog.find((e) => e.deviceId === memberId);
  if (!entry) return refuse(CODE.DEVICE_STATE, `Device ${memberId} is not in the CHF's device log.`, state);
  const hanLog = state.hanLog.filter((e) => e.deviceId !== memberId);
  const types = new Set(hanLog.map((e) => e.deviceType));
  // N43: a PPMID serving both fuels (the ESME and the GSME of this CH) is gone; the other Responsible Suppliers hear of it.
  const sharedPpmid = entry.deviceType === "PPMID" && types.has("ESME") && types.has("GSME");
  return ok({ deviceId: memberId, requestType: "Remove" }, changed(state, { hanLog, eventLog: logged(state, at, CS14, `Device ${memberId} removed from the whitelist`) }), {
    alerts: [{ code: CS14, data: { deviceId: memberId, change: "Removed" } }],
    effects: [
      { type: "dissociate", deviceId: memberId, otherId: device.id },
      ...(sharedPpmid ? [{ type: "dcc-alert", code: "N43", deviceId: device.id, to: ["OTHERS_BUT_SENDER"], data: { ppmid: memberId } } satisfies DccEffect] : []),
    ],
  });
}

/** The second CS14: the member joined and finished CBKE within the join time (T4, N24 to the 8.11's sender). */
const joinComplete: EventHandler = ({ state, event, at }) => {
  if (event.type !== "join-complete") return { state };
  const entry = state.hanLog.find((e) => e.deviceId === event.memberId);
  // Removed from the whitelist meanwhile: nothing joins.
  if (!entry) return { state };
  const stamp = at.toISOString();
  const alerts: RaisedAlert[] = [{ code: CS14, data: { deviceId: event.memberId, change: "Joined" } }];
  // The meter's own alert, raised as it joins; the engine forwards it for the meter named in data.deviceId.
  if (entry.deviceType && METERS.includes(entry.deviceType)) alerts.push({ code: JOINED_SMHAN, data: { deviceId: event.memberId } });
  return {
    state: changed(state, { hanLog: withEntry(state.hanLog, { ...entry, lastCommunicatedAt: stamp }), eventLog: logged(state, at, CS14, `Device ${event.memberId} joined the HAN`) }),
    alerts,
    effects: [
      { type: "smi-status", deviceId: event.memberId, trigger: "CS14 second alert within the join timeout" },
      { type: "dcc-alert", code: "N24", deviceId: event.memberId, to: ["SENDER"], data: { requestId: event.requestId } },
    ],
  };
};

/** The Join Time Period is over: N25 unless the member joined (the engine also checks it is still Whitelisted, T4x). */
const joinTimeout: EventHandler = ({ state, event }) => {
  if (event.type !== "join-timeout") return { state };
  const entry = state.hanLog.find((e) => e.deviceId === event.memberId);
  if (!entry || entry.lastCommunicatedAt) return { state };
  return { state, effects: [{ type: "dcc-alert", code: "N25", deviceId: event.memberId, to: ["SENDER"], data: { requestId: event.requestId } }] };
};

/** SR 8.7.1 / 8.7.2 Join Service (CS03A1/A2/B/C): the other device enters this device's log. */
const join: CommandHandler = ({ device, state, params, at }) => {
  const otherId = deviceIdParam(params.OtherDeviceID);
  if (!otherId) return refuse(CODE.DEVICE_RANGE, "The OtherDeviceID is not an EUI-64.", state);
  const existing = state.hanLog.find((e) => e.deviceId === otherId);
  const next = existing ? state : changed(state, { hanLog: [...state.hanLog, { deviceId: otherId, deviceType: null, addedAt: at.toISOString(), lastCommunicatedAt: null }], eventLog: logged(state, at, "JOIN", `Device ${otherId} joined`) });
  // A join into a meter's or GPF's log associates the pair; a Type 1 device or GPF takes its partner's status (T14).
  // The other half (CS03A2 / CS03C to the PPMID or HCALCS) gives the DCC nothing to record yet (inventory.md §4.3).
  const effects: DccEffect[] = PARTNERS.includes(device.deviceType)
    ? [
        { type: "associate", deviceId: otherId, otherId: device.id },
        { type: "smi-status", deviceId: otherId, trigger: "SR 8.7 Join Service", partnerId: device.id },
      ]
    : [];
  return ok({ otherDeviceId: otherId, joined: true }, next, { effects });
};

/** SR 8.8.1 / 8.8.2 Unjoin Service (CS04AC / CS04B): the other device leaves this device's log. */
const unjoin: CommandHandler = ({ device, state, params, at }) => {
  const otherId = deviceIdParam(params.OtherDeviceID);
  if (!otherId) return refuse(CODE.DEVICE_RANGE, "The OtherDeviceID is not an EUI-64.", state);
  if (!state.hanLog.some((e) => e.deviceId === otherId)) return refuse(CODE.DEVICE_STATE, `Device ${otherId} is not in this device's log.`, state);
  const next = changed(state, { hanLog: state.hanLog.filter((e) => e.deviceId !== otherId), eventLog: logged(state, at, "UNJOIN", `Device ${otherId} unjoined`) });
  // The association ends with the meter's or GPF's log entry (device-ops.md A11).
  const effects: DccEffect[] = PARTNERS.includes(device.deviceType) ? [{ type: "dissociate", deviceId: otherId, otherId: device.id }] : [];
  return ok({ otherDeviceId: otherId, unjoined: true }, next, { effects });
};

/** SR 8.9 Read Device Log: the devices in the log, with when each last talked to the CH. */
const readDeviceLog: CommandHandler = ({ state }) =>
  ok({ deviceLog: state.hanLog.map((e) => ({ deviceId: e.deviceId, deviceType: e.deviceType, lastCommunicatedAt: e.lastCommunicatedAt })) }, state);

/** SR 8.12.1 / 8.12.2: the new CHF or GPF takes the old one's log (the DCC's record of it) and its devices rejoin. */
function restoreLog(deviceType: "CHF" | "GPF", oldElement: string, alertCode: "N30" | "N31"): CommandHandler {
  return ({ device, state, params, sender, at }) => {
    if (device.deviceType !== deviceType) return refuse(CODE.DEVICE_UNSUPPORTED, `Only a ${deviceType} restores this device log.`, state);
    const oldId = deviceIdParam(params[oldElement]);
    if (!oldId) return refuse(CODE.DEVICE_RANGE, `The ${oldElement} is not an EUI-64.`, state);
    const types = repeated(params, DCC_PARAMS.restoredLog, "DeviceType");
    const stamp = at.toISOString();
    const hanLog: HanLogEntry[] = repeated(params, DCC_PARAMS.restoredLog, "DeviceID").flatMap((id, i) => {
      const deviceId = deviceIdParam(id);
      return deviceId ? [{ deviceId, deviceType: asType(types[i]), addedAt: stamp, lastCommunicatedAt: stamp }] : [];
    });
    const alerts: RaisedAlert[] = [
      ...(deviceType === "CHF" ? [{ code: CS14, data: { restoredFrom: oldId, devices: hanLog.length } }] : []),
      ...hanLog.filter((e) => e.deviceType && METERS.includes(e.deviceType)).map((e) => ({ code: JOINED_SMHAN, data: { deviceId: e.deviceId } })),
    ];
    // N30 to the CHF's other Responsible Suppliers; N31 to the Gas Supplier when someone else restored its GPF (A6: AB 10.5).
    const notify = alertCode === "N30" || !sender.roles.includes("GS");
    const next = changed(state, { hanLog, config: { ...state.config, [`restored-${deviceType}-log`]: { from: oldId, at: stamp } }, eventLog: logged(state, at, CS14, `Device log restored from ${oldId}`) });
    return ok({ restoredFrom: oldId, deviceLog: hanLog.map((e) => e.deviceId) }, next, {
      alerts,
      effects: [
        ...hanLog.map((e): DccEffect => ({ type: "associate", deviceId: e.deviceId, otherId: device.id })),
        ...(notify ? [{ type: "dcc-alert", code: alertCode, deviceId: device.id, to: [alertCode === "N30" ? "OTHERS_BUT_SENDER" : "GAS_SUPPLIER"] } satisfies DccEffect] : []),
      ],
    });
  };
}

/** SR 8.1.1 Commission Device (ECS70 / GCS28): the meter takes the CH's time and the DCC commissions it (T13). */
const commission: CommandHandler = ({ device, state, at }) => {
  if (!METERS.includes(device.deviceType)) return refuse(CODE.DEVICE_UNSUPPORTED, "Only a Smart Meter is commissioned with SR 8.1.1.", state);
  const next = changed(state, { clock: { offsetSeconds: 0, status: "RELIABLE", lastSyncAt: at.toISOString() }, eventLog: logged(state, at, "8.1.1", "Clock set from the Communications Hub: commissioned") });
  return ok({ meterTime: at.toISOString(), timeStatus: "RELIABLE" }, next, { effects: [{ type: "smi-status", deviceId: device.id, trigger: "SR 8.1.1 Commission Device" }] });
};

/** The CH's first authenticated message over the SM WAN (T8). */
const firstWanContact: EventHandler = ({ device, state }) => {
  if (device.deviceType !== "CHF" || state.wanConnected) return { state };
  return { state: changed(state, { wanConnected: true }), effects: [{ type: "smi-status", deviceId: device.id, trigger: "DCC: first authenticated WAN contact" }] };
};

/** Minutes without mains after which the CH raises AD1 (device-ops.md §8). */
const OUTAGE_ALERT_MINUTES = 3;

/** The CH has lost mains for `minutes` so far: AD1 to the Supplier and Network Operator once it reaches 3 (A5). */
const powerOutage: EventHandler = ({ device, state, event, at }) => {
  if (device.deviceType !== "CHF" || event.type !== "inject") return { state };
  const lostAt = new Date(Math.min(state.powerLostAt ? Date.parse(state.powerLostAt) : Infinity, at.getTime() - (event.minutes ?? 0) * 60_000)).toISOString();
  const minutes = (at.getTime() - Date.parse(lostAt)) / 60_000;
  // One AD1 per outage, when it first reaches the threshold.
  const alert = minutes >= OUTAGE_ALERT_MINUTES && state.config.power?.alertedFor !== lostAt;
  if (!alert) return { state: lostAt === state.powerLostAt ? state : changed(state, { powerLostAt: lostAt }) };
  return {
    state: changed(state, { powerLostAt: lostAt, config: { ...state.config, power: { alertedFor: lostAt } } }),
    effects: [{ type: "dcc-alert", code: "AD1", deviceId: device.id, to: ["SUPPLIER", "NETWORK_OPERATOR"], data: { powerLostAt: lostAt } }],
  };
};

const powerRestore: EventHandler = ({ device, state }) => {
  if (device.deviceType !== "CHF" || !state.powerLostAt) return { state };
  const { power: _outage, ...config } = state.config;
  return { state: changed(state, { powerLostAt: null, config }) };
};

/** A PPMID's tamper or unauthorised-access alert (0x8F3E...) reaches the Suppliers as N39, and nobody else. */
const ppmidTamper: EventHandler = ({ device, state, at }) => {
  if (device.deviceType !== "PPMID") return { state };
  return {
    state: changed(state, { eventLog: logged(state, at, "8F3E", "Unauthorised communication access attempted") }),
    effects: [{ type: "dcc-alert", code: "N39", deviceId: device.id, to: ["IMPORT_SUPPLIER", "GAS_SUPPLIER"], data: { deviceAlertCode: "8F3E" } }],
  };
};

export const HAN_COMMANDS: Record<string, CommandHandler> = {
  "8.1.1": commission,
  "8.7.1": join,
  "8.7.2": join,
  "8.8.1": unjoin,
  "8.8.2": unjoin,
  "8.9": readDeviceLog,
  "8.11": updateHanDeviceLog,
  "8.12.1": restoreLog("CHF", "OldCHFID", "N30"),
  "8.12.2": restoreLog("GPF", "OldGPFID", "N31"),
};

export const HAN_EVENTS: Partial<Record<string, EventHandler>> = {
  "join-complete": joinComplete,
  "join-timeout": joinTimeout,
  "first-wan-contact": firstWanContact,
  "power-outage": powerOutage,
  "power-restore": powerRestore,
  "ppmid-tamper": ppmidTamper,
};
