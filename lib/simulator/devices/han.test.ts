import { describe, expect, it } from "vitest";
import { CODE } from "@/lib/duis/codes";
import { CORPUS_NOTE, hasDuisCorpus } from "@/lib/duis/testing/corpus";
import { initialState } from "../state";
import type { DeviceEvent } from "../types";
import { DCC_PARAMS, joinSeconds } from "./han";
import { AT, command, happen, later, simDevice, templateParams } from "./testing";

const chf = simDevice("CHF");
const esme = simDevice("ESME", { status: "PENDING" });
const gsme = simDevice("GSME");
const ppmid = simDevice("PPMID");
const add = (memberId: string, extra: Record<string, string> = {}) => ({ DeviceID: memberId, RequestType: "Add", "AddDeviceToCHFWhitelist.JoinTimePeriod": "90", "AddDeviceToCHFWhitelist.InstallCode": "30313233343536373839414243444546", ...extra });

describe("SR 8.11 Update HAN Device Log", () => {
  it("whitelists a meter on the CHF: T3, association, MPxN link, the first CS14, then the join and the timeout", () => {
    const { input, outcome } = command("8.11", chf, add(esme.id, { "AddDeviceToCHFWhitelist.ImportMPxN": "1312345678111" }));
    expect(outcome.code).toBe(CODE.I0);
    expect(outcome.state.hanLog).toEqual([{ deviceId: esme.id, deviceType: "ESME", addedAt: AT.toISOString(), lastCommunicatedAt: null }]);
    expect(outcome.state.changes).toBe(input.state.changes + 1);
    expect(input.state.hanLog).toEqual([]);
    expect(outcome.effects).toEqual([
      { type: "smi-status", deviceId: esme.id, trigger: "SR 8.11 CCS01 response" },
      { type: "associate", deviceId: esme.id, otherId: chf.id },
      { type: "link-mpxn", deviceId: esme.id, mpxn: "1312345678111" },
    ]);
    expect(outcome.alerts).toEqual([{ code: "8F12", data: { deviceId: esme.id, change: "Added" } }]);
    const joining = joinSeconds(chf.id, esme.id, input.requestId);
    expect(joining).toBeGreaterThanOrEqual(2);
    expect(joining).toBeLessThanOrEqual(11);
    expect(outcome.events).toEqual([
      { afterSeconds: joining, event: { type: "join-complete", chfId: chf.id, memberId: esme.id, requestId: input.requestId } },
      { afterSeconds: 90, event: { type: "join-timeout", chfId: chf.id, memberId: esme.id, requestId: input.requestId } },
    ]);
  });

  it.skipIf(!hasDuisCorpus)(`reads the CCS01 and CCS02 reference bodies ${CORPUS_NOTE}`, () => {
    const added = command("8.11", chf, templateParams("CCS01_8.11_SUCCESS_REQUEST_DUIS.XML")).outcome;
    expect(added.state.hanLog.map((e) => e.deviceId)).toEqual(["00DB1234567890A0"]);
    expect(added.effects).toContainEqual({ type: "link-mpxn", deviceId: "00DB1234567890A0", mpxn: "1312345678111" });
    const removed = command("8.11", chf, templateParams("CCS02_8.11_SUCCESS_REQUEST_DUIS.XML"), { state: added.state }).outcome;
    expect(removed.code).toBe(CODE.I0);
    expect(removed.state.hanLog).toEqual([]);
  });

  it("scenario 12: the second CS14 within the join time makes the meter INC and sends N24 to the sender", () => {
    const { input, outcome } = command("8.11", chf, add(esme.id, { "AddDeviceToCHFWhitelist.ImportMPxN": "1312345678111" }));
    const [complete, timeout] = outcome.events!;
    const joined = happen(chf, outcome.state, complete.event, later(complete.afterSeconds));
    expect(joined.effects).toEqual([
      { type: "smi-status", deviceId: esme.id, trigger: "CS14 second alert within the join timeout" },
      { type: "dcc-alert", code: "N24", deviceId: esme.id, to: ["SENDER"], data: { requestId: input.requestId } },
    ]);
    expect(joined.alerts).toEqual([
      { code: "8F12", data: { deviceId: esme.id, change: "Joined" } },
      { code: "8183", data: { deviceId: esme.id } },
    ]);
    expect(joined.state.hanLog[0].lastCommunicatedAt).toBe(later(complete.afterSeconds).toISOString());
    // The member joined: the timeout says nothing.
    expect(happen(chf, joined.state, timeout.event, later(90)).effects).toBeUndefined();
  });

  it("scenario 13: a PPMID that misses its Join Time Period gets only the timeout, and N25 goes to the sender", () => {
    const { input, outcome } = command("8.11", chf, add(ppmid.id, { "AddDeviceToCHFWhitelist.JoinTimePeriod": "1", [DCC_PARAMS.memberType]: "PPMID" }));
    expect(outcome.events).toEqual([{ afterSeconds: 1, event: { type: "join-timeout", chfId: chf.id, memberId: ppmid.id, requestId: input.requestId } }]);
    const timedOut = happen(chf, outcome.state, outcome.events![0].event, later(61));
    expect(timedOut.effects).toEqual([{ type: "dcc-alert", code: "N25", deviceId: ppmid.id, to: ["SENDER"], data: { requestId: input.requestId } }]);
    expect(timedOut.state).toBe(outcome.state);
  });

  it("a Type 2 device is whitelisted without an SMI status move", () => {
    const ihd = simDevice("IHD");
    const { outcome } = command("8.11", chf, add(ihd.id, { [DCC_PARAMS.memberType]: "IHD" }));
    expect(outcome.effects).toEqual([{ type: "associate", deviceId: ihd.id, otherId: chf.id }]);
  });

  it("a join after the member was removed does nothing", () => {
    const added = command("8.11", chf, add(esme.id)).outcome;
    const removed = command("8.11", chf, { DeviceID: esme.id, RequestType: "Remove" }, { state: added.state }).outcome;
    const late = happen(chf, removed.state, added.events![0].event);
    expect(late).toEqual({ state: removed.state });
  });

  it("removal dissociates; removing a device not in the log is refused", () => {
    const added = command("8.11", chf, add(esme.id)).outcome;
    const removed = command("8.11", chf, { DeviceID: esme.id, RequestType: "Remove" }, { state: added.state }).outcome;
    expect(removed.effects).toEqual([{ type: "dissociate", deviceId: esme.id, otherId: chf.id }]);
    expect(removed.alerts).toEqual([{ code: "8F12", data: { deviceId: esme.id, change: "Removed" } }]);
    const again = command("8.11", chf, { DeviceID: esme.id, RequestType: "Remove" }, { state: removed.state }).outcome;
    expect(again.code).toBe(CODE.DEVICE_STATE);
    expect(again.state).toBe(removed.state);
  });

  it("scenario 28: removing a PPMID serving both the ESME and the GSME sends N43 to the others", () => {
    let state = initialState(chf, AT);
    for (const [id, type] of [[esme.id, "ESME"], [gsme.id, "GSME"], [ppmid.id, "PPMID"]]) state = command("8.11", chf, add(id, { [DCC_PARAMS.memberType]: type }), { state }).outcome.state;
    const removed = command("8.11", chf, { DeviceID: ppmid.id, RequestType: "Remove" }, { state }).outcome;
    expect(removed.effects).toContainEqual({ type: "dcc-alert", code: "N43", deviceId: chf.id, to: ["OTHERS_BUT_SENDER"], data: { ppmid: ppmid.id } });
    // Electricity only: no N43.
    const single = command("8.11", chf, add(ppmid.id, { [DCC_PARAMS.memberType]: "PPMID" }), { state: command("8.11", chf, add(esme.id)).outcome.state }).outcome.state;
    const alone = command("8.11", chf, { DeviceID: ppmid.id, RequestType: "Remove" }, { state: single }).outcome;
    expect(alone.effects?.some((e) => e.type === "dcc-alert")).toBe(false);
  });

  it("goes only to a CHF", () => {
    expect(command("8.11", esme, add(ppmid.id)).outcome.code).toBe(CODE.DEVICE_UNSUPPORTED);
  });
});

