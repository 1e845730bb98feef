// Payment mode, balances, prepayment configuration, debt, top-ups and emergency credit (device-ops.md §1.1, §3.2),
// the credit thresholds' alerts and disablement, and the prepayment reads (4.3, 4.13, 4.14, 4.18, 4.4.4, 4.4.5).
// Money in the state is in pence; DUIS carries it in 10⁻⁵ of the currency unit (GBCS's scaling), so 1,000 = 1p.
import { CODE } from "@/lib/duis/codes";
import { cotCutoff, deviceTime, stamp } from "../consumption";
import type { DeviceState } from "../state";
import type { AnswerData, AnswerValue, CommandHandler, DccEffect, EventHandler, RaisedAlert } from "../types";
import { changed, logged, refuse } from "./model";
import { answer, isGasMeter, isMeter, notAMeter, sendable, withConfig } from "./supply";
import { readPeriod } from "./reads";

/** DUIS money (10⁻⁵ GBP) to pence; NaN when absent or not a number. */
export const pence = (value: string | undefined) => (value === undefined || value.trim() === "" ? NaN : Number(value) / 1000);

type Payment = DeviceState["payment"];

/** Meter Balance plus Emergency Credit Balance: what the thresholds compare (device-ops.md A7). */
export const combinedCredit = (payment: Payment) => payment.meterBalance + payment.emergencyCreditBalance;

export function inNonDisablementPeriod(state: DeviceState, at: Date): boolean {
  const t = deviceTime(state, at).getTime();
  return state.payment.config.nonDisablement.some((p) => new Date(p.from).getTime() <= t && t < new Date(p.to).getTime());
}

/**
 * What a prepayment meter does after its credit changed from `before`: 0x810D when the combined credit falls below the
 * Low Credit Threshold; below the Disablement Threshold an enabled supply is disabled (0x8F0F), unless a
 * Non-Disablement period is active (0x8F83, stays enabled); credit back at or above the threshold arms a supply the
 * meter disabled for credit (the consumer then enables it).
 */
export function creditCheck(state: DeviceState, before: Payment, at: Date): { state: DeviceState; alerts: RaisedAlert[] } {
  if (state.payment.mode !== "PREPAYMENT") return { state, alerts: [] };
  const { lowCreditThreshold, disablementThreshold } = state.payment.config;
  const was = combinedCredit(before);
  const now = combinedCredit(state.payment);
  const alerts: RaisedAlert[] = [];
  let next = state;
  if (now < lowCreditThreshold && was >= lowCreditThreshold) alerts.push({ code: "810D", data: { creditPence: now } });
  if (now < disablementThreshold && state.supply.state === "ENABLED") {
    if (inNonDisablementPeriod(state, at)) {
      alerts.push({ code: "8F83", data: { creditPence: now } });
    } else {
      alerts.push({ code: "8F0F", data: { creditPence: now } });
      next = changed(next, {
        supply: { ...next.supply, state: "DISABLED", locked: false, disableCause: "PREPAY_CREDIT" },
        eventLog: logged(next, at, "8F0F", "Supply disabled: credit below the disablement threshold"),
      });
    }
  } else if (now >= disablementThreshold && state.supply.state === "DISABLED" && state.supply.disableCause === "PREPAY_CREDIT") {
    next = changed(next, {
      supply: { ...next.supply, state: "ARMED", disableCause: null },
      eventLog: logged(next, at, "SUPPLY", "Supply armed: credit restored"),
    });
  }
  return { state: next, alerts };
}

/** The day's closing prepayment values, for the Prepayment Daily Read Log (4.14). */
function withDailySnapshot(state: DeviceState, at: Date): DeviceState {
  const p = state.payment;
  const day = deviceTime(state, at).toISOString().slice(0, 10);
  const snapshot = { meterBalancePence: p.meterBalance, emergencyCreditBalancePence: p.emergencyCreditBalance, accumulatedDebtPence: accumulatedDebt(p) };
  return { ...state, config: withConfig(state, "4.14", { [day]: JSON.stringify(snapshot) }, 400) };
}

