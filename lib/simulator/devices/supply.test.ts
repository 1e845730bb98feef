import { describe, expect, it } from "vitest";
import { CODE } from "@/lib/duis/codes";
import { initialState, type DeviceState } from "../state";
import type { SimDevice } from "../types";
import { pressSupplyButton } from "./supply";
import { ESME, GSME, METER_AT as AT, codes, happen, inject, run } from "./testing";


describe("supply (device-ops.md §3.1)", () => {
  it("7.2 disables and locks (scenario 7); a repeated 7.2 succeeds without a change; the input is untouched", () => {
    const state = initialState(ESME, AT);
    const frozen = structuredClone(state);
    const out = run("7.2", ESME, state);
    expect(out.code).toBe(CODE.I0);
    expect(out.state.supply).toMatchObject({ state: "DISABLED", locked: true, disableCause: "COMMAND" });
    expect(out.state.changes).toBe(1);
    expect(state).toEqual(frozen);
    const again = run("7.2", ESME, out.state);
    expect(again.code).toBe(CODE.I0);
    expect(again.state).toBe(out.state);
  });

  it("7.3 after 7.2 arms and unlocks with 0x8F32; the consumer's button then enables (scenario 8)", () => {
    const disabled = run("7.2", ESME, initialState(ESME, AT)).state;
    const armed = run("7.3", ESME, disabled);
    expect(armed.code).toBe(CODE.I0);
    expect(armed.state.supply).toMatchObject({ state: "ARMED", locked: false });
    expect(codes(armed)).toEqual(["8F32"]);
    expect(pressSupplyButton(armed.state, AT).supply.state).toBe("ENABLED");
    // A locked supply ignores the button.
    expect(pressSupplyButton(disabled, AT)).toBe(disabled);
  });

  it("7.3 is refused (E50) when disabled for lack of prepayment credit, and nothing changes", () => {
    const state: DeviceState = { ...initialState(ESME, AT), supply: { ...initialState(ESME, AT).supply, state: "DISABLED", disableCause: "PREPAY_CREDIT" } };
    const out = run("7.3", ESME, state);
    expect(out.code).toBe(CODE.DEVICE_STATE);
    expect(out.state).toBe(state);
    expect(out.alerts).toBeUndefined();
    expect(run("7.1", ESME, state).code).toBe(CODE.DEVICE_STATE);
  });

  it("7.1 enables an ESME disabled by command; a GSME answers E53 and keeps its state (scenario 4)", () => {
    const disabled = run("7.2", ESME, initialState(ESME, AT)).state;
    expect(run("7.1", ESME, disabled).state.supply).toMatchObject({ state: "ENABLED", locked: false, disableCause: null });
    const gas = run("7.2", GSME, initialState(GSME, AT)).state;
    const out = run("7.1", GSME, gas);
    expect(out.code).toBe(CODE.DEVICE_UNSUPPORTED);
    expect(out.state).toBe(gas);
  });

  it("7.4 reads the supply state with the meter's time status", () => {
    const state = { ...initialState(GSME, AT), clock: { offsetSeconds: 30, status: "UNRELIABLE" as const, lastSyncAt: null } };
    const out = run("7.4", GSME, state);
    expect(out.data).toMatchObject({ supplyState: "ENABLED", locked: false, timeStatus: "UNRELIABLE", meterTime: "2026-03-10T12:00:30.000Z" });
  });

  it("supply commands to a device without a supply answer E53", () => {
    const chf: SimDevice = { ...ESME, id: "00-11-22-33-44-55-66-09", deviceType: "CHF", esmeVariant: null };
    expect(run("7.2", chf, initialState(chf, AT)).code).toBe(CODE.DEVICE_UNSUPPORTED);
  });
});

