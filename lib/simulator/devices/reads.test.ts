import { describe, expect, it } from "vitest";
import { CODE } from "@/lib/duis/codes";
import { register } from "../consumption";
import { initialState } from "../state";
import { ESME, GSME, METER_AT as AT, inject, run } from "./testing";

const period = (from: string, to: string) => ({ "ReadLogPeriod.StartDateTime": from, "ReadLogPeriod.EndDateTime": to });
type Entry = { start: string; value: number };

describe("reads (device-ops.md §1.3)", () => {
  it("4.1.1 returns the import register with the meter time and time status (scenario 1); later reads are higher", () => {
    const state = initialState(ESME, AT);
    const first = run("4.1.1", ESME, state);
    expect(first.code).toBe(CODE.I0);
    expect(first.data).toMatchObject({ meterTime: AT.toISOString(), timeStatus: "RELIABLE" });
    expect(first.data.importRegisterKwh).toBe(register(ESME, "import", AT) / 1000);
    const later = run("4.1.1", ESME, state, {}, new Date("2026-03-11T12:00:00Z"));
    expect(later.data.importRegisterKwh as number).toBeGreaterThan(first.data.importRegisterKwh as number);
    expect(first.state).toBe(state);
  });

  it("a gas meter's registers are in m³, with the energy; a twin-element ESME has its secondary register", () => {
    expect(run("4.1.1", GSME, initialState(GSME, AT)).data).toEqual(expect.objectContaining({ importRegisterM3: expect.any(Number), importEnergyKwh: expect.any(Number) }));
    const twin = { ...ESME, id: "00-11-22-33-44-55-66-03", esmeVariant: "TWIN_ELEMENT" };
    expect(run("4.1.1", twin, initialState(twin, AT)).data.secondaryImportRegisterKwh).toEqual(expect.any(Number));
  });

  it("4.8.1 profile values add up to the register's growth between two reads, and an earlier read agrees", () => {
    const state = initialState(ESME, AT);
    const t1 = new Date("2026-03-09T00:00:00Z");
    const t2 = new Date("2026-03-10T00:00:00Z");
    const r1 = run("4.1.1", ESME, state, {}, t1).data.importRegisterKwh as number;
    const r2 = run("4.1.1", ESME, state, {}, t2).data.importRegisterKwh as number;
    const profile = run("4.8.1", ESME, state, period(t1.toISOString(), t2.toISOString())).data.activeImportProfile as Entry[];
    expect(profile).toHaveLength(48);
    const sumWh = profile.reduce((a, e) => a + Math.round(e.value * 1000), 0);
    expect(sumWh).toBe(Math.round(r2 * 1000) - Math.round(r1 * 1000));
    // Read during the day, the morning's values were the same.
    const partial = run("4.8.1", ESME, state, period(t1.toISOString(), t2.toISOString()), new Date("2026-03-09T06:10:00Z")).data.activeImportProfile as Entry[];
    expect(partial).toEqual(profile.slice(0, 12));
  });

  it("4.6.1 daily reads are the register at each midnight; 4.17 gives their differences", () => {
    const state = initialState(GSME, AT);
    const p = period("2026-03-05T00:00:00Z", "2026-03-08T00:00:00Z");
    const reads = run("4.6.1", GSME, state, p).data.dailyReads as { at: string; registerValue: number }[];
    expect(reads.map((r) => r.at)).toEqual(["2026-03-05T00:00:00.000Z", "2026-03-06T00:00:00.000Z", "2026-03-07T00:00:00.000Z", "2026-03-08T00:00:00.000Z"]);
    expect(reads[1].registerValue).toBe(run("4.1.1", GSME, state, {}, new Date(reads[1].at)).data.importRegisterM3);
    const days = run("4.17", GSME, state, p).data.dailyConsumption as { day: string; consumption: number }[];
    expect(days).toHaveLength(3);
    expect(days[0].consumption).toBeCloseTo(reads[1].registerValue - reads[0].registerValue, 6);
  });

  it("withholds log data from before a CoT restriction once it has taken effect", () => {
    const p = period("2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z");
    const restricted = { ...initialState(ESME, AT), cotRestrictionAt: "2026-03-09T12:00:00.000Z" };
    const profile = run("4.8.1", ESME, restricted, p).data.activeImportProfile as Entry[];
    expect(profile).toHaveLength(24);
    expect(profile[0].start).toBe("2026-03-09T12:00:00.000Z");
    // A restriction still in the future withholds nothing yet.
    const future = { ...restricted, cotRestrictionAt: "2026-04-01T00:00:00.000Z" };
    expect(run("4.8.1", ESME, future, p).data.activeImportProfile as Entry[]).toHaveLength(48);
  });

  it("gives no data after the meter's now, and refuses a period that ends before it starts (E51)", () => {
    const profile = run("4.8.1", ESME, initialState(ESME, AT), period("2026-03-10T00:00:00Z", "2026-03-12T00:00:00Z")).data.activeImportProfile as Entry[];
    expect(profile).toHaveLength(24);
    expect(run("4.8.1", ESME, initialState(ESME, AT), period("2026-03-10T00:00:00Z", "2026-03-09T00:00:00Z")).code).toBe(CODE.DEVICE_RANGE);
  });

  it("electricity-only reads answer E53 on a gas meter", () => {
    for (const srv of ["4.2", "4.6.2", "4.8.2", "4.8.3", "4.12.1", "4.15", "4.16"]) expect(run(srv, GSME, initialState(GSME, AT)).code).toBe(CODE.DEVICE_UNSUPPORTED);
  });

  it("4.16, 4.12.1 and 4.15 read power, maximum demand and the load limit data", () => {
    const state = { ...initialState(ESME, AT), loadLimit: { thresholdW: 6000, periodSeconds: 60, restorationSeconds: 300, counter: 2 } };
    expect(run("4.16", ESME, state).data.activePowerImportW).toBeGreaterThan(0);
    const md = run("4.12.1", ESME, state).data;
    expect(md.maximumDemandKw as number).toBeGreaterThanOrEqual((run("4.16", ESME, state).data.activePowerImportW as number) / 1000 - 1e-9);
    expect(md.since).toBe("2026-03-01T00:00:00.000Z");
    expect(run("4.15", ESME, state).data).toMatchObject({ thresholdW: 6000, loadLimitCounter: 2 });
  });

  it("4.10 gives voltages on an ESME; a gas meter needs 14.1 first", () => {
    const p = period("2026-03-10T10:00:00Z", "2026-03-10T12:00:00Z");
    const poly = { ...ESME, esmeVariant: "POLYPHASE" };
    const v = run("4.10", poly, initialState(poly, AT), p).data.voltage as { rmsVoltageV: number[] }[];
    expect(v).toHaveLength(4);
    expect(v[0].rmsVoltageV).toHaveLength(3);
    expect(run("4.10", GSME, initialState(GSME, AT), p).code).toBe(CODE.DEVICE_STATE);
    const started = run("14.1", GSME, initialState(GSME, AT), {}, new Date("2026-03-10T11:00:00Z")).state;
    expect(run("4.10", GSME, started, p).data.networkData as unknown[]).toHaveLength(10);
  });

  it("4.4.3 gives the billing calendar's snapshots; a billing tick raises 0x8F0A with one", () => {
    const state = initialState(ESME, AT);
    const snapshots = run("4.4.3", ESME, state, period("2025-12-15T00:00:00Z", "2026-03-10T00:00:00Z")).data.billingSnapshots as { at: string }[];
    expect(snapshots.map((s) => s.at)).toEqual(["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]);
    const tick = inject("billing-tick", ESME, state);
    expect(tick.alerts).toEqual([{ code: "8F0A", data: expect.objectContaining({ at: AT.toISOString(), consumptionRegisterKwh: register(ESME, "import", AT) / 1000 }) }]);
  });

  it("every time-stamped answer uses the meter's clock", () => {
    const state = { ...initialState(ESME, AT), clock: { offsetSeconds: -3600, status: "UNRELIABLE" as const, lastSyncAt: null } };
    expect(run("4.1.1", ESME, state).data).toMatchObject({ meterTime: "2026-03-10T11:00:00.000Z", timeStatus: "UNRELIABLE", importRegisterKwh: register(ESME, "import", new Date("2026-03-10T11:00:00Z")) / 1000 });
  });
});
