// A simulated Device's state (device-ops.md §3), stored as JSON in SimDeviceState and created on first contact from
// the device's identity alone, so the same device always starts the same way. Consumption (registers, profiles, daily
// logs) is not stored: it is a function of the device and time (lib/simulator/consumption.ts).
import type { DeviceType } from "@/generated/prisma/enums";
import type { SimDevice } from "./types";

export type SupplyState = "ENABLED" | "DISABLED" | "ARMED";
export type DisableCause = "COMMAND" | "TAMPER" | "GAS_POWER_LOSS" | "PREPAY_CREDIT" | "LOAD_LIMIT" | "UNCONTROLLED_FLOW";
export type PaymentMode = "CREDIT" | "PREPAYMENT";
export type TimeStatus = "RELIABLE" | "UNRELIABLE";
/** Trust anchor cells of device-ops.md §3.5. */
export type TrustAnchorCell = "ROOT" | "RECOVERY" | "SUP_DS" | "SUP_KA" | "SUP_PPKA" | "NO_DS" | "NO_KA" | "ACB_DS" | "ACB_KA" | "TCOS_DS" | "WAN_DS";

export interface HanLogEntry {
  deviceId: string;
  /** The device's type as the log records it (CCS01 carries it). */
  deviceType: DeviceType | null;
  addedAt: string;
  lastCommunicatedAt: string | null;
}

export interface DeviceState {
  /** Bumped by each change the simulator makes: the state's own version, for the inspector. */
  changes: number;
  /** Supply (ESME, GSME). */
  supply: { state: SupplyState; locked: boolean; disableCause: DisableCause | null; tamperState: "LOCKED" | "UNCHANGED"; depletionState: "LOCKED" | "UNCHANGED" };
  /** Payment and credit, in pence (ESME, GSME). */
  payment: {
    mode: PaymentMode;
    meterBalance: number;
    emergencyCreditBalance: number;
    emergencyCreditActive: boolean;
    config: {
      lowCreditThreshold: number;
      disablementThreshold: number;
      emergencyCreditLimit: number;
      emergencyCreditThreshold: number;
      maximumMeterBalance: number;
      maximumCreditThreshold: number;
      debtRecoveryRateCap: number;
      /** Non-Disablement Calendar periods (ISO start/end). */
      nonDisablement: { from: string; to: string }[];
    };
    debt: { timeDebt1: number; timeDebt2: number; paymentDebt: number; debtRecoveryPerPayment: number };
    /** The highest UTRN Originator Counter accepted (anti-replay, device-ops.md §3.2). */
    utrnCounter: number;
    privacyPinSet: boolean;
  };
  /** Tariff and prices (ESME, GSME): primary and, on a twin-element ESME, secondary. Prices in pence per kWh. */
  tariff: {
    primary: { touPrices: number[]; blockPrices: number[]; blockThresholds: number[]; standingCharge: number; switchingRules: number };
    secondary: { touPrices: number[]; standingCharge: number } | null;
    blockCounters: number[];
    activatedAt: string | null;
  };
  firmware: {
    version: string;
    /** An image received by 11.1 and held for activation. */
    pendingImage: { hash: string; version: string; receivedAt: string } | null;
    /** A future-dated CS06. */
    scheduledActivation: { hash: string; executeAt: string; requestId: string } | null;
  };
  /** Organisation certificates in the trust anchor cells: the serial and the party's EUI-64 (who "the supplier" is). */
  trustAnchors: Partial<Record<TrustAnchorCell, { serial: string; partyEui: string }>>;
  /** Device certificates issued (6.15.2): at most 99 before the 100th is refused. */
  deviceCertificates: number;
  /** The HAN device log (CHF whitelist, meter and GPF logs). */
  hanLog: HanLogEntry[];
  clock: { offsetSeconds: number; status: TimeStatus; lastSyncAt: string | null };
  billingCalendar: { start: string; periodicity: "DAILY" | "WEEKLY" | "MONTHLY" | "QUARTERLY" | "SIX_MONTHLY" | "YEARLY" } | null;
  /** Alert codes switched off (6.22); Critical alerts cannot be. */
  alertsDisabled: string[];
  display: { supplierName: string | null; supplierPhone: string | null; lastMessage: string | null; importMpxn: string | null; exportMpxn: string | null };
  /** Change of Tenancy restriction (3.2): data before it is withheld. */
  cotRestrictionAt: string | null;
  /** Configuration items set by 6.x not modelled separately, by SRV then item (read back by the matching read). */
  config: Record<string, Record<string, string>>;
  /** Load limiting (ESME, 6.4.1): threshold in W, period in s, and events counted (4.15). */
  loadLimit: { thresholdW: number; periodSeconds: number; restorationSeconds: number; counter: number };
  /** CH only: mains power lost since (AD1 after 3 minutes). */
  powerLostAt: string | null;
  /** CH only: first authenticated WAN contact made. */
  wanConnected: boolean;
  /** Ids of the latest device events applied (at most 50): a job run twice (a worker lost mid-batch) applies once. */
  appliedEvents?: string[];
  /** The latest events the device logged (3.3 clears it; 6.13 reads it), newest first, at most 100. */
  eventLog: { at: string; code: string; text: string }[];
}