const accumulatedDebt = (p: Payment) => p.debt.timeDebt1 + p.debt.timeDebt2 + p.debt.paymentDebt;

/** A payment's effect on a balance change: the credit check, the daily snapshot. */
function afterBalanceChange(state: DeviceState, before: Payment, at: Date) {
  const checked = creditCheck(state, before, at);
  return { state: withDailySnapshot(checked.state, at), alerts: checked.alerts };
}

// ---- 1.5 Update Meter Balance ----------------------------------------------------------------------------------

const updateMeterBalance: CommandHandler = ({ device, state, params, at }) => {
  if (!isMeter(device)) return notAMeter(state, device);
  const mode = Object.keys(params).some((k) => k.startsWith("PrepaymentMode.")) ? "PREPAYMENT" : "CREDIT";
  // A gas meter has separate commands for each mode (GCS40a/b prepay, GCS40c/d credit); an ESME takes either.
  if (device.deviceType === "GSME" && mode !== state.payment.mode) {
    return refuse(CODE.DEVICE_STATE, `The meter is in ${state.payment.mode} mode; the command is for ${mode} mode.`, state);
  }
  const adjustKey = Object.keys(params).find((k) => k.endsWith("AdjustMeterBalance"));
  const adjustment = adjustKey ? pence(params[adjustKey]) : 0;
  if (Number.isNaN(adjustment)) return refuse(CODE.DEVICE_RANGE, "The adjustment is not a number.", state);
  const balance = adjustKey ? state.payment.meterBalance + adjustment : 0;
  if (state.payment.mode === "PREPAYMENT" && balance > state.payment.config.maximumMeterBalance) {
    return refuse(CODE.DEVICE_RANGE, "The balance would exceed the Maximum Meter Balance.", state);
  }
  const before = state.payment;
  const next = afterBalanceChange(changed(state, { payment: { ...before, meterBalance: balance } }), before, at);
  return answer(next.state, { meterBalancePence: balance, ...stamp(next.state, at) }, next.alerts);
};

// ---- 1.6 Update Payment Mode -----------------------------------------------------------------------------------

const updatePaymentMode: CommandHandler = ({ device, state, params, at }) => {
  if (!isMeter(device)) return notAMeter(state, device);
  const toPrepay = "Prepayment.DisablementThreshold" in params;
  const threshold = toPrepay ? pence(params["Prepayment.DisablementThreshold"]) : state.payment.config.disablementThreshold;
  if (Number.isNaN(threshold)) return refuse(CODE.DEVICE_RANGE, "The disablement threshold is not a number.", state);
  const payment: Payment = { ...state.payment, mode: toPrepay ? "PREPAYMENT" : "CREDIT", config: { ...state.payment.config, disablementThreshold: threshold } };
  let config = state.config;
  if (toPrepay) config = withConfig({ ...state, config }, "1.6", { suspendDebtDisabled: params["Prepayment.SuspendDebtDisabled"] ?? "false", suspendDebtEmergency: params["Prepayment.SuspendDebtEmergency"] ?? "false" });
  // A change of mode snapshots the billing data (Change of Mode triggered billing data log, 4.4.2).
  config = withConfig({ ...state, config }, "4.4.2", { [at.toISOString()]: "CHANGE_OF_MODE" });
  let next = changed(state, { payment, config });
  // Back in credit mode nothing holds the supply off for credit: it is armed for the consumer.
  if (!toPrepay && next.supply.state === "DISABLED" && next.supply.disableCause === "PREPAY_CREDIT") {
    next = { ...next, supply: { ...next.supply, state: "ARMED", disableCause: null }, eventLog: logged(next, at, "SUPPLY", "Supply armed: credit mode") };
  }
  const checked = creditCheck(next, state.payment, at);
  return answer(checked.state, { paymentMode: payment.mode, disablementThresholdPence: threshold }, checked.alerts);
};

