import { describe, expect, it } from "vitest";
import { CODE } from "@/lib/duis/codes";
import { CORPUS_NOTE, hasDuisCorpus, readCorpusFile } from "@/lib/duis/testing/corpus";
import { requestParams } from "../params";
import { initialState } from "../state";
import type { SimDevice } from "../types";
import { ESME, GSME, METER_AT as AT, run } from "./testing";

const TWIN: SimDevice = { ...ESME, id: "00-11-22-33-44-55-66-03", esmeVariant: "TWIN_ELEMENT" };

/** An electricity tariff body with `rules` scheduled switches in one day profile, three TOU prices at scale -5. */
function tariffBody(rules: number): Record<string, string> {
  const params: Record<string, string> = {};
  for (let i = 0; i < rules; i++) {
    const key = `ElecTariffElements.SwitchingTable.DayProfiles.DayProfile.ProfileSchedule${i ? `[${i}]` : ""}`;
    params[`${key}.StartTime`] = "00:00:00.00Z";
    params[`${key}.TOUTariffAction`] = "1";
  }
  return {
    ...params,
    "PriceElements.ElectricityPriceElements.StandingCharge": "20000",
    "PriceElements.ElectricityPriceElements.StandingChargeScale": "-5",
    "PriceElements.ElectricityPriceElements.PriceScale": "-5",
    "PriceElements.ElectricityPriceElements.TOUTariff.TOUPrice": "2121",
    "PriceElements.ElectricityPriceElements.TOUTariff.TOUPrice[1]": "3127",
    "PriceElements.ElectricityPriceElements.TOUTariff.TOUPrice[2]": "4744",
  };
}

describe("tariffs (device-ops.md §3.3)", () => {
  it("1.1.1 writes the primary tariff (prices in pence per kWh), read back by 4.11.1", () => {
    const out = run("1.1.1", ESME, initialState(ESME, AT), tariffBody(4));
    expect(out.code).toBe(CODE.I0);
    expect(out.state.tariff.primary).toMatchObject({ touPrices: [2.121, 3.127, 4.744], standingCharge: 20, switchingRules: 4 });
    expect(out.state.tariff.activatedAt).toBe(AT.toISOString());
    expect(run("4.11.1", ESME, out.state).data).toMatchObject({ tariff: { touPricesPencePerKwh: [2.121, 3.127, 4.744], standingChargePencePerDay: 20 }, timeStatus: "RELIABLE" });
  });

  it("1.1.1 refuses more than 200 switching rules (E51), state unchanged", () => {
    const state = initialState(ESME, AT);
    expect(run("1.1.1", ESME, state, tariffBody(200)).code).toBe(CODE.I0);
    const out = run("1.1.1", ESME, state, tariffBody(201));
    expect(out.code).toBe(CODE.DEVICE_RANGE);
    expect(out.state).toBe(state);
  });

  it("1.1.2, 1.2.2 and 4.11.2 need a twin-element ESME (E53 otherwise)", () => {
    const body = { "PriceElements.PriceScale": "-5", "PriceElements.ElectricityPriceElement": "10100", "PriceElements.ElectricityPriceElement[1]": "12300" };
    for (const srv of ["1.1.2", "1.2.2", "4.11.2"]) expect(run(srv, ESME, initialState(ESME, AT), body).code).toBe(CODE.DEVICE_UNSUPPORTED);
    const out = run("1.2.2", TWIN, initialState(TWIN, AT), body);
    expect(out.state.tariff.secondary?.touPrices).toEqual([10.1, 12.3]);
    expect(run("4.11.2", TWIN, out.state).data).toMatchObject({ secondaryTariff: { touPricesPencePerKwh: [10.1, 12.3] } });
  });

  it("1.2.1 changes prices only; a gas price without a scale is in 10⁻⁵ GBP", () => {
    const out = run("1.2.1", GSME, initialState(GSME, AT), { "PriceElements.GasPriceElements.StandingCharge": "22465", "PriceElements.GasPriceElements.TOUTariff.TOUPrice": "9600" });
    expect(out.state.tariff.primary).toMatchObject({ touPrices: [9.6], standingCharge: 22.465, switchingRules: 1 });
    expect(Object.values(out.state.config["4.4.2"])).toEqual(["TARIFF_CHANGE"]);
  });

  it("1.7 resets the block counters: consumption counts from the reset (4.1.3); a GSME answers E53", () => {
    const blocks = run("1.1.1", ESME, initialState(ESME, AT), { ...tariffBody(1), "ElecTariffElements.ThresholdMatrix.Thresholds.BlockThreshold": "10000", "ElecTariffElements.ThresholdMatrix.Thresholds.BlockThreshold[1]": "4294967295" }).state;
    expect(blocks.tariff.primary.blockThresholds).toEqual([10]);
    const before = run("4.1.3", ESME, blocks).data.blockCountersKwh as number[];
    const reset = run("1.7", ESME, blocks, {}, new Date("2026-03-10T11:00:00Z"));
    const after = run("4.1.3", ESME, reset.state).data.blockCountersKwh as number[];
    expect(after.reduce((a, b) => a + b, 0)).toBeLessThan(before.reduce((a, b) => a + b, 0));
    expect(after.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(run("1.7", GSME, initialState(GSME, AT)).code).toBe(CODE.DEVICE_UNSUPPORTED);
  });

  it("4.1.2 gives one TOU register per price, each growing; 4.1.4 is for gas", () => {
    const state = run("1.1.1", ESME, initialState(ESME, AT), tariffBody(2)).state;
    const a = run("4.1.2", ESME, state).data.touRegistersKwh as number[];
    const b = run("4.1.2", ESME, state, {}, new Date("2026-03-11T12:00:00Z")).data.touRegistersKwh as number[];
    expect(a).toHaveLength(3);
    b.forEach((v, i) => expect(v).toBeGreaterThan(a[i]));
    expect(run("4.1.4", ESME, state).code).toBe(CODE.DEVICE_UNSUPPORTED);
    expect((run("4.1.4", GSME, initialState(GSME, AT)).data.blockCountersM3 as number[])).toHaveLength(4);
  });
});

describe.skipIf(!hasDuisCorpus)(`tariff templates ${CORPUS_NOTE}`, () => {
  const body = (file: string) => requestParams(readCorpusFile("templates", file));

  it("applies the reference 1.1.1 TOU and block bodies and the gas TOU body", () => {
    const tou = run("1.1.1", ESME, initialState(ESME, AT), body("ECS01a_1.1.1_IMMEDIATE_TOU_SUCCESS_REQUEST_DUIS.XML"));
    expect(tou.code).toBe(CODE.I0);
    expect(tou.state.tariff.primary.touPrices).toEqual([2.121, 3.127, 4.744]);
    const block = run("1.1.1", ESME, initialState(ESME, AT), body("ECS01a_1.1.1_IMMEDIATE_BLOCK_SUCCESS_REQUEST_DUIS.XML"));
    expect(block.state.tariff.primary).toMatchObject({ blockPrices: [1.361, 2.289, 5.566], blockThresholds: [10, 20] });
    const gas = run("1.1.1", GSME, initialState(GSME, AT), body("GCS01a_1.1.1_IMMEDIATE_TOU_SUCCESS_REQUEST_DUIS.XML"));
    expect(gas.state.tariff.primary.touPrices).toEqual([9.6, 10.2, 10.75, 11]);
    expect(run("1.1.2", TWIN, initialState(TWIN, AT), body("ECS01c_1.1.2_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML")).code).toBe(CODE.I0);
  });
});