describe("SR 8.7 Join Service and 8.8 Unjoin Service", () => {
  it("scenario 18: CS03A1 to the ESME logs the PPMID, associates it and moves it to the ESME's status (T14)", () => {
    const { outcome } = command("8.7.1", esme, { OtherDeviceID: "00-DB-12-34-56-78-90-A5" });
    expect(outcome.state.hanLog.map((e) => e.deviceId)).toEqual([ppmid.id]);
    expect(outcome.effects).toEqual([
      { type: "associate", deviceId: ppmid.id, otherId: esme.id },
      { type: "smi-status", deviceId: ppmid.id, trigger: "SR 8.7 Join Service", partnerId: esme.id },
    ]);
  });

  it("CS03A2 to the PPMID logs the ESME on the PPMID's side, with nothing for the DCC yet", () => {
    const { outcome } = command("8.7.2", ppmid, { OtherDeviceID: esme.id });
    expect(outcome.state.hanLog.map((e) => e.deviceId)).toEqual([esme.id]);
    expect(outcome.effects).toEqual([]);
  });

  it("scenario 17: joining the GPF to the GSME gives the GPF the GSME's status", () => {
    const gpf = simDevice("GPF");
    const { outcome } = command("8.7.2", gsme, { OtherDeviceID: gpf.id });
    expect(outcome.effects).toContainEqual({ type: "smi-status", deviceId: gpf.id, trigger: "SR 8.7 Join Service", partnerId: gsme.id });
  });

  it("joining twice changes nothing the second time; unjoin removes and dissociates, then refuses", () => {
    const first = command("8.7.1", esme, { OtherDeviceID: ppmid.id }).outcome;
    const second = command("8.7.1", esme, { OtherDeviceID: ppmid.id }, { state: first.state }).outcome;
    expect(second.state).toBe(first.state);
    const unjoined = command("8.8.1", esme, { OtherDeviceID: ppmid.id }, { state: first.state }).outcome;
    expect(unjoined.state.hanLog).toEqual([]);
    expect(unjoined.effects).toEqual([{ type: "dissociate", deviceId: ppmid.id, otherId: esme.id }]);
    expect(command("8.8.2", esme, { OtherDeviceID: ppmid.id }, { state: unjoined.state }).outcome.code).toBe(CODE.DEVICE_STATE);
  });

  it("8.9 reads the log with each device's last contact", () => {
    const joined = command("8.7.1", esme, { OtherDeviceID: ppmid.id }).outcome;
    expect(command("8.9", esme, {}, { state: joined.state }).outcome.data).toEqual({ deviceLog: [{ deviceId: ppmid.id, deviceType: null, lastCommunicatedAt: null }] });
  });
});

