// Metering behaviour of ESMEs and GSMEs (and the GPF's mirror of the gas meter, the ESME's or HCALCS's load switches):
// supply and load control, payment and prepayment, tariffs, and reads.
import type { CommandHandler, EventHandler } from "../types";
import { PREPAY_COMMANDS, PREPAY_EVENTS } from "./prepay";
import { READ_COMMANDS, READ_EVENTS } from "./reads";
import { SUPPLY_COMMANDS, SUPPLY_EVENTS } from "./supply";
import { TARIFF_COMMANDS } from "./tariff";

export const METERING_COMMANDS: Record<string, CommandHandler> = { ...SUPPLY_COMMANDS, ...PREPAY_COMMANDS, ...TARIFF_COMMANDS, ...READ_COMMANDS };
export const METERING_EVENTS: Partial<Record<string, EventHandler>> = { ...SUPPLY_EVENTS, ...PREPAY_EVENTS, ...READ_EVENTS };
