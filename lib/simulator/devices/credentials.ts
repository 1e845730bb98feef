// Security credentials (device-ops.md §1.7, §3.5, §5.3-§5.4): the Organisation Certificates in the trust anchor cells
// (6.15.1 KRP update, 6.21 handover, 6.23 Change of Supplier; read by 6.24.1) and the device's own keys and Device
// Certificates (6.17 new key pair and CSR, 6.15.2 install the certificate; read by 6.24.2). "The supplier" of a device
// is whoever's certificate sits in its Supplier digitalSignature cell (SUP_DS).
import type { DeviceType } from "@/generated/prisma/enums";
import { CODE } from "@/lib/duis/codes";
import { parseCertificatePem, SMKI_ROLE_CODES, type ParsedCertificate } from "@/lib/smki/x509";
import type { DeviceState, TrustAnchorCell } from "../state";
import type { AnswerData, CommandHandler, CommandInput, DccEffect } from "../types";
import { changed, logged, ok, refuse } from "./model";

/** The cells each device type has (Table 11); IHDs and CADs hold none. */
export const TRUST_ANCHOR_CELLS: Record<DeviceType, readonly TrustAnchorCell[]> = {
  ESME: ["ROOT", "RECOVERY", "SUP_DS", "SUP_KA", "SUP_PPKA", "NO_DS", "NO_KA", "ACB_KA", "TCOS_DS"],
  GSME: ["ROOT", "RECOVERY", "SUP_DS", "SUP_KA", "SUP_PPKA", "ACB_KA", "TCOS_DS"],
  CHF: ["ROOT", "RECOVERY", "ACB_DS", "ACB_KA", "WAN_DS"],
  GPF: ["ROOT", "RECOVERY", "SUP_DS", "SUP_KA", "NO_DS", "NO_KA", "ACB_KA", "TCOS_DS"],
  HCALCS: ["ROOT", "RECOVERY", "SUP_DS", "ACB_KA", "TCOS_DS"],
  PPMID: ["ROOT", "RECOVERY", "ACB_DS", "ACB_KA"],
  IHD: [],
  CAD: [],
};

type KeyUse = "DS" | "KA" | "PPKA";
type Role = "Supplier" | "NetworkOperator";

const ROLE_CELLS: Record<Role, Partial<Record<KeyUse, TrustAnchorCell>>> = {
  Supplier: { DS: "SUP_DS", KA: "SUP_KA", PPKA: "SUP_PPKA" },
  NetworkOperator: { DS: "NO_DS", KA: "NO_KA" },
};
const ROLE_CODE: Record<Role, string> = { Supplier: SMKI_ROLE_CODES.supplier, NetworkOperator: SMKI_ROLE_CODES.networkOperator };
/** The cells 6.24.1 reads for each RemotePartyRole. */
const READ_CELLS: Record<string, readonly TrustAnchorCell[]> = {
  Root: ["ROOT"],
  Recovery: ["RECOVERY"],
  Supplier: ["SUP_DS", "SUP_KA", "SUP_PPKA"],
  NetworkOperator: ["NO_DS", "NO_KA"],
  AccessControlBroker: ["ACB_DS", "ACB_KA"],
  TransitionalCoS: ["TCOS_DS"],
  WANProvider: ["WAN_DS"],
};
const ELEMENT_USE: Record<string, KeyUse> = { DigitalSigningCertificate: "DS", KeyAgreementCertificate: "KA", KeyAgreementTopUpCertificate: "PPKA" };

/** Devices that generate their own key pairs and hold Device Certificates (6.17, 6.15.2). */
const KEY_HOLDERS: readonly DeviceType[] = ["ESME", "GSME", "GPF", "CHF"];
/** Device Certificates a device accepts in its life: the 100th is refused (device-ops.md §8). */
export const DEVICE_CERTIFICATE_LIMIT = 99;

interface Refusal {
  code: string;
  reason: string;
}