describe("SR 8.12 Restore HAN / GPF Device Log", () => {
  const oldLog = { "Dcc.Log.DeviceID": esme.id, "Dcc.Log.DeviceType": "ESME", "Dcc.Log[1].DeviceID": ppmid.id, "Dcc.Log[1].DeviceType": "PPMID" };

  it("the new CHF takes the old log, its devices rejoin (CS14, 0x8183) and N30 goes to the other Suppliers", () => {
    const { outcome } = command("8.12.1", chf, { OldCHFID: "00-DB-12-34-56-78-90-95", ...oldLog });
    expect(outcome.state.hanLog.map((e) => [e.deviceId, e.deviceType])).toEqual([[esme.id, "ESME"], [ppmid.id, "PPMID"]]);
    expect(outcome.alerts).toEqual([{ code: "8F12", data: { restoredFrom: "00DB123456789095", devices: 2 } }, { code: "8183", data: { deviceId: esme.id } }]);
    expect(outcome.effects).toEqual([
      { type: "associate", deviceId: esme.id, otherId: chf.id },
      { type: "associate", deviceId: ppmid.id, otherId: chf.id },
      { type: "dcc-alert", code: "N30", deviceId: chf.id, to: ["OTHERS_BUT_SENDER"] },
    ]);
  });

  it("scenario 27: the GS restoring its GPF log raises nothing; the IS doing it sends N31 to the GS", () => {
    const gpf = simDevice("GPF");
    const byGs = command("8.12.2", gpf, { OldGPFID: "00-DB-12-34-56-78-90-B3" }, { sender: { partyId: "gs-b", eui: "90B3D51F30030000", roles: ["GS"] } }).outcome;
    expect(byGs.code).toBe(CODE.I0);
    expect(byGs.effects).toEqual([]);
    const byIs = command("8.12.2", gpf, { OldGPFID: "00-DB-12-34-56-78-90-B3" }).outcome;
    expect(byIs.effects).toEqual([{ type: "dcc-alert", code: "N31", deviceId: gpf.id, to: ["GAS_SUPPLIER"] }]);
  });
});

