// The device simulator's contract (issue 12): a Device model is a pure function from (device, state, command) to
// (answer, new state, alerts, later events, DCC-side effects). The engine (lib/simulator/engine.ts) loads and locks
// the state, applies behaviours and retries, stores the answer and alerts, and carries out the effects through the
// SMI operations, so the models hold no database code and each SRV's behaviour is unit-testable on its own.
import type { DeviceType, SmiStatus, UserRole } from "@/generated/prisma/enums";
import type { DeviceState } from "./state";

/** The SMI facts of the Device a command is for. */
export interface SimDevice {
  id: string;
  deviceType: DeviceType;
  status: SmiStatus | null;
  manufacturer: string | null;
  model: string | null;
  hardwareVersion: string | null;
  firmwareVersion: string | null;
  esmeVariant: string | null;
}

/** A value in a decoded answer (shown on the request's page and encoded into the GBCS payload). */
export type AnswerValue = string | number | boolean | null | AnswerValue[] | { [key: string]: AnswerValue };
export type AnswerData = Record<string, AnswerValue>;

export interface CommandInput {
  srv: string;
  requestId: string;
  device: SimDevice;
  state: DeviceState;
  /**
   * The SR body's values by element path below the SR element, local names joined with "." and repeated elements
   * indexed from 0 after the first: e.g. 2.2 gives { "UTRN": "7394..." }; a repeated element gives "Rule.Price",
   * "Rule[1].Price", ... (lib/simulator/params.ts).
   */
  params: Record<string, string>;
  sender: { partyId: string; eui: string; roles: UserRole[] };
  /** When the Device executes it (now, or a future-dated Command's execution time). */
  at: Date;
}

/** A Device Alert the device raises (device-ops.md §2.2), as four hex digits, e.g. "8F32". */
export interface RaisedAlert {
  code: string;
  data?: AnswerData;
}

/** Something the device does later on its own (firmware activation, the second CS14, a load-limit restoration). */
export type DeviceEvent =
  /** The CHF's second CS14 after the joining device completes CBKE (inventory.md §4.2 step 7a). */
  | { type: "join-complete"; chfId: string; memberId: string; requestId: string }
  /** No second CS14 came within the SR 8.11's Join Time Period plus the allowance: N25 if still Whitelisted. */
  | { type: "join-timeout"; chfId: string; memberId: string; requestId: string }
  /** A future-dated firmware activation (CS06) falls due: activate and raise 0x00CA. */
  | { type: "firmware-activate"; hash: string; requestId: string }
  /** A firmware image finished downloading (11.1): 0x8F72 or 0x8F1C. */
  | { type: "firmware-received"; version: string; hash: string; ok: boolean; requestId: string }
  /** The Change of Tenancy restriction time of 3.2 is reached: Other Users' schedules and DSP requests go (N3/N4). */
  | { type: "cot-restriction"; requestId: string }
  /** Load limit restoration period over (0x8F34). */
  | { type: "load-limit-restore" }
  /** Injected from the simulator's dashboard, the API or a test (device-ops.md §6.2 "event injectors"). */
  | { type: "inject"; event: InjectedEvent; minutes?: number; amount?: number; phase?: 1 | 2 | 3 };

/** Unsolicited device events the dashboard and tests can cause. */
export type InjectedEvent =
  | "tamper"
  | "gas-power-loss"
  | "uncontrolled-gas-flow"
  | "consumption"
  | "load-limit"
  | "power-outage"
  | "power-restore"
  | "phase-loss"
  | "ppmid-tamper"
  | "local-top-up"
  | "billing-tick"
  | "clock-drift"
  | "first-wan-contact";

export interface ScheduledEvent {
  /** Seconds from `at` (0: right after this answer). */
  afterSeconds: number;
  /** The device the event happens on (default: the command's device). */
  deviceId?: string;
  event: DeviceEvent;
}

/**
 * What the DCC does because of an answer or event (its side of inventory.md and device-ops.md §2.3): SMI
 * transitions through lib/smi/status-machine.ts's triggers, SMI associations, and DCC Alerts.
 */
export type DccEffect =
  | { type: "smi-status"; deviceId: string; trigger: "SR 8.11 CCS01 response" | "CS14 second alert within the join timeout" | "DCC: first authenticated WAN contact" | "SR 8.1.1 Commission Device" | "SR 8.7 Join Service"; partnerId?: string }
  | { type: "associate"; deviceId: string; otherId: string }
  | { type: "dissociate"; deviceId: string; otherId: string }
  /** Meter to MPxN link from SR 8.11 (with N16 to the Network Operator). */
  | { type: "link-mpxn"; deviceId: string; mpxn: string }
  /** The firmware version the SMI holds for the device (11.3 success; T17 restores a Suspended device). */
  | { type: "smi-firmware"; deviceId: string; version: string }
  /**
   * A DCC Alert. `to` names the recipients by their relation to the device: the command's sender, the Responsible
   * Supplier(s), the Network Operator, the Export Supplier, or every party registered for the device but the sender.
   */
  | { type: "dcc-alert"; code: string; deviceId: string; to: AlertRecipient[]; data?: AnswerData }
  /** The Change of Tenancy restriction took effect (3.2): Other Users' schedules (N4) and DSP requests (N3) go. */
  | { type: "cot-restriction"; deviceId: string; senderPartyId: string };

export type AlertRecipient = "SENDER" | "SUPPLIER" | "NETWORK_OPERATOR" | "EXPORT_SUPPLIER" | "GAS_SUPPLIER" | "IMPORT_SUPPLIER" | "OTHERS_BUT_SENDER";

export interface CommandOutcome {
  /** I0 success, or the device's E/W answer (lib/simulator/device-codes.ts). */
  code: string;
  /** The decoded values of the answer. */
  data: AnswerData;
  /** The device's state afterwards (the input object when nothing changed). */
  state: DeviceState;
  alerts?: RaisedAlert[];
  events?: ScheduledEvent[];
  effects?: DccEffect[];
}

export type CommandHandler = (input: CommandInput) => CommandOutcome;

export interface EventInput {
  device: SimDevice;
  state: DeviceState;
  event: DeviceEvent;
  at: Date;
}

/** An event's outcome: like a command's, without an answer to a User. */
export type EventOutcome = Omit<CommandOutcome, "code" | "data">;

export type EventHandler = (input: EventInput) => EventOutcome;
