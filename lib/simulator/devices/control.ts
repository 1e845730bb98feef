// Configuration, firmware, security credentials and the HAN (CHF whitelist, joins). (Filled in by issue 12.)
import type { CommandHandler, EventHandler } from "../types";

export const CONTROL_COMMANDS: Record<string, CommandHandler> = {};
export const CONTROL_EVENTS: Partial<Record<string, EventHandler>> = {};