interface Replacement {
  cell: TrustAnchorCell;
  certificate: ParsedCertificate;
}

/** A base64 DER certificate from the body, parsed, or null when it is not one. */
function readCertificate(base64: string): ParsedCertificate | null {
  try {
    return parseCertificatePem(`-----BEGIN CERTIFICATE-----\n${base64.replace(/\s/g, "")}\n-----END CERTIFICATE-----`);
  } catch {
    return null;
  }
}

/**
 * The certificates under `prefix` and the cells they go in, after the device's Certification Path Validation: each
 * parses, names one party of the role, has the key usage of its element and, unless the SR says not to, is valid now.
 * Otherwise the device's refusal.
 */
function replacements({ device, params, at }: CommandInput, prefix: string, role: Role): Replacement[] | Refusal {
  const found: Replacement[] = [];
  const timeChecks = params.ApplyTimeBasedCPVChecks !== "false";
  for (const [element, use] of Object.entries(ELEMENT_USE)) {
    const base64 = params[`${prefix}${element}`];
    if (!base64) continue;
    const fail = (code: string, reason: string): Refusal => ({ code, reason });
    const certificate = readCertificate(base64);
    const cell = ROLE_CELLS[role][use];
    const problem = !certificate
      ? fail(CODE.DEVICE_AUTH, `The ${element} is not a readable X.509 certificate.`)
      : !cell || !TRUST_ANCHOR_CELLS[device.deviceType].includes(cell)
        ? fail(CODE.DEVICE_UNSUPPORTED, `A ${device.deviceType} has no ${role} cell for the ${element}.`)
        : !certificate.eui64 || certificate.roleCode !== ROLE_CODE[role]
          ? fail(CODE.DEVICE_AUTH, `The ${element} is not a ${role} Organisation Certificate.`)
          : certificate.canSign !== (use === "DS")
            ? fail(CODE.DEVICE_AUTH, `The ${element} has the wrong key usage.`)
            : timeChecks && (at < certificate.notBefore || at > certificate.notAfter)
              ? fail(CODE.DEVICE_AUTH, `The ${element} is not valid at ${at.toISOString()}.`)
              : null;
    if (problem) return problem;
    found.push({ cell: cell!, certificate: certificate! });
  }
  if (!found.length) return { code: CODE.DEVICE_RANGE, reason: "The request carries no replacement certificate." };
  if (new Set(found.map((r) => r.certificate.eui64)).size > 1) return { code: CODE.DEVICE_AUTH, reason: "The replacement certificates name different parties." };
  return found;
}

const installed = (state: DeviceState, found: Replacement[]): DeviceState["trustAnchors"] => ({
  ...state.trustAnchors,
  ...Object.fromEntries(found.map((r) => [r.cell, { serial: r.certificate.serial, partyEui: r.certificate.eui64! }])),
});

const roleOf = (params: Record<string, string>): Role | null => (params.RemotePartyRole === "Supplier" || params.RemotePartyRole === "NetworkOperator" ? params.RemotePartyRole : null);

/**
 * 6.15.1 Update Security Credentials (KRP) and 6.21 Request Handover of DCC Controlled Device (CS02b). 6.15.1 is
 * Critical: the device accepts it only when signed by the party in its Supplier cell, or for the Network Operator
 * cells by that cell's own party. Placing a certificate of a party other than the sender in the NO cells tells that
 * party (N42), so it may configure the meter from then on.
 */