// ---- 2.1 Update Prepay Configuration ---------------------------------------------------------------------------

/** The Non-Disablement Calendar's Special Days as whole-day periods over the next year (weekly schedules kept raw). */
function specialDays(params: Record<string, string>, at: Date): { from: string; to: string }[] {
  const periods: { from: string; to: string }[] = [];
  for (const key of Object.keys(params)) {
    const m = /^(.*SpecialDay(?:\[\d+\])?)\.Date\.(?:Gas)?Month(?:WithWildcards)?\.SpecifiedMonth$/.exec(key);
    if (!m) continue;
    const month = Number(params[key]);
    const day = Number(Object.entries(params).find(([k]) => k.startsWith(`${m[1]}.Date.`) && k.endsWith(".SpecifiedDayOfMonth"))?.[1]);
    const yearEntry = Object.entries(params).find(([k]) => k.startsWith(`${m[1]}.Date.`) && k.endsWith(".SpecifiedYear"));
    const years = yearEntry ? [Number(yearEntry[1])] : [at.getUTCFullYear(), at.getUTCFullYear() + 1];
    for (const year of years) {
      if (!month || !day) continue;
      const from = Date.UTC(year, month - 1, day);
      periods.push({ from: new Date(from).toISOString(), to: new Date(from + 86_400_000).toISOString() });
    }
  }
  return periods;
}

const updatePrepayConfiguration: CommandHandler = ({ device, state, params, at }) => {
  if (!isMeter(device)) return notAMeter(state, device);
  const prefix = device.deviceType === "GSME" ? "UpdatePrepayConfigGas." : "UpdatePrepayConfigElectricity.";
  if (!Object.keys(params).some((k) => k.startsWith(prefix))) {
    return refuse(CODE.DEVICE_UNSUPPORTED, `A ${device.deviceType} takes the ${prefix.slice(0, -1)} configuration.`, state);
  }
  const value = (name: string) => pence(params[prefix + name]);
  const items = {
    debtRecoveryRateCap: value("DebtRecoveryRateCap"),
    emergencyCreditLimit: value("EmergencyCreditLimit"),
    emergencyCreditThreshold: value("EmergencyCreditThreshold"),
    lowCreditThreshold: value("LowCreditThreshold"),
    maximumMeterBalance: value("MaxMeterBalance"),
    maximumCreditThreshold: value("MaxCreditThreshold"),
  };
  const bad = Object.entries(items).find(([, v]) => Number.isNaN(v) || v < 0);
  if (bad) return refuse(CODE.DEVICE_RANGE, `${bad[0]} must be a number of at least 0.`, state);
  const calendar = Object.fromEntries(Object.entries(params).filter(([k]) => k.includes("NonDisablementCalendar")));
  const payment: Payment = { ...state.payment, config: { ...state.payment.config, ...items, nonDisablement: specialDays(calendar, at) } };
  const next = changed(state, { payment, config: { ...state.config, "2.1": { ...calendar, appliedAt: at.toISOString() } } });
  const checked = creditCheck(next, state.payment, at);
  return answer(checked.state, { prepaymentConfiguration: prepayConfigAnswer(checked.state) }, checked.alerts);
};

function prepayConfigAnswer(state: DeviceState): AnswerData {
  const c = state.payment.config;
  return {
    debtRecoveryRateCapPence: c.debtRecoveryRateCap,
    emergencyCreditLimitPence: c.emergencyCreditLimit,
    emergencyCreditThresholdPence: c.emergencyCreditThreshold,
    lowCreditThresholdPence: c.lowCreditThreshold,
    disablementThresholdPence: c.disablementThreshold,
    maximumMeterBalancePence: c.maximumMeterBalance,
    maximumCreditThresholdPence: c.maximumCreditThreshold,
    nonDisablementPeriods: c.nonDisablement.map((p) => ({ from: p.from, to: p.to })),
  };
}