describe("supply events", () => {
  it("tamper disables, locks when the tamper state says so (0x8F3F, 0x81BE); only Arm releases it", () => {
    const base = initialState(ESME, AT);
    const state = { ...base, supply: { ...base.supply, tamperState: "LOCKED" as const } };
    const out = inject("tamper", ESME, state);
    expect(out.state.supply).toMatchObject({ state: "DISABLED", locked: true, disableCause: "TAMPER" });
    expect(codes(out)).toEqual(["8F3F", "81BE"]);
    expect(run("7.3", ESME, out.state).state.supply).toMatchObject({ state: "ARMED", locked: false });
    const unlocked = inject("tamper", ESME, base);
    expect(unlocked.state.supply.locked).toBe(false);
    expect(codes(unlocked)).toEqual(["8F3F"]);
  });

  it("drops a non-critical alert the Supplier switched off, never a critical one", () => {
    const base = initialState(ESME, AT);
    const state = { ...base, alertsDisabled: ["81BE", "8F3F"], supply: { ...base.supply, tamperState: "LOCKED" as const } };
    expect(codes(inject("tamper", ESME, state))).toEqual(["8F3F"]);
  });

  it("gas power loss closes the valve (0x8F1D), locked per the depletion state; Arm releases it", () => {
    const base = initialState(GSME, AT);
    const out = inject("gas-power-loss", GSME, { ...base, supply: { ...base.supply, depletionState: "LOCKED" } });
    expect(out.state.supply).toMatchObject({ state: "DISABLED", locked: true, disableCause: "GAS_POWER_LOSS" });
    expect(codes(out)).toEqual(["8F1D"]);
    expect(run("7.3", GSME, out.state).code).toBe(CODE.I0);
    expect(inject("gas-power-loss", ESME, initialState(ESME, AT)).state.changes).toBe(0);
  });

  it("uncontrolled gas flow leaves the valve armed", () => {
    const out = inject("uncontrolled-gas-flow", GSME, initialState(GSME, AT));
    expect(out.state.supply).toMatchObject({ state: "ARMED", locked: false });
    expect(out.state.eventLog.map((e) => e.text)[1]).toMatch(/closed/);
  });

  it("a load limit disables then arms (0x8F33), counts, and schedules the restoration that enables (0x8F34)", () => {
    const base = initialState(ESME, AT);
    const state = { ...base, loadLimit: { thresholdW: 6000, periodSeconds: 60, restorationSeconds: 300, counter: 0 } };
    const out = inject("load-limit", ESME, state);
    expect(out.state.supply).toMatchObject({ state: "ARMED", disableCause: "LOAD_LIMIT" });
    expect(out.state.loadLimit.counter).toBe(1);
    expect(codes(out)).toEqual(["8F33"]);
    expect(out.events).toEqual([{ afterSeconds: 300, event: { type: "load-limit-restore" } }]);
    const restored = happen(ESME, out.state, { type: "load-limit-restore" }, AT);
    expect(restored.state.supply.state).toBe("ENABLED");
    expect(codes(restored)).toEqual(["8F34"]);
    // Disabled by 7.2 meanwhile: the restoration does nothing.
    const disabled = run("7.2", ESME, out.state).state;
    expect(happen(ESME, disabled, { type: "load-limit-restore" }, AT).state).toBe(disabled);
  });

  it("phase loss raises the phase's alert on a polyphase ESME only", () => {
    const poly = { ...ESME, esmeVariant: "POLYPHASE" };
    expect(codes(inject("phase-loss", poly, initialState(poly, AT), { phase: 2 }))).toEqual(["8F59"]);
    expect(codes(inject("phase-loss", poly, initialState(poly, AT), { phase: 3 }))).toEqual(["8F5A"]);
    const single = initialState(ESME, AT);
    expect(inject("phase-loss", ESME, single, { phase: 1 }).state).toBe(single);
  });
});

describe("load control (7.5-7.12)", () => {
  it("overrides an auxiliary load for a duration, then the schedule resumes; 7.8 resets at once", () => {
    const on = run("7.5", ESME, initialState(ESME, AT), { "ActivateALCSHCALCS.Duration": "30" });
    expect(on.data).toMatchObject({ auxiliaryLoad: 1, override: "ON", until: "2026-03-10T12:30:00.000Z" });
    expect(run("7.7", ESME, on.state).data.loads).toContainEqual({ auxiliaryLoad: 1, state: "ON", until: "2026-03-10T12:30:00.000Z" });
    expect(run("7.7", ESME, on.state, {}, new Date("2026-03-10T12:31:00Z")).data.loads).toContainEqual({ auxiliaryLoad: 1, state: "SCHEDULE", until: null });
    const off = run("7.6", ESME, on.state, { "DeactivateALCSHCALCS.Duration": "0" });
    expect(run("7.7", ESME, off.state).data.loads).toContainEqual({ auxiliaryLoad: 1, state: "OFF", until: null });
    expect(run("7.7", ESME, run("7.8", ESME, off.state, { ResetALCSHCALCS: "" }).state).data.loads).toContainEqual({ auxiliaryLoad: 1, state: "SCHEDULE", until: null });
  });

  it("maps loads to the boost button and reads them back", () => {
    const flags = (values: boolean[], name: string) => Object.fromEntries(values.map((v, i) => [`${name}${i ? `[${i}]` : ""}`, String(v)]));
    const added = run("7.9", ESME, initialState(ESME, AT), flags([true, false, true, false, false], "AddToBoostButton"));
    expect(added.data.boostButtonLoads).toEqual([1, 3]);
    const removed = run("7.10", ESME, added.state, flags([true, false, false, false, false], "RemoveFromBoostButton"));
    expect(run("7.11", ESME, removed.state).data.boostButtonLoads).toEqual([3]);
  });

  it("sets the randomised offset limit within 0-1799 s, on an ESME or HCALCS only", () => {
    const hcalcs: SimDevice = { ...ESME, id: "00-11-22-33-44-55-66-05", deviceType: "HCALCS", esmeVariant: null };
    const out = run("7.12", hcalcs, initialState(hcalcs, AT), { RandomisedOffsetLimit: "900" });
    expect(out.state.config["7.12"]).toEqual({ randomisedOffsetLimitSeconds: "900" });
    expect(run("7.12", ESME, initialState(ESME, AT), { RandomisedOffsetLimit: "1800" }).code).toBe(CODE.DEVICE_RANGE);
    expect(run("7.5", GSME, initialState(GSME, AT), { "ActivateALCSHCALCS.Duration": "30" }).code).toBe(CODE.DEVICE_UNSUPPORTED);
  });
});