describe("Commissioning and the Communications Hub's events", () => {
  it.skipIf(!hasDuisCorpus)(`8.1.1 (ECS70) sets the meter's clock from the CH and commissions it (T13) ${CORPUS_NOTE}`, () => {
    const drifted = { ...initialState(esme, AT), clock: { offsetSeconds: 40, status: "UNRELIABLE" as const, lastSyncAt: null } };
    const { outcome } = command("8.1.1", esme, templateParams("ECS70Commission_8.1.1_SUCCESS_REQUEST_DUIS.XML"), { state: drifted });
    expect(outcome.code).toBe(CODE.I0);
    expect(outcome.data).toEqual({ meterTime: AT.toISOString(), timeStatus: "RELIABLE" });
    expect(outcome.state.clock).toEqual({ offsetSeconds: 0, status: "RELIABLE", lastSyncAt: AT.toISOString() });
    expect(outcome.effects).toEqual([{ type: "smi-status", deviceId: esme.id, trigger: "SR 8.1.1 Commission Device" }]);
  });

  it("scenario 20: the first authenticated WAN contact of a Pending CHF commissions it, once", () => {
    const pending = simDevice("CHF", { status: "PENDING" });
    const state = initialState(pending, AT);
    expect(state.wanConnected).toBe(false);
    const first = happen(pending, state, { type: "inject", event: "first-wan-contact" });
    expect(first.state.wanConnected).toBe(true);
    expect(first.effects).toEqual([{ type: "smi-status", deviceId: pending.id, trigger: "DCC: first authenticated WAN contact" }]);
    expect(happen(pending, first.state, { type: "inject", event: "first-wan-contact" })).toEqual({ state: first.state });
  });

  it("scenario 29: AD1 after 3 minutes without mains (not 2), once per outage", () => {
    const outage = (minutes: number): DeviceEvent => ({ type: "inject", event: "power-outage", minutes });
    const two = happen(chf, initialState(chf, AT), outage(2));
    expect(two.state.powerLostAt).toBe(later(-120).toISOString());
    expect(two.effects).toBeUndefined();
    const three = happen(chf, two.state, outage(0), later(60));
    expect(three.effects).toEqual([{ type: "dcc-alert", code: "AD1", deviceId: chf.id, to: ["SUPPLIER", "NETWORK_OPERATOR"], data: { powerLostAt: later(-120).toISOString() } }]);
    expect(happen(chf, three.state, outage(0), later(120)).effects).toBeUndefined();
    const restored = happen(chf, three.state, { type: "inject", event: "power-restore" }, later(180));
    expect(restored.state.powerLostAt).toBeNull();
    expect(happen(chf, restored.state, outage(3), later(600)).effects?.[0]).toMatchObject({ code: "AD1" });
  });

  it("scenario 30: a PPMID tamper reaches the Import and Gas Suppliers as N39", () => {
    const tampered = happen(ppmid, initialState(ppmid, AT), { type: "inject", event: "ppmid-tamper" });
    expect(tampered.effects).toEqual([{ type: "dcc-alert", code: "N39", deviceId: ppmid.id, to: ["IMPORT_SUPPLIER", "GAS_SUPPLIER"], data: { deviceAlertCode: "8F3E" } }]);
  });
});