/** A small deterministic hash of a string (FNV-1a), for per-device choices that must not change between runs. */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const METERS: readonly DeviceType[] = ["ESME", "GSME"];

/** The state a device has on first contact: credit mode, supply enabled, the SMI firmware, a reliable clock. */
export function initialState(device: SimDevice, at: Date): DeviceState {
  const h = hashOf(device.id);
  const meter = METERS.includes(device.deviceType);
  // About one meter in six is prepayment, as in GB's installed base; fixed per device.
  const prepay = meter && h % 6 === 0;
  const gas = device.deviceType === "GSME";
  return {
    changes: 0,
    supply: { state: "ENABLED", locked: false, disableCause: null, tamperState: "UNCHANGED", depletionState: "UNCHANGED" },
    payment: {
      mode: prepay ? "PREPAYMENT" : "CREDIT",
      meterBalance: prepay ? 1_000 + (h % 4_000) : 0,
      emergencyCreditBalance: 0,
      emergencyCreditActive: false,
      config: {
        lowCreditThreshold: 500,
        disablementThreshold: 0,
        emergencyCreditLimit: 1_000,
        emergencyCreditThreshold: 200,
        maximumMeterBalance: 25_000,
        maximumCreditThreshold: 10_000,
        debtRecoveryRateCap: 500,
        nonDisablement: [],
      },
      debt: { timeDebt1: 0, timeDebt2: 0, paymentDebt: 0, debtRecoveryPerPayment: 0 },
      utrnCounter: 0,
      privacyPinSet: false,
    },
    tariff: {
      primary: { touPrices: [gas ? 6.5 : 24.5], blockPrices: [], blockThresholds: [], standingCharge: gas ? 31 : 53, switchingRules: 1 },
      secondary: device.esmeVariant === "TWIN_ELEMENT" ? { touPrices: [15.2], standingCharge: 0 } : null,
      blockCounters: [0, 0, 0, 0],
      activatedAt: null,
    },
    firmware: { version: device.firmwareVersion ?? "1.0.0", pendingImage: null, scheduledActivation: null },
    trustAnchors: {},
    deviceCertificates: 0,
    hanLog: [],
    clock: { offsetSeconds: 0, status: "RELIABLE", lastSyncAt: null },
    billingCalendar: meter ? { start: new Date(Date.UTC(at.getUTCFullYear(), 0, 1)).toISOString(), periodicity: "MONTHLY" } : null,
    alertsDisabled: [],
    display: { supplierName: null, supplierPhone: null, lastMessage: null, importMpxn: null, exportMpxn: null },
    cotRestrictionAt: null,
    config: {},
    loadLimit: { thresholdW: 0, periodSeconds: 0, restorationSeconds: 0, counter: 0 },
    powerLostAt: null,
    wanConnected: device.deviceType === "CHF" && device.status === "COMMISSIONED",
    eventLog: [],
  };
}
