import { describe, expect, it } from "vitest";
import { CODE } from "@/lib/duis/codes";
import { CORPUS_NOTE, hasDuisCorpus } from "@/lib/duis/testing/corpus";
import { initialState, type DeviceState } from "../state";
import { AT, command, happen, later, SUPPLIER, simDevice, templateParams } from "./testing";

const esme = simDevice("ESME");
const gsme = simDevice("GSME");
const chf = simDevice("CHF");

describe("What the meter shows and the consumer's PIN", () => {
  it("3.1 shows the message, 3.4 the supplier's name and phone, 3.5 clears the privacy PIN", () => {
    const shown = command("3.1", esme, { SupplierMessage: "Reset" }).outcome;
    expect(shown.state.display.lastMessage).toBe("Reset");
    const named = command("3.4", esme, { SupplierName: "E-ON", SupplierTelephoneNumber: "0333 202 4650" }, { state: shown.state }).outcome;
    expect(named.state.display).toMatchObject({ supplierName: "E-ON", supplierPhone: "0333 202 4650", lastMessage: "Reset" });
    expect(named.state.changes).toBe(2);
    const pinned = { ...named.state, payment: { ...named.state.payment, privacyPinSet: true } };
    expect(command("3.5", esme, {}, { state: pinned }).outcome.state.payment.privacyPinSet).toBe(false);
  });

  it("6.20.1 / 6.20.2 set the MPxNs on the display and 6.2.7 reads them", () => {
    const imported = command("6.20.1", esme, { "ImportMPANs.ImportMPAN": "1312345678111", "ImportMPANs.SecondaryImportMPAN": "1312345678222" }).outcome;
    const exported = command("6.20.2", esme, { ExportMPAN: "1312345678333" }, { state: imported.state }).outcome;
    expect(command("6.2.7", esme, {}, { state: exported.state }).outcome.data).toEqual({ importMpxn: "1312345678111", secondaryImportMpan: "1312345678222", exportMpxn: "1312345678333" });
    expect(command("6.20.1", gsme, { ImportMPRN: "1234567890" }).outcome.state.display.importMpxn).toBe("1234567890");
  });
});

describe("Change of Tenancy restriction (3.2)", () => {
  it("a past restriction time takes effect at once: the DCC removes Other Users' schedules and requests", () => {
    const { outcome } = command("3.2", esme, { RestrictionDateTime: "2026-03-01T00:00:00Z" });
    expect(outcome.state.cotRestrictionAt).toBe("2026-03-01T00:00:00.000Z");
    expect(outcome.effects).toEqual([{ type: "cot-restriction", deviceId: esme.id, senderPartyId: SUPPLIER.partyId }]);
    expect(outcome.events).toBeUndefined();
  });

  it("scenario 31: a future restriction time waits for T, then takes effect", () => {
    const { input, outcome } = command("3.2", esme, { RestrictionDateTime: later(7200).toISOString() });
    expect(outcome.effects).toBeUndefined();
    expect(outcome.events).toEqual([{ afterSeconds: 7200, event: { type: "cot-restriction", requestId: input.requestId } }]);
    const due = happen(esme, outcome.state, outcome.events![0].event, later(7200));
    expect(due.effects).toEqual([{ type: "cot-restriction", deviceId: esme.id, senderPartyId: SUPPLIER.partyId }]);
    // A later 3.2 replaced it: the first one's time passes without effect.
    const replaced = command("3.2", esme, { RestrictionDateTime: later(9000).toISOString() }, { state: outcome.state, requestId: "r-2" }).outcome;
    expect(happen(esme, replaced.state, outcome.events![0].event, later(7200)).effects).toBeUndefined();
  });
});

describe("Logs", () => {
  const withLogs: DeviceState = {
    ...initialState(esme, AT),
    eventLog: [
      { at: "2026-03-01T10:00:00.000Z", code: "6.23", text: "Change of Supplier" },
      { at: "2026-02-01T10:00:00.000Z", code: "8F0C", text: "Clock not adjusted" },
      { at: "2026-01-01T10:00:00.000Z", code: "11.3", text: "Firmware activated" },
    ],
  };

  it("6.13 reads the Event or the Security log over the period", () => {
    const events = command("6.13", esme, { LogToRead: "Event", "ReadLogPeriod.StartDateTime": "2026-01-01T00:00:00Z", "ReadLogPeriod.EndDateTime": "2026-12-31T00:00:00Z" }, { state: withLogs }).outcome;
    expect(events.data).toEqual({ log: "Event", entries: [withLogs.eventLog[1]] });
    const security = command("6.13", esme, { LogToRead: "Security", "ReadLogPeriod.StartDateTime": "2026-02-01T00:00:00Z", "ReadLogPeriod.EndDateTime": "2026-12-31T00:00:00Z" }, { state: withLogs }).outcome;
    expect(security.data).toEqual({ log: "Security", entries: [withLogs.eventLog[0]] });
  });

  it("3.3 clears the Event log but never the Security log", () => {
    const { outcome } = command("3.3", esme, { ESMEEventLogType: "ESME" }, { state: withLogs });
    expect(outcome.data).toEqual({ cleared: 1 });
    expect(outcome.state.eventLog.map((e) => e.code)).toEqual(["6.23", "11.3"]);
  });
});

