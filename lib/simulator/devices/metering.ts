// Metering behaviour of ESMEs and GSMEs: supply, payment and prepayment, tariffs, reads. (Filled in by issue 12.)
import type { CommandHandler, EventHandler } from "../types";

export const METERING_COMMANDS: Record<string, CommandHandler> = {};
export const METERING_EVENTS: Partial<Record<string, EventHandler>> = {};
