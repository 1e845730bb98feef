// Firmware (device-ops.md §1.6, §3.4): the image the DCC's 11.1 distribution hands a meter (0x8F72 / 0x8F1C), 11.2
// Read Firmware Version, and 11.3 Activate Firmware (CS06), now or at a future time the device holds (0x00CA then).
import { CODE } from "@/lib/duis/codes";
import type { DeviceState } from "../state";
import type { AnswerData, CommandHandler, DccEffect, EventHandler, RaisedAlert } from "../types";
import { changed, heldUntil, logged, ok, secondsFrom } from "./model";

const RECEIVED = "8F72";
const RECEIPT_FAILED = "8F1C";
const FUTURE_ACTIVATION = "00CA";

const sameHash = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/** Why the held image cannot be activated with this hash, or null when it can. */
function activationProblem(state: DeviceState, hash: string): string | null {
  const image = state.firmware.pendingImage;
  if (!image) return "No firmware image is held for activation.";
  return sameHash(image.hash, hash) ? null : "The FirmwareHash does not match the image held.";
}

/** The held image becomes the running firmware; the DCC records the version (and so the Device Model, T17). */
function activated(state: DeviceState, deviceId: string, at: Date): { state: DeviceState; version: string; effects: DccEffect[] } {
  const version = state.firmware.pendingImage!.version;
  return {
    state: changed(state, { firmware: { version, pendingImage: null, scheduledActivation: null }, eventLog: logged(state, at, "11.3", `Firmware ${version} activated`) }),
    version,
    effects: [{ type: "smi-firmware", deviceId, version }],
  };
}

const readFirmwareVersion: CommandHandler = ({ state }) => ok({ firmwareVersion: state.firmware.version }, state);

/** SR 11.3: activate the held image whose hash the CS06 names; a future ExecutionDateTime is held by the device. */
const activateFirmware: CommandHandler = ({ device, state, params, at, requestId }) => {
  const hash = params.FirmwareHash ?? "";
  const problem = activationProblem(state, hash);
  if (problem) return { code: CODE.FIRMWARE_ACTIVATION, data: { reason: problem, firmwareVersion: state.firmware.version }, state };
  const executeAt = heldUntil(params, at);
  if (executeAt) {
    const scheduledActivation = { hash, executeAt: executeAt.toISOString(), requestId };
    return ok({ firmwareVersion: state.firmware.version, activationAt: scheduledActivation.executeAt }, changed(state, { firmware: { ...state.firmware, scheduledActivation } }), {
      events: [{ afterSeconds: secondsFrom(at, executeAt), event: { type: "firmware-activate", hash, requestId } }],
    });
  }
  const done = activated(state, device.id, at);
  // Delivered at its execution time (a future-dated CS06 the engine held): the device reports it with 0x00CA too.
  const alerts: RaisedAlert[] = params.ExecutionDateTime ? [{ code: FUTURE_ACTIVATION, data: { result: "Success", firmwareVersion: done.version } }] : [];
  return ok({ firmwareVersion: done.version }, done.state, { effects: done.effects, alerts });
};

/** A future-dated activation falls due; a CoS (6.23) or a newer CS06 since has defused it, so nothing happens. */
const firmwareActivate: EventHandler = ({ device, state, event, at }) => {
  const held = state.firmware.scheduledActivation;
  if (event.type !== "firmware-activate" || !held || held.requestId !== event.requestId) return { state };
  const problem = activationProblem(state, held.hash);
  if (problem) {
    const failed: AnswerData = { result: "Failure", reason: problem, firmwareVersion: state.firmware.version };
    return { state: changed(state, { firmware: { ...state.firmware, scheduledActivation: null }, eventLog: logged(state, at, FUTURE_ACTIVATION, problem) }), alerts: [{ code: FUTURE_ACTIVATION, data: failed }] };
  }
  const done = activated(state, device.id, at);
  return { state: { ...done.state, eventLog: logged(done.state, at, FUTURE_ACTIVATION, `Future-dated activation of ${done.version}`) }, effects: done.effects, alerts: [{ code: FUTURE_ACTIVATION, data: { result: "Success", firmwareVersion: done.version } }] };
};

/** The image of an 11.1 reached the meter: held for activation after the Supplier's signature checked out. */
const firmwareReceived: EventHandler = ({ state, event, at }) => {
  if (event.type !== "firmware-received") return { state };
  const data: AnswerData = { firmwareVersion: event.version, hash: event.hash };
  if (!event.ok) return { state: changed(state, { eventLog: logged(state, at, RECEIPT_FAILED, `Firmware ${event.version} failed its checks`) }), alerts: [{ code: RECEIPT_FAILED, data }] };
  const pendingImage = { hash: event.hash, version: event.version, receivedAt: at.toISOString() };
  return {
    state: changed(state, { firmware: { ...state.firmware, pendingImage }, eventLog: logged(state, at, RECEIVED, `Firmware ${event.version} received`) }),
    alerts: [{ code: RECEIVED, data }],
  };
};

export const FIRMWARE_COMMANDS: Record<string, CommandHandler> = {
  "11.2": readFirmwareVersion,
  "11.3": activateFirmware,
};

export const FIRMWARE_EVENTS: Partial<Record<string, EventHandler>> = {
  "firmware-activate": firmwareActivate,
  "firmware-received": firmwareReceived,
};
