import { describe, expect, it } from "vitest";
import { CODE } from "@/lib/duis/codes";
import { initialState, type DeviceState } from "../state";
import type { SimDevice } from "../types";
import { LOCAL_TOP_UP_DCC_ALERT, decodeUtrn } from "./prepay";
import { ESME, GSME, METER_AT as AT, codes, inject, run } from "./testing";


/** A prepayment meter with the balance and configuration given (pence). */
function prepay(dev: SimDevice, meterBalance: number, config: Partial<DeviceState["payment"]["config"]> = {}): DeviceState {
  const s = initialState(dev, AT);
  return { ...s, payment: { ...s.payment, mode: "PREPAYMENT", meterBalance, config: { ...s.payment.config, ...config } } };
}
/** A UTRN in the simulator's layout: counter (10 digits), 6 unchecked digits, value in pence (4 digits). */
const utrn = (counter: number, pence: number) => `${String(counter).padStart(10, "0")}123456${String(pence).padStart(4, "0")}`;

describe("2.2 Top Up Device and local top-ups (device-ops.md §3.2)", () => {
  it("reads the counter and value from the UTRN", () => {
    expect(decodeUtrn("73946144332040217315")).toEqual({ counter: 7394614433, valuePence: 7315 });
    expect(decodeUtrn("1234")).toBeNull();
  });

  it("adds the top-up and keeps the counter", () => {
    const out = run("2.2", GSME, prepay(GSME, 1000), { UTRN: utrn(5, 2000) });
    expect(out.code).toBe(CODE.I0);
    expect(out.state.payment).toMatchObject({ meterBalance: 3000, utrnCounter: 5 });
    expect(out.data).toMatchObject({ topUpPence: 2000, meterBalancePence: 3000, timeStatus: "RELIABLE" });
  });

  it("refuses a UTRN whose originator counter was already used, balance unchanged (scenario 11)", () => {
    const first = run("2.2", GSME, prepay(GSME, 1000), { UTRN: utrn(5, 2000) }).state;
    for (const counter of [5, 4]) {
      const out = run("2.2", GSME, first, { UTRN: utrn(counter, 100) });
      expect(out.code).toBe(CODE.DEVICE_AUTH);
      expect(out.state).toBe(first);
    }
  });

  it("refuses a top-up over the maximum credit, or taking the balance over the maximum (scenario 12)", () => {
    const over = run("2.2", ESME, prepay(ESME, 0, { maximumCreditThreshold: 1000 }), { UTRN: utrn(1, 1001) });
    expect(over.code).toBe(CODE.DEVICE_RANGE);
    const state = prepay(ESME, 240, { maximumMeterBalance: 250 });
    const sr = run("2.2", ESME, state, { UTRN: utrn(1, 20) });
    expect(sr.code).toBe(CODE.DEVICE_RANGE);
    expect(sr.state).toBe(state);
    const local = inject("local-top-up", ESME, state, { amount: 20 });
    expect(local.state).toBe(state);
    expect(local.effects).toEqual([expect.objectContaining({ type: "dcc-alert", code: LOCAL_TOP_UP_DCC_ALERT, data: { cs01Response: expect.objectContaining({ result: "FAILURE" }) } })]);
    const ok = inject("local-top-up", ESME, state, { amount: 5 });
    expect(ok.state.payment.meterBalance).toBe(245);
    expect(codes(ok)).toEqual(["810E"]);
    expect(ok.effects).toEqual([{ type: "dcc-alert", code: LOCAL_TOP_UP_DCC_ALERT, deviceId: ESME.id, to: ["SUPPLIER"], data: { cs01Response: { result: "SUCCESS", valuePence: 5 } } }]);
  });

  it("recovers payment debt from a top-up and logs both (4.4.4, 4.4.5)", () => {
    const s = prepay(ESME, 0);
    const state = { ...s, payment: { ...s.payment, debt: { ...s.payment.debt, paymentDebt: 300, debtRecoveryPerPayment: 2500 } } };
    const out = run("2.2", ESME, state, { UTRN: utrn(9, 1000) });
    expect(out.state.payment.meterBalance).toBe(750);
    expect(out.state.payment.debt.paymentDebt).toBe(50);
    const period = { "ReadLogPeriod.StartDateTime": "2026-03-10T00:00:00Z", "ReadLogPeriod.EndDateTime": "2026-03-11T00:00:00Z" };
    expect(run("4.4.5", ESME, out.state, period).data.prepaymentCredits).toEqual([{ at: AT.toISOString(), valuePence: 1000, source: "REMOTE" }]);
    expect(run("4.4.4", ESME, out.state, period).data.debtPayments).toEqual([{ at: AT.toISOString(), debtPaymentPence: 250, paymentDebtPence: 50 }]);
  });

  it("a top-up restoring credit arms a supply disabled for credit", () => {
    const s = prepay(ESME, -50, { disablementThreshold: 0 });
    const state = { ...s, supply: { ...s.supply, state: "DISABLED" as const, disableCause: "PREPAY_CREDIT" as const } };
    expect(run("2.2", ESME, state, { UTRN: utrn(1, 500) }).state.supply).toMatchObject({ state: "ARMED", disableCause: null });
  });
});