function updateKrp(prefix: string, checkSigner: boolean): CommandHandler {
  return (input) => {
    const { device, state, params, sender, at, srv } = input;
    const role = roleOf(params);
    if (!role) return refuse(CODE.DEVICE_UNSUPPORTED, `The device has no cells for the ${params.RemotePartyRole ?? "named"} role.`, state);
    const found = replacements(input, prefix, role);
    if (!Array.isArray(found)) return refuse(found.code, found.reason, state);
    if (checkSigner) {
      const signers = [state.trustAnchors.SUP_DS?.partyEui, ...(role === "NetworkOperator" ? [state.trustAnchors.NO_DS?.partyEui] : [])].filter(Boolean);
      if (signers.length && !signers.includes(sender.eui)) return refuse(CODE.DEVICE_AUTH, "The Command is not signed by a party whose certificate the device holds for this role.", state);
    }
    const party = found[0].certificate.eui64!;
    const next = changed(state, { trustAnchors: installed(state, found), eventLog: logged(state, at, srv, `${role} certificates of ${party} installed`) });
    const effects: DccEffect[] =
      role === "NetworkOperator" && party !== sender.eui
        ? [{ type: "dcc-alert", code: "N42", deviceId: device.id, to: ["NETWORK_OPERATOR"], data: { partyEui: party, cells: found.map((r) => r.cell) } }]
        : [];
    return ok({ cells: found.map((r) => r.cell), partyEui: party }, next, { effects });
  };
}

/** The CN of a certificate's subject (the supplier's name as the SMKI wrote it), or null. */
const commonName = (certificate: ParsedCertificate) => /(?:^|,)CN=((?:[^,\\]|\\.)+)/.exec(certificate.subject)?.[1]?.replace(/\\(.)/g, "$1") ?? null;

/**
 * 6.23 Update Security Credentials (CoS), signed by the CoS Party: the gaining Supplier's certificates replace the
 * losing one's. A Smart Meter also takes the supplier name from the new certificate, restarts block charging,
 * takes the new top-up floor and never runs a future-dated activation the losing Supplier set (§5.4 step 8).
 */
const changeOfSupplier: CommandHandler = (input) => {
  const { device, state, params, at } = input;
  const found = replacements(input, "SupplierReplacementCertificates.", "Supplier");
  if (!Array.isArray(found)) return refuse(found.code, found.reason, state);
  const losing = state.trustAnchors.SUP_DS?.partyEui ?? null;
  const gaining = found[0].certificate.eui64!;
  const signing = found.find((r) => r.cell === "SUP_DS");
  const meter = device.deviceType === "ESME" || device.deviceType === "GSME";
  const floor = Number(params.SupplierPrepaymentTopUpFloorSeqNumber);
  const next = changed(state, {
    trustAnchors: installed(state, found),
    firmware: { ...state.firmware, scheduledActivation: null },
    eventLog: logged(state, at, "6.23", `Change of Supplier to ${gaining}`),
    ...(meter
      ? {
          display: signing ? { ...state.display, supplierName: commonName(signing.certificate) } : state.display,
          tariff: { ...state.tariff, blockCounters: state.tariff.blockCounters.map(() => 0) },
          payment: found.some((r) => r.cell === "SUP_PPKA") && Number.isInteger(floor) ? { ...state.payment, utrnCounter: floor } : state.payment,
        }
      : {}),
  });
  // N27 goes to the losing Supplier, named in data: no AlertRecipient relation names a former supplier.
  const effects: DccEffect[] = losing && losing !== gaining ? [{ type: "dcc-alert", code: "N27", deviceId: device.id, to: [], data: { losingSupplierEui: losing } }] : [];
  return ok({ cells: found.map((r) => r.cell), partyEui: gaining }, next, { effects });
};

/** The device's key pairs and the certificates installed for them (kept in config, read by 6.24.2). */
const keysOf = (state: DeviceState) => state.config.deviceKeys ?? {};
const keyUse = (credentialType: string | undefined): "DS" | "KA" | null =>
  credentialType === "Digital Signature" ? "DS" : credentialType === "Key Agreement" ? "KA" : null;

