// The DCC's ordered checks on a Service Request (processing.md §3.2-§3.5, §6.3). The order is data, one table per
// kind, read by the pipeline and by the tests; the first failure wins and its code is the answer. The signature
// (Check Cryptographic Protection) is checked before all of these, at the edge, so that nobody unauthenticated learns
// anything: a deviation from the seed's order recorded in docs/decisions.md.
import type { Device, ServiceRequestKind, SmiStatus, TadBreach, UserRole } from "@/generated/prisma/client";
import type { DeviceRegistration } from "@/lib/smi/registrations";
import type { SrvEntry } from "./catalogue";
import { ENDPOINT_FOR_CV } from "./catalogue";
import { CODE } from "./codes";
import type { DuisRequest } from "./envelope";
import { verifyBody } from "./verify";

export type CheckName =
  | "verify"
  | "command-variant"
  | "endpoint"
  | "replay"
  | "role"
  | "device"
  | "device-type"
  | "wan"
  | "smi-status"
  | "certificate"
  | "eligibility"
  | "sr-specific"
  | "future-dating"
  | "pre-command"
  | "tad";

/** The checks this table runs (TAD runs after them, in the pipeline, on a batch at a time). */
type RunCheck = Exclude<CheckName, "tad">;

export const CHECK_LABELS: Record<CheckName, string> = {
  verify: "Verify (schema and format)",
  "command-variant": "Command Variant valid for the SRV",
  endpoint: "Sent to the web service of its Command Variant",
  replay: "RequestID not used before",
  role: "User Role eligible for the SRV, User not suspended",
  device: "Target device in the SMI",
  "device-type": "SRV compatible with the device type",
  wan: "Device reachable over the SM WAN (its CHF Commissioned)",
  "smi-status": "SMI Status allows the request",
  certificate: "Signing certificate valid",
  eligibility: "Eligible User (Registration Data)",
  "sr-specific": "SR-specific checks",
  "future-dating": "Execution date-time within the horizon",
  "pre-command": "Signed Pre-Command matches its Pre-Command",
  tad: "Threshold Anomaly Detection",
};

/**
 * Seed order (AB 6.1 (a)-(k), then H3.12), with the product's additions placed where they first can fail. The device
 * type (E11) is read with the device itself, before its SMI Status: a request the device can never carry is refused
 * as such whatever the device's state.
 */
export const CHECK_ORDER: Record<ServiceRequestKind | "SIGNED_PRE_COMMAND", readonly RunCheck[]> = {
  NON_CRITICAL: ["verify", "command-variant", "endpoint", "replay", "role", "device", "device-type", "smi-status", "wan", "certificate", "eligibility", "sr-specific", "future-dating"],
  // The BAD's Critical list has no SMI Status check; P9 adds it (the DCC never sends to a Suspended device).
  CRITICAL: ["verify", "command-variant", "endpoint", "replay", "role", "device", "device-type", "smi-status", "wan", "certificate", "eligibility", "sr-specific", "future-dating"],
  NON_DEVICE: ["verify", "command-variant", "endpoint", "replay", "role", "smi-status", "certificate", "eligibility", "sr-specific", "future-dating"],
  // AB 7.1 (a)-(d), then the Pre-Command it completes. A certificate failure here is silent (AB 7.3).
  SIGNED_PRE_COMMAND: ["verify", "command-variant", "endpoint", "role", "certificate", "pre-command"],
};

/**
 * Threshold Anomaly Detection's entry (lib/tad/evaluate.ts), after the checks of a communication about to be sent and
 * only when a threshold covers it: within them (Warning Thresholds exceeded say so), or quarantined, which is no
 * refusal: the request was accepted (I99) and is held.
 */
export type TadCheckResult = { check: "tad"; result: "pass"; reason: string } | { check: "tad"; result: "quarantine"; breach: TadBreach; thresholdId: string; reason: string };

export type CheckResult = { check: CheckName; result: "pass" } | { check: CheckName; result: "skip"; reason: string } | { check: CheckName; result: "fail"; code: string; reason: string };

/** The SMI Statuses a device must hold to be sent anything (AB 6.1(c)). */
const SENDABLE_STATUSES = new Set(["COMMISSIONED", "INSTALLED_NOT_COMMISSIONED", "WHITELISTED", "PENDING"]);
/** AB 6.1(c): Update Firmware (11.1, and 11.4 for a PPMID) and CoS Update Security Credentials skip the SMI Status check. */
const STATUS_EXEMPT_SRVS = new Set(["11.1", "11.4", "6.23"]);
/**
 * L5456-5465: Non-Device SRs exempt from the SMI Status check. Also 8.3: Decommission has its own, wider list of
 * statuses in the seed's transition table (T21: Suspended and Recovery devices too), which the operation applies.
 */
