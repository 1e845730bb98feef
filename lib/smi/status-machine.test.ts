import { describe, expect, it } from "vitest";
import type { SmiStatus } from "@/generated/prisma/enums";
import { PARTNER_STATUS, PRIOR_STATUS, REMOVED, STATUSES_FOR_TYPE, TRANSITIONS, TYPE_2, findTransition, statusForValidation, statusFunctionTargets } from "./status-machine";

const concrete = (to: string): to is SmiStatus => ![PRIOR_STATUS, PARTNER_STATUS, REMOVED].includes(to as never);

describe("SMI status machine (data)", () => {
  it("has unique transition ids", () => {
    expect(new Set(TRANSITIONS.map((t) => t.id)).size).toBe(TRANSITIONS.length);
  });

  it("moves every device type only into statuses that type can hold, and never a Type 2 device", () => {
    for (const t of TRANSITIONS) {
      expect(t.deviceTypes.filter((type) => TYPE_2.includes(type)), t.id).toEqual([]);
      for (const type of t.deviceTypes) {
        if (concrete(t.to)) expect(STATUSES_FOR_TYPE[type], `${t.id} ${type} → ${t.to}`).toContain(t.to);
      }
      if (t.gpf) {
        expect(t.deviceTypes, t.id).toEqual(["CHF"]);
        expect(STATUSES_FOR_TYPE.GPF).toEqual(expect.arrayContaining([t.gpf.from, t.gpf.to]));
      }
    }
  });

  it("starts every transition from statuses its device types can hold", () => {
    for (const t of TRANSITIONS) {
      const from = t.from.filter((s): s is SmiStatus => s !== null);
      if (!from.length) continue;
      // Every listed status is held by at least one listed type...
      for (const status of from) expect(t.deviceTypes.some((type) => STATUSES_FOR_TYPE[type].includes(status)), `${t.id} from ${status}`).toBe(true);
      // ...and every listed type can be in at least one of them.
      for (const type of t.deviceTypes) expect(from.some((status) => STATUSES_FOR_TYPE[type].includes(status)), `${t.id} for ${type}`).toBe(true);
      // A single-type transition may only start from that type's statuses.
      if (t.deviceTypes.length === 1) expect(STATUSES_FOR_TYPE[t.deviceTypes[0]], t.id).toEqual(expect.arrayContaining(from));
    }
  });

  it("gives SR 8.4's status function the expected targets", () => {
    expect(statusFunctionTargets("ESME", "PENDING")).toEqual(["INSTALLED_NOT_COMMISSIONED"]);
    expect(statusFunctionTargets("ESME", "WHITELISTED")).toEqual(["PENDING"]);
    expect(statusFunctionTargets("ESME", "INSTALLED_NOT_COMMISSIONED")).toEqual([]);
    expect(statusFunctionTargets("ESME", "COMMISSIONED")).toEqual([]);
    expect(statusFunctionTargets("ESME", "DECOMMISSIONED")).toEqual([]);
    expect(statusFunctionTargets("PPMID", "PENDING")).toEqual(["INSTALLED_NOT_COMMISSIONED"]);
    expect(statusFunctionTargets("CHF", "PENDING").sort()).toEqual(["COMMISSIONED", "INSTALLED_NOT_COMMISSIONED"]);
    expect(statusFunctionTargets("CHF", "INSTALLED_NOT_COMMISSIONED")).toEqual(["COMMISSIONED"]);
    expect(statusFunctionTargets("CHF", "COMMISSIONED")).toEqual(["WITHDRAWN"]);
    expect(statusFunctionTargets("CHF", "WITHDRAWN")).toEqual(["PENDING"]);
    expect(statusFunctionTargets("GPF", "PENDING")).toEqual([]);
    expect(statusFunctionTargets("GPF", "INSTALLED_NOT_COMMISSIONED")).toEqual(["COMMISSIONED"]);
  });

  it("finds the right entry for pre-notification, decommission and the CPL", () => {
    expect(findTransition("SR 12.2 Device Pre-Notification", "ESME", null)?.id).toBe("T1");
    expect(findTransition("SR 12.2 Device Pre-Notification", "ESME", "DECOMMISSIONED")?.id).toBe("T7b");
    expect(findTransition("SR 12.2 Device Pre-Notification", "ESME", "PENDING")).toBeUndefined();
    expect(findTransition("SR 12.2 Device Pre-Notification", "CHF", null)).toBeUndefined();
    expect(findTransition("SR 8.3 Decommission Device", "ESME", "COMMISSIONED")?.id).toBe("T21");
    expect(findTransition("SR 8.3 Decommission Device", "ESME", "RECOVERY")?.id).toBe("T21");
    for (const status of ["PENDING", "DECOMMISSIONED", "WITHDRAWN"] as const) expect(findTransition("SR 8.3 Decommission Device", "CHF", status)).toBeUndefined();
    expect(findTransition("SR 8.3 Decommission Device", "GPF", "COMMISSIONED")).toBeUndefined();
    expect(findTransition("CPL: model removed", "GPF", "COMMISSIONED")?.id).toBe("T16");
    expect(findTransition("CPL: model removed", "ESME", "DECOMMISSIONED")).toBeUndefined();
    expect(findTransition("CPL: model removed", "ESME", "SUSPENDED")).toBeUndefined();
    expect(findTransition("DCC: Pending for 12 months", "CHF", "PENDING")).toBeUndefined();
    expect(findTransition("DCC: Pending for 12 months", "HCALCS", "PENDING")?.id).toBe("T22");
  });

  it("validates a Recovered device as its status before Recovery", () => {
    expect(statusForValidation({ status: "RECOVERED", statusBeforeRecovery: "PENDING" })).toBe("PENDING");
    expect(statusForValidation({ status: "RECOVERED", statusBeforeRecovery: null })).toBe("RECOVERED");
    expect(statusForValidation({ status: "COMMISSIONED", statusBeforeRecovery: "PENDING" })).toBe("COMMISSIONED");
  });
});
