// Test fixtures for the device models: a device of a type, its first-contact state, and a Command to it (with the body
// of a DUIS reference template when the test names one).
import type { DeviceType, UserRole } from "@/generated/prisma/enums";
import { readCorpusFile } from "@/lib/duis/testing/corpus";
import { requestParams } from "../params";
import { initialState, type DeviceState } from "../state";
import type { CommandInput, DeviceEvent, EventInput, InjectedEvent, SimDevice } from "../types";
import { commandHandler, eventHandler } from "./index";

export const AT = new Date("2026-03-02T10:00:00Z");
export const SUPPLIER = { partyId: "party-is-a", eui: "90B3D51F30010000", roles: ["IS"] as UserRole[] };

const IDS: Record<DeviceType, string> = {
  ESME: "00DB1234567890A1",
  GSME: "00DB1234567890A2",
  CHF: "00DB1234567890A3",
  GPF: "00DB1234567890A4",
  PPMID: "00DB1234567890A5",
  HCALCS: "00DB1234567890A6",
  IHD: "00DB1234567890A7",
  CAD: "00DB1234567890A8",
};

export function simDevice(deviceType: DeviceType, overrides: Partial<SimDevice> = {}): SimDevice {
  return { id: IDS[deviceType], deviceType, status: "COMMISSIONED", manufacturer: "ABCD", model: "M1", hardwareVersion: "1.0", firmwareVersion: "1.0.0", esmeVariant: null, ...overrides };
}

/** The body of a DUIS reference template as params. */
export const templateParams = (file: string) => requestParams(readCorpusFile("templates", file));

/** Runs the device's model for an SRV, as the engine does. */
export function command(srv: string, device: SimDevice, params: Record<string, string>, options: { state?: DeviceState; at?: Date; requestId?: string; sender?: CommandInput["sender"] } = {}) {
  const state = options.state ?? initialState(device, options.at ?? AT);
  const input: CommandInput = { srv, requestId: options.requestId ?? `90-B3-D5-1F-30-01-00-00:${device.id}:1`, device, state, params, sender: options.sender ?? SUPPLIER, at: options.at ?? AT };
  return { input, outcome: commandHandler(srv)(input) };
}

/** Runs the device's handler for an event. */
export function happen(device: SimDevice, state: DeviceState, event: DeviceEvent, at = AT) {
  const handler = eventHandler(event);
  if (!handler) throw new Error(`No handler for ${event.type}`);
  const input: EventInput = { device, state, event, at };
  return handler(input);
}

/** Seconds later than `at`. */
export const later = (seconds: number, at = AT) => new Date(at.getTime() + seconds * 1000);

// The metering tests (supply, prepayment, tariffs, reads) work on one day's clock and on these two meters, whose
// consumption profiles follow from their ids.
export const METER_AT = new Date("2026-03-10T12:00:00Z");
const METER = { manufacturer: null, model: null, hardwareVersion: null };
export const ESME = simDevice("ESME", { ...METER, id: "00-11-22-33-44-55-66-01", esmeVariant: "SINGLE_ELEMENT" });
export const GSME = simDevice("GSME", { ...METER, id: "00-11-22-33-44-55-66-02" });

/** The outcome of an SRV on a meter in the state given. */
export const run = (srv: string, device: SimDevice, state: DeviceState, params: Record<string, string> = {}, at = METER_AT) => command(srv, device, params, { state, at }).outcome;

/** The outcome of an injected event on a meter in the state given. */
export const inject = (name: InjectedEvent, device: SimDevice, state: DeviceState, extra: Partial<Extract<DeviceEvent, { type: "inject" }>> = {}, at = METER_AT) =>
  happen(device, state, { type: "inject", event: name, ...extra }, at);

/** The codes of the Device Alerts an outcome raises, in order. */
export const codes = (outcome: { alerts?: { code: string }[] }) => (outcome.alerts ?? []).map((a) => a.code);