// ---- 2.2 Top Up Device, and a local top-up --------------------------------------------------------------------

/**
 * The simulator's UTRN layout (20 digits; the real PTUT encoding and its MAC are not modelled): digits 1-10 are the
 * Originator Counter, 11-16 stand for the authentication code (not checked), 17-20 are the value in pence (up to
 * £99.99). So the reference templates' UTRNs 7394614433 2040 21 7315 and 7395006788 7105 17 8605 top up £73.15 and
 * £86.05 with increasing counters.
 */
export function decodeUtrn(utrn: string): { counter: number; valuePence: number } | null {
  if (!/^\d{20}$/.test(utrn)) return null;
  return { counter: Number(utrn.slice(0, 10)), valuePence: Number(utrn.slice(16)) };
}

/** Why a top-up of `value` pence is refused (device-ops.md §3.2), or null. */
function topUpRefusal(state: DeviceState, value: number): string | null {
  const { maximumCreditThreshold, maximumMeterBalance } = state.payment.config;
  if (value <= 0) return "The top-up has no value.";
  if (value > maximumCreditThreshold) return `The top-up exceeds the Maximum Credit Threshold (${maximumCreditThreshold}p).`;
  if (state.payment.meterBalance + value > maximumMeterBalance) return `The balance would exceed the Maximum Meter Balance (${maximumMeterBalance}p).`;
  return null;
}

/** Credit a top-up: the Debt Recovery per Payment share (basis points) pays the payment debt first. */
function credit(state: DeviceState, value: number, source: "REMOTE" | "LOCAL", at: Date, counter?: number) {
  const before = state.payment;
  const recovered = Math.min(before.debt.paymentDebt, Math.floor((value * before.debt.debtRecoveryPerPayment) / 10_000));
  const payment: Payment = {
    ...before,
    meterBalance: before.meterBalance + value - recovered,
    debt: { ...before.debt, paymentDebt: before.debt.paymentDebt - recovered },
    utrnCounter: counter ?? before.utrnCounter,
  };
  const key = at.toISOString();
  let config = withConfig(state, "4.4.5", { [key]: JSON.stringify({ valuePence: value, source }) });
  if (recovered) config = withConfig({ ...state, config }, "4.4.4", { [key]: JSON.stringify({ debtPaymentPence: recovered, paymentDebtPence: payment.debt.paymentDebt }) });
  return afterBalanceChange(changed(state, { payment, config }), before, at);
}

const topUp: CommandHandler = ({ device, state, params, at }) => {
  if (!isMeter(device)) return notAMeter(state, device);
  const utrn = decodeUtrn(params.UTRN ?? "");
  if (!utrn) return refuse(CODE.DEVICE_RANGE, "The UTRN must be 20 digits.", state);
  // Anti-replay: each originator's counter must exceed the highest accepted (device-ops.md §3.2).
  if (utrn.counter <= state.payment.utrnCounter) return refuse(CODE.DEVICE_AUTH, "The UTRN's originator counter was already used.", state);
  const refusal = topUpRefusal(state, utrn.valuePence);
  if (refusal) return refuse(CODE.DEVICE_RANGE, refusal, state);
  const next = credit(state, utrn.valuePence, "REMOTE", at, utrn.counter);
  return answer(next.state, { topUpPence: utrn.valuePence, meterBalancePence: next.state.payment.meterBalance, ...stamp(next.state, at) }, next.alerts);
};

/**
 * The DCC Alert carrying a local top-up's CS01a/b Response to the Supplier. DUIS publishes no code for it
 * (device-ops.md A14); the product uses N46, one the schema enumerates without a public meaning.
 */
export const LOCAL_TOP_UP_DCC_ALERT = "N46";

