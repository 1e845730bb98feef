// Every Device model by SRV, and every device event by type: the engine asks here what a device does.
import type { CommandHandler, DeviceEvent, EventHandler } from "../types";
import { CONTROL_COMMANDS, CONTROL_EVENTS } from "./control";
import { genericCommand } from "./generic";
import { METERING_COMMANDS, METERING_EVENTS } from "./metering";

const COMMANDS: Record<string, CommandHandler> = { ...METERING_COMMANDS, ...CONTROL_COMMANDS };
const EVENTS: Partial<Record<string, EventHandler>> = { ...METERING_EVENTS, ...CONTROL_EVENTS };

export const commandHandler = (srv: string): CommandHandler => COMMANDS[srv] ?? genericCommand;

/** The handler of an event: injected events by their name, others by their type. */
export const eventHandler = (event: DeviceEvent): EventHandler | undefined => EVENTS[event.type === "inject" ? event.event : event.type];
