import { describe, expect, it } from "vitest";
import { CODE } from "@/lib/duis/codes";
import { CORPUS_NOTE, hasDuisCorpus } from "@/lib/duis/testing/corpus";
import { initialState } from "../state";
import { AT, command, happen, later, simDevice, templateParams } from "./testing";

const esme = simDevice("ESME", { firmwareVersion: "1.0.0" });
const HASH = "AA758690730934FF0685AA758690730934FF0685657788990011223344556677";
const received = (ok = true) => happen(esme, initialState(esme, AT), { type: "firmware-received", version: "2.0.0", hash: HASH, ok, requestId: "r-11.1" });

describe("Firmware", () => {
  it("11.1's image reaches the meter: held for activation, 0x8F72; a failed one raises 0x8F1C and holds nothing", () => {
    const ok = received();
    expect(ok.state.firmware.pendingImage).toEqual({ hash: HASH, version: "2.0.0", receivedAt: AT.toISOString() });
    expect(ok.alerts).toEqual([{ code: "8F72", data: { firmwareVersion: "2.0.0", hash: HASH } }]);
    const failed = received(false);
    expect(failed.state.firmware.pendingImage).toBeNull();
    expect(failed.alerts).toEqual([{ code: "8F1C", data: { firmwareVersion: "2.0.0", hash: HASH } }]);
  });

  it("11.2 reads the running version and never changes the SMI", () => {
    const { outcome } = command("11.2", esme, {}, { state: received().state });
    expect(outcome).toMatchObject({ code: CODE.I0, data: { firmwareVersion: "1.0.0" } });
    expect(outcome.effects).toBeUndefined();
  });

  it.skipIf(!hasDuisCorpus)(`scenario 16: CS06 with the held image's hash activates it and the SMI takes the version ${CORPUS_NOTE}`, () => {
    const { input, outcome } = command("11.3", esme, templateParams("CS06_11.3_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML"), { state: received().state });
    expect(outcome.code).toBe(CODE.I0);
    expect(outcome.data).toEqual({ firmwareVersion: "2.0.0" });
    expect(outcome.state.firmware).toEqual({ version: "2.0.0", pendingImage: null, scheduledActivation: null });
    expect(outcome.state.changes).toBe(input.state.changes + 1);
    expect(outcome.effects).toEqual([{ type: "smi-firmware", deviceId: esme.id, version: "2.0.0" }]);
    expect(outcome.alerts).toEqual([]);
  });

  it("scenario 17: a hash that does not match the held image (or no image) fails and changes nothing", () => {
    const held = received().state;
    const wrong = command("11.3", esme, { FirmwareHash: "00".repeat(32) }, { state: held }).outcome;
    expect(wrong.code).toBe(CODE.FIRMWARE_ACTIVATION);
    expect(wrong.state).toBe(held);
    expect(wrong.data.firmwareVersion).toBe("1.0.0");
    expect(wrong.effects).toBeUndefined();
    expect(command("11.3", esme, { FirmwareHash: HASH }).outcome.code).toBe(CODE.FIRMWARE_ACTIVATION);
  });

  it("scenario 18: a future-dated CS06 is held, then activates at T with 0x00CA", () => {
    const executeAt = later(3600);
    const { input, outcome } = command("11.3", esme, { FirmwareHash: HASH.toLowerCase(), ExecutionDateTime: executeAt.toISOString() }, { state: received().state });
    expect(outcome.code).toBe(CODE.I0);
    expect(outcome.state.firmware.version).toBe("1.0.0");
    expect(outcome.state.firmware.scheduledActivation).toEqual({ hash: HASH.toLowerCase(), executeAt: executeAt.toISOString(), requestId: input.requestId });
    expect(outcome.events).toEqual([{ afterSeconds: 3600, event: { type: "firmware-activate", hash: HASH.toLowerCase(), requestId: input.requestId } }]);
    const due = happen(esme, outcome.state, outcome.events![0].event, executeAt);
    expect(due.state.firmware.version).toBe("2.0.0");
    expect(due.alerts).toEqual([{ code: "00CA", data: { result: "Success", firmwareVersion: "2.0.0" } }]);
    expect(due.effects).toEqual([{ type: "smi-firmware", deviceId: esme.id, version: "2.0.0" }]);
  });

  it("scenario 18: a CoS (6.23) before T defuses the held activation, so nothing happens at T", () => {
    const { outcome } = command("11.3", esme, { FirmwareHash: HASH, ExecutionDateTime: later(3600).toISOString() }, { state: received().state });
    const afterCos = { ...outcome.state, firmware: { ...outcome.state.firmware, scheduledActivation: null } };
    expect(happen(esme, afterCos, outcome.events![0].event, later(3600))).toEqual({ state: afterCos });
  });

  it("a held activation whose image was replaced meanwhile fails at T with 0x00CA and keeps the version", () => {
    const { outcome } = command("11.3", esme, { FirmwareHash: HASH, ExecutionDateTime: later(3600).toISOString() }, { state: received().state });
    const replaced = happen(esme, outcome.state, { type: "firmware-received", version: "3.0.0", hash: "BB".repeat(32), ok: true, requestId: "r2" }, later(60)).state;
    const due = happen(esme, replaced, outcome.events![0].event, later(3600));
    expect(due.state.firmware.version).toBe("1.0.0");
    expect(due.state.firmware.scheduledActivation).toBeNull();
    expect(due.alerts).toEqual([{ code: "00CA", data: { result: "Failure", reason: "The FirmwareHash does not match the image held.", firmwareVersion: "1.0.0" } }]);
  });

  it("a future-dated CS06 delivered at its execution time activates at once and reports 0x00CA", () => {
    const { outcome } = command("11.3", esme, { FirmwareHash: HASH, ExecutionDateTime: AT.toISOString() }, { state: received().state });
    expect(outcome.state.firmware.version).toBe("2.0.0");
    expect(outcome.alerts).toEqual([{ code: "00CA", data: { result: "Success", firmwareVersion: "2.0.0" } }]);
  });
});
