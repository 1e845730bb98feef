// What a device does with a command no specific model covers: a read answers with the configuration it holds, any
// other command stores its values (so the matching read returns them). Real meters support every SRV of their type;
// the specific models (metering.ts, control.ts) add the behaviour the spec describes.
import { SRV_CATALOGUE } from "@/lib/duis/catalogue";
import { CODE } from "@/lib/duis/codes";
import type { CommandHandler, CommandOutcome } from "../types";

export const genericCommand: CommandHandler = ({ srv, state, params, at }): CommandOutcome => {
  const name = SRV_CATALOGUE.get(srv)?.name ?? srv;
  if (/^Read\b/.test(name)) return { code: CODE.I0, data: { configuration: state.config }, state };
  return {
    code: CODE.I0,
    data: { applied: name },
    state: { ...state, changes: state.changes + 1, config: { ...state.config, [srv]: { ...params, appliedAt: at.toISOString() } } },
  };
};