/** The consumer enters a UTRN at the meter or PPMID (the event's `amount`, pence): 0x810E and the CS01 result. */
const localTopUp: EventHandler = ({ device, state, event, at }) => {
  if (!isMeter(device)) return { state };
  const value = event.type === "inject" ? (event.amount ?? 0) : 0;
  const refusal = topUpRefusal(state, value);
  const cs01: AnswerData = refusal ? { result: "FAILURE", reason: refusal, valuePence: value } : { result: "SUCCESS", valuePence: value };
  const effects: DccEffect[] = [{ type: "dcc-alert", code: LOCAL_TOP_UP_DCC_ALERT, deviceId: device.id, to: ["SUPPLIER"], data: { cs01Response: cs01 } }];
  if (refusal) return { state, effects };
  const next = credit(state, value, "LOCAL", at);
  const alerts = sendable(next.state, [{ code: "810E", data: { lastUpdate: at.toISOString(), meterBalancePence: next.state.payment.meterBalance } }, ...next.alerts]);
  return { state: next.state, effects, ...(alerts.length ? { alerts } : {}) };
};

// ---- 2.3 Update Debt, 2.5 Activate Emergency Credit ------------------------------------------------------------

const updateDebt: CommandHandler = ({ device, state, params, at }) => {
  if (!isMeter(device)) return notAMeter(state, device);
  const timeDebt1 = pence(params.TimeDebtRegister1);
  const timeDebt2 = pence(params.TimeDebtRegister2);
  const paymentDebt = pence(params.PaymentDebtRegister);
  const perPayment = Number(params.DebtRecoveryPerPayment);
  if ([timeDebt1, timeDebt2, paymentDebt].some(Number.isNaN)) return refuse(CODE.DEVICE_RANGE, "Each debt register must be a number.", state);
  if (!Number.isInteger(perPayment) || perPayment < 0 || perPayment > 10_000) return refuse(CODE.DEVICE_RANGE, "Debt Recovery per Payment must be 0-10000.", state);
  const rates = Object.fromEntries(Object.entries(params).filter(([k]) => /DebtRecovery[12]\./.test(k)));
  const next = changed(state, {
    payment: { ...state.payment, debt: { timeDebt1, timeDebt2, paymentDebt, debtRecoveryPerPayment: perPayment } },
    config: { ...state.config, "2.3": { ...rates, appliedAt: at.toISOString() } },
  });
  return answer(withDailySnapshot(next, at), { timeDebt1Pence: timeDebt1, timeDebt2Pence: timeDebt2, paymentDebtPence: paymentDebt, debtRecoveryPerPayment: perPayment });
};

const activateEmergencyCredit: CommandHandler = ({ device, state, at }) => {
  if (!isMeter(device)) return notAMeter(state, device);
  const p = state.payment;
  if (p.mode !== "PREPAYMENT") return refuse(CODE.DEVICE_STATE, "Emergency Credit exists only in prepayment mode.", state);
  if (p.emergencyCreditActive) return answer(state, { emergencyCreditActive: true, emergencyCreditBalancePence: p.emergencyCreditBalance });
  if (p.meterBalance >= p.config.emergencyCreditThreshold) {
    return refuse(CODE.DEVICE_STATE, "The balance is not below the Emergency Credit Threshold.", state);
  }
  const next = afterBalanceChange(
    changed(state, { payment: { ...p, emergencyCreditActive: true, emergencyCreditBalance: p.config.emergencyCreditLimit }, eventLog: logged(state, at, "EC", "Emergency Credit activated (2.5)") }),
    p,
    at,
  );
  return answer(next.state, { emergencyCreditActive: true, emergencyCreditBalancePence: p.config.emergencyCreditLimit }, next.alerts);
};

// ---- Consumption ----------------------------------------------------------------------------------------------

/**
 * The consumer uses `amount` pence of energy. Prepayment spends the Meter Balance, then Emergency Credit if active
 * (the balance may go below zero once both are gone); a credit meter's balance just goes down.
 */
