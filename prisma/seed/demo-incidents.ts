// The fixed demo incidents (README, e2e specs): plain data, so the Playwright specs can import it without the
// Prisma client.
import { DEMO_INVENTORY } from "./inventory";

/**
 * Always seeded (unless `incidents: 0`), relative to the clock at seed time. Brightwater Energy and Northgate Power
 * log in as user@brightwater.demo and user@northgate.demo; the desk as servicedesk@dcc.demo.
 */
export const DEMO_INCIDENTS = {
  /** Known Error, OPEN: the workaround incidents below are linked to it, so they may be re-opened. */
  problem: { ref: "PRB0000001", title: "Tariff lost on AM-E100 ESMEs after a Communications Hub reboot", knownError: true, status: "OPEN" },
  /** Category 3, NEW: raised 25 minutes ago, not yet responded to (the response is due in 20 minutes). */
  brightwaterNew: { ref: "INC0000001", party: "Brightwater Energy", category: 3, status: "NEW", deviceId: DEMO_INVENTORY.dualFuel.gsme },
  /** Category 2, ASSIGNED to servicedesk@dcc.demo: raised 20 hours ago, resolution due in 4 hours (at risk). */
  brightwaterAtRisk: { ref: "INC0000002", party: "Brightwater Energy", category: 2, status: "ASSIGNED" },
  /** Category 4, IN_PROGRESS (servicedesk2@dcc.demo): raised 7 Working Days ago, resolution breached 2 Working Days ago. */
  brightwaterBreached: { ref: "INC0000003", party: "Brightwater Energy", category: 4, status: "IN_PROGRESS", deviceId: DEMO_INVENTORY.dualFuel.esme },
  /** Category 3, PENDING with Metercraft Services (an Interested Party) for 6 hours, resolution clock paused. */
  brightwaterPaused: { ref: "INC0000004", party: "Brightwater Energy", category: 3, status: "PENDING", pendingWith: "Metercraft Services" },
  /** Category 3, IN_PROGRESS, on track; Central Networks Distribution is an Interested Party. */
  northgateOpen: { ref: "INC0000005", party: "Northgate Power", category: 3, status: "IN_PROGRESS", deviceId: DEMO_INVENTORY.electricityOnly.esme },
  /** Category 3, RESOLVED 1 Working Day ago: the raiser may still dispute it (3 Working Days). */
  brightwaterResolved: { ref: "INC0000006", party: "Brightwater Energy", category: 3, status: "RESOLVED" },
  /** Category 4, CLOSED (auto-closed) after a resolution with a workaround, linked to the open Known Error: re-openable. */
  brightwaterWorkaround: { ref: "INC0000007", party: "Brightwater Energy", category: 4, status: "CLOSED", problem: "PRB0000001" },
  /** Category 4, REOPENED by Meridian Home Energy yesterday: the workaround of PRB0000001 failed. */
  meridianReopened: { ref: "INC0000008", party: "Meridian Home Energy", category: 4, status: "REOPENED", problem: "PRB0000001" },
  /** Category 1 Major Incident phoned in by Harbour Energy Supply, RESOLVED 1 Working Day ago: summary report due. */
  harbourMajor: { ref: "INC0000009", party: "Harbour Energy Supply", category: 1, status: "RESOLVED", channel: "PHONE" },
} as const;