/** 6.17 Issue Security Credentials (CS02c): a new key pair in the pending slot, answered with a Device CSR. */
const issueCredentials: CommandHandler = ({ device, state, params, requestId, at }) => {
  if (!KEY_HOLDERS.includes(device.deviceType)) return refuse(CODE.DEVICE_UNSUPPORTED, "This device does not generate its own keys.", state);
  const use = keyUse(params.CredentialType);
  if (!use) return refuse(CODE.DEVICE_RANGE, "The CredentialType is neither Digital Signature nor Key Agreement.", state);
  const keyId = `${device.id}-${use}-${requestId}`;
  const next = changed(state, { config: { ...state.config, deviceKeys: { ...keysOf(state), [`pending${use}`]: keyId } }, eventLog: logged(state, at, "6.17", `New ${use} key pair generated`) });
  return ok({ csr: { deviceId: device.id, keyUsage: use, keyId } }, next);
};

/** 6.15.2 Update Security Credentials (Device) (CS02d): the certificate for the pending key; it becomes current. */
const updateDeviceCredentials: CommandHandler = ({ device, state, params, at }) => {
  if (!KEY_HOLDERS.includes(device.deviceType)) return refuse(CODE.DEVICE_UNSUPPORTED, "This device holds no Device Certificates.", state);
  const certificate = readCertificate(params.DeviceCertificate ?? "");
  if (!certificate) return refuse(CODE.DEVICE_AUTH, "The DeviceCertificate is not a readable X.509 certificate.", state);
  if (state.deviceCertificates >= DEVICE_CERTIFICATE_LIMIT) return refuse(CODE.DEVICE_RANGE, `The device has already accepted ${DEVICE_CERTIFICATE_LIMIT} Device Certificates.`, state);
  const use = certificate.canSign ? "DS" : "KA";
  const keys = keysOf(state);
  if (!keys[`pending${use}`]) return refuse(CODE.DEVICE_STATE, `No pending ${use} key: issue credentials (6.17) first.`, state);
  const { [`pending${use}`]: _promoted, ...others } = keys;
  const next = changed(state, {
    deviceCertificates: state.deviceCertificates + 1,
    config: { ...state.config, deviceKeys: { ...others, [`current${use}`]: certificate.serial } },
    eventLog: logged(state, at, "6.15.2", `Device ${use} certificate ${certificate.serial} installed`),
  });
  return ok({ keyUsage: use, certificateSerial: certificate.serial, deviceCertificates: next.deviceCertificates }, next);
};

/** 6.24.1 Retrieve Device Security Credentials (KRP) (CS02a): the Organisation Certificates of the roles asked for. */
const readKrp: CommandHandler = ({ state, params }) => {
  const roles = Object.entries(params)
    .filter(([key]) => /^RemotePartyRole(\[\d+\])?$/.test(key))
    .map(([, role]) => role);
  const data: AnswerData = Object.fromEntries(
    roles.map((role) => [role, (READ_CELLS[role] ?? []).flatMap((cell) => (state.trustAnchors[cell] ? [{ cell, ...state.trustAnchors[cell] }] : []))]),
  );
  return ok(data, state);
};

/** 6.24.2 Retrieve Device Security Credentials (Device) (CS02e): the Device Certificate in use for the key usage. */
const readDeviceCredentials: CommandHandler = ({ state, params }) => {
  const use = keyUse(params.CredentialType);
  if (!use) return refuse(CODE.DEVICE_RANGE, "The CredentialType is neither Digital Signature nor Key Agreement.", state);
  return ok({ keyUsage: use, certificateSerial: keysOf(state)[`current${use}`] ?? null, deviceCertificates: state.deviceCertificates }, state);
};

export const CREDENTIAL_COMMANDS: Record<string, CommandHandler> = {
  "6.15.1": updateKrp("ReplacementCertificates.SupplierOrNetworkOperatorCertificates.", true),
  "6.15.2": updateDeviceCredentials,
  "6.17": issueCredentials,
  "6.21": updateKrp("ReplacementCertificates.", false),
  "6.23": changeOfSupplier,
  "6.24.1": readKrp,
  "6.24.2": readDeviceCredentials,
};