const consumption: EventHandler = ({ device, state, event, at }) => {
  if (!isMeter(device)) return { state };
  const amount = event.type === "inject" ? (event.amount ?? 0) : 0;
  if (amount <= 0) return { state };
  const before = state.payment;
  let meterBalance = before.meterBalance - amount;
  let emergencyCreditBalance = before.emergencyCreditBalance;
  if (before.mode === "PREPAYMENT" && meterBalance < 0 && before.emergencyCreditActive) {
    const used = Math.min(emergencyCreditBalance, -meterBalance);
    emergencyCreditBalance -= used;
    meterBalance += used;
  }
  const next = afterBalanceChange(changed(state, { payment: { ...before, meterBalance, emergencyCreditBalance } }), before, at);
  const alerts = sendable(next.state, next.alerts);
  return { state: next.state, ...(alerts.length ? { alerts } : {}) };
};

// ---- Reads -----------------------------------------------------------------------------------------------------

function balances(state: DeviceState): AnswerData {
  const p = state.payment;
  return {
    paymentMode: p.mode,
    meterBalancePence: p.meterBalance,
    emergencyCreditBalancePence: p.emergencyCreditBalance,
    emergencyCreditActive: p.emergencyCreditActive,
  };
}

const readPrepayValues: CommandHandler = ({ device, state, at }) => {
  if (!isMeter(device) && !isGasMeter(device)) return notAMeter(state, device);
  const p = state.payment;
  return answer(state, {
    ...balances(state),
    timeDebt1Pence: p.debt.timeDebt1,
    timeDebt2Pence: p.debt.timeDebt2,
    paymentDebtPence: p.debt.paymentDebt,
    accumulatedDebtPence: accumulatedDebt(p),
    debtRecoveryPerPayment: p.debt.debtRecoveryPerPayment,
    ...stamp(state, at),
  });
};

const readMeterBalance: CommandHandler = ({ device, state, at }) => {
  if (!isMeter(device) && !isGasMeter(device)) return notAMeter(state, device);
  return answer(state, { ...balances(state), ...stamp(state, at) });
};

const readPrepaymentConfiguration: CommandHandler = ({ device, state, at }) => {
  if (!isMeter(device) && !isGasMeter(device)) return notAMeter(state, device);
  return answer(state, { ...prepayConfigAnswer(state), paymentMode: state.payment.mode, ...stamp(state, at) });
};

/** A log kept in `state.config[srv]` by ISO time (or date), within the read period and after any CoT restriction. */
function logRead(srv: string, name: string): CommandHandler {
  return ({ device, state, params, at }) => {
    if (!isMeter(device) && !isGasMeter(device)) return notAMeter(state, device);
    const period = readPeriod(params, state, at);
    if ("refusal" in period) return refuse(CODE.DEVICE_RANGE, period.refusal, state);
    const cutoff = cotCutoff(state, at);
    const entries: AnswerValue[] = Object.entries(state.config[srv] ?? {})
      .filter(([key]) => {
        const t = new Date(key).getTime();
        return t >= period.from.getTime() && t <= period.to.getTime() && (!cutoff || t >= cutoff.getTime());
      })
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => ({ at: key, ...(JSON.parse(value) as Record<string, AnswerValue>) }));
    return answer(state, { [name]: entries, ...stamp(state, at) });
  };
}

export const PREPAY_COMMANDS: Record<string, CommandHandler> = {
  "1.5": updateMeterBalance,
  "1.6": updatePaymentMode,
  "2.1": updatePrepayConfiguration,
  "2.2": topUp,
  "2.3": updateDebt,
  "2.5": activateEmergencyCredit,
  "4.3": readPrepayValues,
  "4.4.4": logRead("4.4.4", "debtPayments"),
  "4.4.5": logRead("4.4.5", "prepaymentCredits"),
  "4.13": readPrepaymentConfiguration,
  "4.14": logRead("4.14", "prepaymentDailyReads"),
  "4.18": readMeterBalance,
};

export const PREPAY_EVENTS: Record<string, EventHandler> = {
  consumption,
  "local-top-up": localTopUp,
};