describe("Clock", () => {
  it("6.11 adopts the CH's time within the tolerance and is Reliable", () => {
    const drifted = { ...initialState(esme, AT), clock: { offsetSeconds: 25, status: "UNRELIABLE" as const, lastSyncAt: null } };
    const { outcome } = command("6.11", esme, { CurrentDateTime: later(-30).toISOString(), TolerancePeriod: "60" }, { state: drifted });
    expect(outcome.data).toEqual({ meterTime: AT.toISOString(), timeStatus: "RELIABLE" });
    expect(outcome.state.clock).toEqual({ offsetSeconds: 0, status: "RELIABLE", lastSyncAt: AT.toISOString() });
  });

  it.skipIf(!hasDuisCorpus)(`6.11 outside the tolerance keeps the meter's time and reports Unreliable ${CORPUS_NOTE}`, () => {
    const drifted = { ...initialState(esme, AT), clock: { offsetSeconds: 25, status: "RELIABLE" as const, lastSyncAt: null } };
    // The reference body's CurrentDateTime is 2014: far outside its 60 s tolerance.
    const { outcome } = command("6.11", esme, templateParams("ECS70_6.11_SUCCESS_REQUEST_DUIS.XML"), { state: drifted });
    expect(outcome.code).toBe(CODE.I0);
    expect(outcome.data).toEqual({ meterTime: later(25).toISOString(), timeStatus: "UNRELIABLE" });
    expect(outcome.state.clock.offsetSeconds).toBe(25);
  });

  it("a drift of up to 10 s is corrected on the next CH sync; more raises 0x8F0C and the clock is Unreliable", () => {
    const small = happen(esme, initialState(esme, AT), { type: "inject", event: "clock-drift", amount: 8 });
    expect(small.state.clock).toEqual({ offsetSeconds: 0, status: "RELIABLE", lastSyncAt: AT.toISOString() });
    expect(small.alerts).toBeUndefined();
    const large = happen(esme, initialState(esme, AT), { type: "inject", event: "clock-drift", amount: 11 });
    expect(large.state.clock).toMatchObject({ offsetSeconds: 11, status: "UNRELIABLE" });
    expect(large.alerts).toEqual([{ code: "8F0C", data: { adjustmentSeconds: 11 } }]);
  });
});

