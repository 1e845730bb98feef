// Configuration, firmware, security credentials and the HAN (CHF whitelist, joins, commissioning): the control side of
// a device, one file per area.
import type { CommandHandler, EventHandler } from "../types";
import { CONFIGURATION_COMMANDS, CONFIGURATION_EVENTS } from "./configuration";
import { CREDENTIAL_COMMANDS } from "./credentials";
import { FIRMWARE_COMMANDS, FIRMWARE_EVENTS } from "./firmware";
import { HAN_COMMANDS, HAN_EVENTS } from "./han";

export const CONTROL_COMMANDS: Record<string, CommandHandler> = { ...CONFIGURATION_COMMANDS, ...CREDENTIAL_COMMANDS, ...FIRMWARE_COMMANDS, ...HAN_COMMANDS };
export const CONTROL_EVENTS: Partial<Record<string, EventHandler>> = { ...CONFIGURATION_EVENTS, ...FIRMWARE_EVENTS, ...HAN_EVENTS };