describe("consumption on a prepayment meter", () => {
  it("below the disablement threshold disables the supply with 0x8F0F (scenario 9)", () => {
    const out = inject("consumption", ESME, prepay(ESME, 600, { lowCreditThreshold: 500, disablementThreshold: 0 }), { amount: 700 });
    expect(out.state.payment.meterBalance).toBe(-100);
    expect(out.state.supply).toMatchObject({ state: "DISABLED", disableCause: "PREPAY_CREDIT" });
    expect(codes(out)).toEqual(["810D", "8F0F"]);
    // Arm is refused while disabled for credit.
    expect(run("7.3", ESME, out.state).code).toBe(CODE.DEVICE_STATE);
  });

  it("inside a Non-Disablement period stays enabled and sends 0x8F83 (scenario 10)", () => {
    const state = prepay(ESME, 100, { lowCreditThreshold: 50, nonDisablement: [{ from: "2026-03-10T00:00:00Z", to: "2026-03-11T00:00:00Z" }] });
    const out = inject("consumption", ESME, state, { amount: 200 });
    expect(out.state.supply.state).toBe("ENABLED");
    expect(codes(out)).toEqual(["810D", "8F83"]);
  });

  it("warns of low credit once, and not when the Supplier switched 0x810D off", () => {
    const state = prepay(ESME, 1000, { lowCreditThreshold: 500 });
    const first = inject("consumption", ESME, state, { amount: 600 });
    expect(codes(first)).toEqual(["810D"]);
    expect(codes(inject("consumption", ESME, first.state, { amount: 10 }))).toEqual([]);
    expect(codes(inject("consumption", ESME, { ...state, alertsDisabled: ["810D"] }, { amount: 600 }))).toEqual([]);
  });

  it("2.5 activates Emergency Credit below its threshold, and consumption then uses it", () => {
    const state = prepay(ESME, 100, { emergencyCreditThreshold: 200, emergencyCreditLimit: 1000, lowCreditThreshold: 0 });
    expect(run("2.5", ESME, prepay(ESME, 300, { emergencyCreditThreshold: 200 })).code).toBe(CODE.DEVICE_STATE);
    const ec = run("2.5", ESME, state);
    expect(ec.state.payment).toMatchObject({ emergencyCreditActive: true, emergencyCreditBalance: 1000 });
    const used = inject("consumption", ESME, ec.state, { amount: 400 });
    expect(used.state.payment).toMatchObject({ meterBalance: 0, emergencyCreditBalance: 700 });
    expect(used.state.supply.state).toBe("ENABLED");
    expect(run("2.5", ESME, initialState({ ...ESME, id: "00-11-22-33-44-55-66-07" }, AT)).code).toBe(CODE.DEVICE_STATE);
  });
});

