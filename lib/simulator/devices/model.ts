// Small helpers the control device models share (han.ts, firmware.ts, credentials.ts, configuration.ts): building an
// outcome, counting a state change, and the device's event and security logs.
import { CODE } from "@/lib/duis/codes";
import { parseEui64 } from "@/lib/identifiers";
import type { DeviceState } from "../state";
import type { AnswerData, CommandOutcome } from "../types";

/** The state with `patch` applied as one counted change (the input object is never modified). */
export const changed = (state: DeviceState, patch: Partial<DeviceState>): DeviceState => ({ ...state, ...patch, changes: state.changes + 1 });

/** A success answer. */
export const ok = (data: AnswerData, state: DeviceState, extra: Omit<CommandOutcome, "code" | "data" | "state"> = {}): CommandOutcome => ({ code: CODE.I0, data, state, ...extra });

/** The device's refusal: its E-code and why, the state untouched. */
export const refuse = (code: string, reason: string, state: DeviceState): CommandOutcome => ({ code, data: { reason }, state });

/** A Device ID from the body (any EUI-64 spelling), canonical, or null. */
export const deviceIdParam = (value: string | undefined) => parseEui64(value ?? "");

/** Entries the Security Log holds rather than the Event Log: 3.3 cannot clear them and 6.13 reads them apart. */
const SECURITY_LOG_CODES = new Set(["6.15.1", "6.15.2", "6.17", "6.21", "6.23", "11.3", "00CA", "8F72", "8F1C"]);
export const isSecurityEntry = (entry: { code: string }) => SECURITY_LOG_CODES.has(entry.code);

const LOG_SIZE = 100;

/** The log with a new entry first (newest first, at most 100). */
export const logged = (state: DeviceState, at: Date, code: string, text: string): DeviceState["eventLog"] =>
  [{ at: at.toISOString(), code, text }, ...state.eventLog].slice(0, LOG_SIZE);

/** The body's ExecutionDateTime when it is later than `at`: a future-dated Command the device holds until then. */
export function heldUntil(params: Record<string, string>, at: Date): Date | null {
  const value = params.ExecutionDateTime;
  const time = value ? Date.parse(value) : NaN;
  return Number.isFinite(time) && time > at.getTime() ? new Date(time) : null;
}

export const secondsFrom = (at: Date, later: Date) => Math.max(0, Math.round((later.getTime() - at.getTime()) / 1000));