const STATUS_EXEMPT_NON_DEVICE_SRVS = new Set(["8.4", "8.2", "12.1", "12.2", "8.14.1", "8.14.2", "8.14.3", "8.14.4", "8.3"]);
/** L5468-5474: Non-Device SRs exempt from the Eligible User check. */
const ELIGIBILITY_EXEMPT_NON_DEVICE_SRVS = new Set(["8.2", "12.1", "12.2", "8.14.1", "8.14.2", "8.14.3", "8.14.4"]);
/**
 * Non-Device SRs whose Eligible User depends on what the request does (8.4: while Pending the User who pre-notified the
 * device, otherwise its Responsible Supplier; 8.3: its Responsible Supplier, H6.2). Their lib/smi operation checks it,
 * the one implementation of the rule, and its refusal is answered E4 like this check's.
 */
const ELIGIBILITY_BY_OPERATION: Readonly<Record<string, string>> = {
  "8.3": "the Responsible Supplier",
  "8.4": "the User who pre-notified the device while it is Pending, otherwise the Responsible Supplier",
};
/** Future-dated and scheduled execution: later than receipt, at most 30 days after it (H3.12, L5346). */
export const FUTURE_DATING_HORIZON_DAYS = 30;

/** What the checks look at; loaded by the pipeline (in batches for device requests) before they run. */
export interface CheckContext {
  endpoint: "serviceS" | "serviceT" | "serviceD";
  request: DuisRequest;
  entry: SrvEntry | undefined;
  /** suspendedAt: the User's right to send Service Requests is suspended (SEC M8.5), for suspensionReason. */
  party: { id: string; roles: UserRole[]; isDcc: boolean; suspendedAt: Date | null; suspensionReason: string | null };
  /** The XML-signing certificate's status at receipt. */
  certificateStatus: "VALID" | "NOT_YET_VALID" | "EXPIRED" | "REVOKED";
  receivedAt: Date;
  /** RequestID already stored (replay), from the batch lookup. */
  requestIdUsed: boolean;
  /** The device the checks are about: the target of a device SR, the DeviceID in a Non-Device body; null if absent. */
  device: Device | null;
  /** The SMI Status of the CHF the device talks through (the CHF's own for a CHF); null when none; undefined: not read. */
  hubStatus?: SmiStatus | null;
  /** The Device ID the request names (null for Non-Device SRs that name none). */
  deviceId: string | null;
  /** Registration Data of that device at the eligibility instant (see eligibilityInstant). */
  registrations: DeviceRegistration[];
  /** The Signed Pre-Command's own checks (set for SPCs only). */
  preCommand?: { ok: true } | { ok: false; reason: string };
  /** Extra problems a full XSD validation found (DUIS_XSD_DIR). */
  xsdProblems?: string[];
}

/** AB 6.1(f): eligibility holds at the execution time when one is given, otherwise now. */
export const eligibilityInstant = (request: DuisRequest, receivedAt: Date) =>
  request.executionDateTime && !request.isCancellation ? request.executionDateTime : receivedAt;

const pass = (check: CheckName): CheckResult => ({ check, result: "pass" });
const skip = (check: CheckName, reason: string): CheckResult => ({ check, result: "skip", reason });
const fail = (check: CheckName, code: string, reason: string): CheckResult => ({ check, result: "fail", code, reason });

/** Which Registration Data field makes a party of this role eligible for a device (processing.md §2.5, derived). */
function eligibleByRegistration(role: UserRole, partyId: string, r: DeviceRegistration): boolean {
  switch (role) {
    case "IS":
    case "ES":
      return r.fuel === "ELECTRICITY" && r.supplierId === partyId;
    case "GS":
      return r.fuel === "GAS" && r.supplierId === partyId;
    case "ED":
      return r.fuel === "ELECTRICITY" && r.networkOperatorId === partyId;
    case "GT":
      return r.fuel === "GAS" && r.networkOperatorId === partyId;
    case "RSA":
      return r.agentId === partyId;
    case "OU":
      return true;
  }
}