describe("balance, mode, configuration and debt", () => {
  it("1.5 adjusts (DUIS money is 10⁻⁵ GBP) or resets the balance", () => {
    const state = prepay(ESME, 1000);
    expect(run("1.5", ESME, state, { "PrepaymentMode.AdjustMeterBalance": "1200000" }).state.payment.meterBalance).toBe(2200);
    expect(run("1.5", ESME, state, { "CreditMode.ResetMeterBalance": "" }).state.payment.meterBalance).toBe(0);
    expect(run("1.5", ESME, state, { "PrepaymentMode.AdjustMeterBalance": "99000000" }).code).toBe(CODE.DEVICE_RANGE);
  });

  it("1.5 on a gas meter must use its mode's command", () => {
    const credit = initialState(GSME, AT);
    const gasCredit = { ...credit, payment: { ...credit.payment, mode: "CREDIT" as const } };
    expect(run("1.5", GSME, gasCredit, { "PrepaymentMode.AdjustMeterBalance": "23130" }).code).toBe(CODE.DEVICE_STATE);
    expect(run("1.5", GSME, gasCredit, { "CreditMode.AdjustMeterBalance": "5000000" }).state.payment.meterBalance).toBe(gasCredit.payment.meterBalance + 5000);
  });

  it("1.6 switches to prepayment with its disablement threshold, and back to credit (re-arming a credit disablement)", () => {
    const credit = { ...initialState(ESME, AT), payment: { ...initialState(ESME, AT).payment, mode: "CREDIT" as const, meterBalance: 1000 } };
    const toPrepay = run("1.6", ESME, credit, { "Prepayment.SuspendDebtDisabled": "true", "Prepayment.SuspendDebtEmergency": "false", "Prepayment.DisablementThreshold": "100000" });
    expect(toPrepay.state.payment).toMatchObject({ mode: "PREPAYMENT", config: expect.objectContaining({ disablementThreshold: 100 }) });
    expect(Object.values(toPrepay.state.config["4.4.2"])).toEqual(["CHANGE_OF_MODE"]);
    const s = prepay(ESME, -10);
    const disabled = { ...s, supply: { ...s.supply, state: "DISABLED" as const, disableCause: "PREPAY_CREDIT" as const } };
    const back = run("1.6", ESME, disabled, { Credit: "" });
    expect(back.state.payment.mode).toBe("CREDIT");
    expect(back.state.supply.state).toBe("ARMED");
  });

  it("2.1 sets the prepay configuration of the meter's fuel; the other fuel's body is E53", () => {
    const params = {
      "UpdatePrepayConfigElectricity.DebtRecoveryRateCap": "30000",
      "UpdatePrepayConfigElectricity.EmergencyCreditLimit": "300000",
      "UpdatePrepayConfigElectricity.EmergencyCreditThreshold": "100000",
      "UpdatePrepayConfigElectricity.LowCreditThreshold": "200000",
      "UpdatePrepayConfigElectricity.ElectricityNonDisablementCalendar.ElectricitySpecialDays.SpecialDay.Date.Year.NonSpecifiedYear": "",
      "UpdatePrepayConfigElectricity.ElectricityNonDisablementCalendar.ElectricitySpecialDays.SpecialDay.Date.Month.SpecifiedMonth": "12",
      "UpdatePrepayConfigElectricity.ElectricityNonDisablementCalendar.ElectricitySpecialDays.SpecialDay.Date.DayOfMonth.SpecifiedDayOfMonth": "25",
      "UpdatePrepayConfigElectricity.MaxMeterBalance": "50000000",
      "UpdatePrepayConfigElectricity.MaxCreditThreshold": "20000000",
    };
    const out = run("2.1", ESME, prepay(ESME, 1000), params);
    expect(out.code).toBe(CODE.I0);
    expect(out.state.payment.config).toMatchObject({ debtRecoveryRateCap: 30, emergencyCreditLimit: 300, lowCreditThreshold: 200, maximumMeterBalance: 50_000, maximumCreditThreshold: 20_000 });
    expect(out.state.payment.config.nonDisablement).toContainEqual({ from: "2026-12-25T00:00:00.000Z", to: "2026-12-26T00:00:00.000Z" });
    expect(run("4.13", ESME, out.state).data).toMatchObject({ lowCreditThresholdPence: 200, maximumMeterBalancePence: 50_000 });
    expect(run("2.1", GSME, prepay(GSME, 1000), params).code).toBe(CODE.DEVICE_UNSUPPORTED);
  });

  it("2.3 sets the debt registers, read back by 4.3", () => {
    const out = run("2.3", ESME, prepay(ESME, 1000), { TimeDebtRegister1: "30000", TimeDebtRegister2: "15000", PaymentDebtRegister: "50000", DebtRecoveryPerPayment: "1000", "ElecDebtRecovery1.DebtRecoveryRate": "3" });
    expect(out.state.payment.debt).toEqual({ timeDebt1: 30, timeDebt2: 15, paymentDebt: 50, debtRecoveryPerPayment: 1000 });
    expect(run("4.3", ESME, out.state).data).toMatchObject({ accumulatedDebtPence: 95, meterBalancePence: 1000, paymentMode: "PREPAYMENT", timeStatus: "RELIABLE" });
    expect(run("2.3", ESME, prepay(ESME, 0), { TimeDebtRegister1: "1", TimeDebtRegister2: "1", PaymentDebtRegister: "1", DebtRecoveryPerPayment: "10001" }).code).toBe(CODE.DEVICE_RANGE);
  });

  it("4.18 reads the balances; 4.14 gives the daily closing values, withholding those before a CoT restriction", () => {
    expect(run("4.18", GSME, prepay(GSME, 1234)).data).toMatchObject({ meterBalancePence: 1234, emergencyCreditBalancePence: 0, meterTime: AT.toISOString() });
    const day1 = inject("consumption", ESME, prepay(ESME, 5000), { amount: 100 }, new Date("2026-03-08T10:00:00Z")).state;
    const day2 = inject("consumption", ESME, day1, { amount: 100 }, new Date("2026-03-09T10:00:00Z")).state;
    const period = { "ReadLogPeriod.StartDateTime": "2026-03-01T00:00:00Z", "ReadLogPeriod.EndDateTime": "2026-03-10T00:00:00Z" };
    expect(run("4.14", ESME, day2, period).data.prepaymentDailyReads).toEqual([
      { at: "2026-03-08", meterBalancePence: 4900, emergencyCreditBalancePence: 0, accumulatedDebtPence: 0 },
      { at: "2026-03-09", meterBalancePence: 4800, emergencyCreditBalancePence: 0, accumulatedDebtPence: 0 },
    ]);
    const restricted = { ...day2, cotRestrictionAt: "2026-03-09T00:00:00.000Z" };
    expect(run("4.14", ESME, restricted, period).data.prepaymentDailyReads).toHaveLength(1);
  });
});