describe.skipIf(!hasDuisCorpus)(`Billing calendar, alerts and other settings ${CORPUS_NOTE}`, () => {
  it("6.8 sets the billing calendar from ECS30, ECS30a and GCS25a bodies; 6.2.3 reads it", () => {
    const monthly = command("6.8", esme, templateParams("ECS30_6.8_SUCCESS_REQUEST_DUIS.XML")).outcome;
    expect(monthly.state.billingCalendar).toEqual({ start: "2026-03-01T12:00:00.000Z", periodicity: "MONTHLY" });
    expect(command("6.8", esme, templateParams("ECS30a_6.8_SUCCESS_REQUEST_DUIS.XML")).outcome.state.billingCalendar).toEqual({ start: "2026-01-01T00:00:00.000Z", periodicity: "QUARTERLY" });
    expect(command("6.8", gsme, templateParams("GCS25a_6.8_SUCCESS_REQUEST_DUIS.XML")).outcome.state.billingCalendar).toEqual({ start: "2015-01-01T00:00:00.000Z", periodicity: "SIX_MONTHLY" });
    expect(command("6.2.3", esme, {}, { state: monthly.state }).outcome.data).toEqual({ billingCalendar: { start: "2026-03-01T12:00:00.000Z", periodicity: "MONTHLY" } });
    // AT is a Monday: weekly on day 3 (Wednesday) started the Wednesday before.
    expect(command("6.8", esme, { "ElectricityBillingCalendar.BillingTime": "00:00:00Z", "ElectricityBillingCalendar.Weekly": "3" }).outcome.state.billingCalendar?.start).toBe("2026-02-25T00:00:00.000Z");
    expect(command("6.8", esme, {}).outcome.code).toBe(CODE.DEVICE_RANGE);
  });

  it("6.22 switches WAN alerts on and off, keeps the other settings for 6.2.10, and cannot disable a Critical alert", () => {
    const configured = command("6.22", esme, templateParams("ECS25a_6.22_SUCCESS_REQUEST_DUIS.XML")).outcome;
    expect(configured.state.alertsDisabled).toEqual(["810E"]);
    const gas = command("6.22", gsme, templateParams("GCS20_6.22_SUCCESS_REQUEST_DUIS.XML")).outcome;
    expect(gas.state.alertsDisabled).toEqual(["8161", "8162", "81C6"]);
    expect(command("6.2.10", gsme, {}, { state: gas.state }).outcome.data.settings).toMatchObject({ "GasSupplierAlertEventSettings.x810E.HANAlert": "Disable" });
    const critical = command("6.22", esme, { "ElectricitySupplierAlerts.SupplierESMECommon.x8F3F": "Disable" }, { state: configured.state }).outcome;
    expect(critical.code).toBe(CODE.DEVICE_RANGE);
    expect(critical.state).toBe(configured.state);
  });

  it("6.4.1 / 6.4.2 set the load limit and reset its counter; 6.25 and 6.7 set the supply tamper and depletion states", () => {
    const limited = command("6.4.1", esme, templateParams("ECS28a_6.4.1_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML")).outcome;
    expect(limited.state.loadLimit).toEqual({ thresholdW: 6900, periodSeconds: 300, restorationSeconds: 30, counter: 0 });
    const counted = { ...limited.state, loadLimit: { ...limited.state.loadLimit, counter: 4 } };
    expect(command("6.4.2", esme, {}, { state: counted }).outcome.state.loadLimit.counter).toBe(0);
    expect(command("6.25", esme, templateParams("ECS81_6.25_SUCCESS_REQUEST_DUIS.XML")).outcome.state.supply.tamperState).toBe("LOCKED");
    const gas = command("6.7", gsme, { ...templateParams("GCS24_6.7_SUCCESS_REQUEST_DUIS.XML"), SupplyDepletionState: "Locked" }).outcome;
    expect(gas.state.supply).toMatchObject({ tamperState: "UNCHANGED", depletionState: "LOCKED" });
    expect(command("6.2.8", gsme, {}, { state: gas.state }).outcome.data).toMatchObject({ UncontrolledGasFlowRate: "61680", supplyDepletionState: "LOCKED" });
  });

  it("6.2.x reads return what the generic model stored for their sets, and the device's identity", () => {
    const voltage = command("6.5", esme, templateParams("ECS29a_6.5_SUCCESS_REQUEST_DUIS.XML")).outcome;
    expect(command("6.2.1", esme, {}, { state: voltage.state }).outcome.data).toMatchObject({ "RMSVoltageSettings.RMSVoltageSagThreshold": "216" });
    expect(command("6.2.4", esme, {}).outcome.data).toEqual({ deviceId: esme.id, deviceType: "ESME", manufacturer: "ABCD", model: "M1", hardwareVersion: "1.0", firmwareVersion: "1.0.0" });
    expect(command("6.2.9", esme, {}).outcome.data).toEqual({ paymentMode: initialState(esme, AT).payment.mode });
  });

  it("Dual Band CH: 6.28 stores the Sub-GHz configuration (N54) for 6.30; 6.29 moves channel (N54); 6.31 / 6.32 read it", () => {
    const configured = command("6.28", chf, templateParams("DBCH04_6.28_SUCCESS_REQUEST_DUIS.XML")).outcome;
    expect(configured.effects).toEqual([{ type: "dcc-alert", code: "N54", deviceId: chf.id, to: ["SUPPLIER"], data: { action: "Configuration changed" } }]);
    expect(command("6.30", chf, {}, { state: configured.state }).outcome.data).toMatchObject({ MaximumSubGHzChannelChangesPerWeek: "5" });
    const scanned = command("6.29", chf, {}, { state: configured.state }).outcome;
    const channel = scanned.data.channel;
    expect(command("6.31", chf, {}, { state: scanned.state }).outcome.data).toEqual({ channel });
    expect(command("6.32", chf, {}, { state: scanned.state }).outcome.data).toEqual({ channelLog: [{ channel, since: AT.toISOString() }] });
    expect(command("6.28", esme, {}).outcome.code).toBe(CODE.DEVICE_UNSUPPORTED);
  });
});