const RUN: Record<RunCheck, (ctx: CheckContext) => CheckResult> = {
  verify(ctx) {
    if (!ctx.entry) return fail("verify", CODE.VERIFY, `SRV ${ctx.request.srv} is not a DUIS Service Request Variant.`);
    if (ctx.request.serviceReference !== ctx.entry.serviceReference) {
      return fail("verify", CODE.VERIFY, `ServiceReference ${ctx.request.serviceReference} does not match ServiceReferenceVariant ${ctx.request.srv}.`);
    }
    const problems = [...verifyBody(ctx.request.srv, ctx.request.body), ...(ctx.xsdProblems ?? [])];
    return problems.length ? fail("verify", CODE.VERIFY, problems.slice(0, 10).join("; ")) : pass("verify");
  },
  "command-variant"(ctx) {
    const cv = ctx.request.commandVariant;
    const spc = !!ctx.request.signedPreCommand;
    if (spc && (!ctx.entry!.critical || ![5, 6, 7].includes(cv))) return fail("command-variant", CODE.E12, `A Signed Pre-Command is sent with Command Variant 5, 6 or 7 for a Critical SRV; this is ${cv}.`);
    // 8.1.1 Commission Device cannot be delivered locally: its SPC is 5 only.
    if (spc && !ctx.entry!.commandVariants.includes(cv)) return fail("command-variant", CODE.E12, `Command Variant ${cv} is not valid for SRV ${ctx.request.srv} (valid: ${ctx.entry!.commandVariants.join(", ")}).`);
    if (!spc && !ctx.entry!.commandVariants.includes(cv)) {
      return fail("command-variant", CODE.E12, `Command Variant ${cv} is not valid for SRV ${ctx.request.srv} (valid: ${ctx.entry!.commandVariants.join(", ")}).`);
    }
    return pass("command-variant");
  },
  endpoint(ctx) {
    const expected = ENDPOINT_FOR_CV[ctx.request.commandVariant];
    return expected === ctx.endpoint ? pass("endpoint") : fail("endpoint", CODE.E13, `Command Variant ${ctx.request.commandVariant} is sent to /api/v1/${expected}, not /api/v1/${ctx.endpoint}.`);
  },
  replay(ctx) {
    return ctx.requestIdUsed ? fail("replay", CODE.REPLAY, `RequestID ${ctx.request.requestId} was used before.`) : pass("replay");
  },
  role(ctx) {
    // The DCC sends some requests itself (as Access Control Broker: e.g. 6.24.1, 8.12.2, 11.2 in the reference data).
    if (ctx.party.isDcc) return skip("role", "The DCC's own request.");
    // A suspended User is refused whatever it sends: its status, not the request, is the problem.
    if (ctx.party.suspendedAt) return fail("role", CODE.E3, `The User's right to send Service Requests is suspended (since ${ctx.party.suspendedAt.toISOString()}): ${ctx.party.suspensionReason ?? "no reason recorded"}.`);
    const eligible = ctx.entry!.roles.filter((role) => ctx.party.roles.includes(role));
    if (!eligible.length) return fail("role", CODE.E2, `SRV ${ctx.request.srv} may be sent by ${ctx.entry!.roles.join(", ") || "no User Role"}; the sender holds ${ctx.party.roles.join(", ") || "none"}.`);
    return pass("role");
  },
  device(ctx) {
    return ctx.device ? pass("device") : fail("device", CODE.E19, `Device ${ctx.deviceId ?? "?"} is not in the SMI.`);
  },
  "device-type"(ctx) {
    const types = ctx.entry!.targetDeviceTypes;
    const type = ctx.device!.deviceType;
    return types.includes(type) ? pass("device-type") : fail("device-type", CODE.E11, `SRV ${ctx.request.srv} is sent to ${types.join(", ")}; device ${ctx.deviceId} is a ${type}.`);
  },
  "smi-status"(ctx) {
    const srv = ctx.request.srv;
    // Update Firmware is a Non-Device request in DUIS (the DCC distributes the image), so both lists apply to both kinds.
    if (STATUS_EXEMPT_SRVS.has(srv)) return skip("smi-status", `SRV ${srv} is exempt (AB 6.1(c)).`);
    if (ctx.entry!.nonDevice) {
      if (STATUS_EXEMPT_NON_DEVICE_SRVS.has(srv)) return skip("smi-status", `SRV ${srv} is exempt (L5456-5465).`);
      if (!ctx.deviceId) return skip("smi-status", "The request names no device.");
      if (!ctx.device) return fail("smi-status", CODE.E19, `Device ${ctx.deviceId} is not in the SMI.`);
    }
    const status = ctx.device!.status;
    if (status !== null && !SENDABLE_STATUSES.has(status)) return fail("smi-status", CODE.E5, `Device ${ctx.deviceId} has SMI Status ${status}.`);
    return pass("smi-status");
  },
  // A Command reaches a device only through a Commissioned CHF (processing.md §6.3 "Send"; AC 4.12, H5.2 for 8.1.1).
  wan(ctx) {
    if (ctx.hubStatus === undefined || ctx.request.signedPreCommand) return skip("wan", "Checked when the request was received.");
    if (ctx.hubStatus === "COMMISSIONED") return pass("wan");
    const why = ctx.device!.deviceType === "CHF" ? `CHF ${ctx.deviceId} is not Commissioned` : ctx.hubStatus ? `the CHF of device ${ctx.deviceId} is not Commissioned` : `device ${ctx.deviceId} is on no CHF`;
    return fail("wan", CODE.E5, `No Command can reach it: ${why}.`);
  },
  certificate(ctx) {
    switch (ctx.certificateStatus) {
      case "VALID":
        return pass("certificate");
      case "REVOKED":
        return fail("certificate", CODE.CERTIFICATE_REVOKED, "The signing certificate is revoked.");
      default:
        return fail("certificate", CODE.CERTIFICATE_EXPIRED, `The signing certificate is not valid at ${ctx.receivedAt.toISOString()} (${ctx.certificateStatus.toLowerCase().replaceAll("_", " ")}).`);
    }
  },
  eligibility(ctx) {
    const srv = ctx.request.srv;
    if (ctx.entry!.nonDevice && ELIGIBILITY_EXEMPT_NON_DEVICE_SRVS.has(srv)) return skip("eligibility", `SRV ${srv} is exempt (L5468-5474).`);
    if (ctx.entry!.nonDevice && ELIGIBILITY_BY_OPERATION[srv]) return skip("eligibility", `SRV ${srv}: its SMI operation checks the Eligible User (${ELIGIBILITY_BY_OPERATION[srv]}).`);
    if (!ctx.device) return skip("eligibility", "The request names no device.");
    if (ctx.party.isDcc) return skip("eligibility", "The DCC's own request.");
    const roles = ctx.entry!.roles.filter((role) => ctx.party.roles.includes(role));
    // AB 6.2(c): an Other User is not checked against Registration Data (it holds consumer consent instead).
    if (roles.includes("OU")) return skip("eligibility", "Sent as Other User (AB 6.2(c)).");
    if (roles.some((role) => ctx.registrations.some((r) => eligibleByRegistration(role, ctx.party.id, r)))) return pass("eligibility");
    const at = eligibilityInstant(ctx.request, ctx.receivedAt).toISOString();
    return fail("eligibility", CODE.E4, `The sender is not registered (as ${roles.join(" or ")}) for an MPxN device ${ctx.deviceId} serves, at ${at}.`);
  },
  "sr-specific"() {
    // AB 6.1(g)-(k) concern certificates in the body, firmware hashes against the CPL, HAN log restores and joins:
    // their GBCS contents are out of scope here (docs/decisions.md), so these pass and say so.
    return skip("sr-specific", "No SR-specific rule applies to the DUIS contents this DCC interprets.");
  },
  "future-dating"(ctx) {
    const at = ctx.request.executionDateTime;
    if (!at || ctx.request.isCancellation) return skip("future-dating", at ? "Cancellation marker." : "On demand.");
    if (!ctx.entry!.futureDated && !ctx.entry!.nonDevice) return fail("future-dating", CODE.E12, `SRV ${ctx.request.srv} cannot be future-dated.`);
    if (at.getTime() <= ctx.receivedAt.getTime()) return fail("future-dating", CODE.FUTURE_DATING, `ExecutionDateTime ${at.toISOString()} is not later than receipt.`);
    if (at.getTime() > ctx.receivedAt.getTime() + FUTURE_DATING_HORIZON_DAYS * 86_400_000) {
      return fail("future-dating", CODE.FUTURE_DATING, `ExecutionDateTime ${at.toISOString()} is more than ${FUTURE_DATING_HORIZON_DAYS} days after receipt.`);
    }
    return pass("future-dating");
  },
  "pre-command"(ctx) {
    const outcome = ctx.preCommand ?? { ok: false, reason: "No Pre-Command was issued for this RequestID." };
    return outcome.ok ? pass("pre-command") : fail("pre-command", CODE.NO_PRE_COMMAND, outcome.reason);
  },
};

/** Runs the kind's checks in order and stops at the first failure (AB 6.3). */
export function runChecks(kind: keyof typeof CHECK_ORDER, ctx: CheckContext) {
  return runNamedChecks(CHECK_ORDER[kind], ctx);
}

/** Checks run again when the DCC executes a held request (future-dated DSP, DCC Schedules): AB 6.1(f), P14. */
export const EXECUTION_CHECKS: readonly RunCheck[] = ["role", "device", "smi-status", "eligibility"];

export function runNamedChecks(checks: readonly RunCheck[], ctx: CheckContext): { results: CheckResult[]; failure: Extract<CheckResult, { result: "fail" }> | null } {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const result = RUN[check](ctx);
    results.push(result);
    if (result.result === "fail") return { results, failure: result };
  }
  return { results, failure: null };
}
