// The GBCS payloads of this DCC (issue 11 item 4). GBCS itself (the binary APDU encoding, MACs, encryption) is out of
// scope: a payload here is a documented, deterministic encoding of the command (docs/decisions.md "GBCS payloads"),
// so that a client can decode it, and the Signed Pre-Command's signature over it is a real ECDSA P-256 signature.
import crypto from "node:crypto";

/** The GBCS version Pre-Commands announce (DUIS 5.4 is aligned with GBCS 4.3). */
export const GBCS_VERSION = "4.3";
const FORMAT = "SSI-GBCS/1";
/** GBCS appends the signature's length (64) and the raw r||s of an ECDSA P-256 signature to the signed APDU. */
const SIGNATURE_LENGTH = 64;

export interface CommandFacts {
  requestId: string;
  srv: string;
  deviceId: string;
  /** Digest of the request body as sent (the SR element, canonical text), so the payload is bound to what was asked. */
  bodyDigest: string;
  executionDateTime?: Date;
}

/** The payload bytes of a command: UTF-8 of `SSI-GBCS/1` then one `key=value` line per fact, in this fixed order. */
export function encodeCommand(facts: CommandFacts): Buffer {
  const lines = [
    FORMAT,
    `RequestID=${facts.requestId}`,
    `SRV=${facts.srv}`,
    `DeviceID=${facts.deviceId}`,
    `BodySHA256=${facts.bodyDigest}`,
    ...(facts.executionDateTime ? [`ExecutionDateTime=${facts.executionDateTime.toISOString()}`] : []),
  ];
  return Buffer.from(lines.join("\n"), "utf8");
}

export function decodeCommand(payload: Buffer): Record<string, string> | null {
  const [format, ...lines] = payload.toString("utf8").split("\n");
  if (format !== FORMAT) return null;
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
}

export const bodyDigest = (canonicalBody: string) => crypto.createHash("sha256").update(canonicalBody).digest("hex");

/** What the User does to a Pre-Command (AB 3.2): append its Digital Signing signature over the payload. */
export function signPreCommand(preCommand: Buffer, privateKey: crypto.KeyObject | string): Buffer {
  const key = typeof privateKey === "string" ? crypto.createPrivateKey(privateKey) : privateKey;
  const signature = crypto.sign("sha256", preCommand, { key, dsaEncoding: "ieee-p1363" });
  return Buffer.concat([preCommand, Buffer.from([SIGNATURE_LENGTH]), signature]);
}

/**
 * Splits a Signed Pre-Command into the payload it signs and checks the signature with the User's Digital Signing
 * key. `payload` is null when the layout is wrong.
 */
export function openSignedPreCommand(spc: Buffer, publicKey: crypto.KeyObject | string): { payload: Buffer | null; signatureValid: boolean } {
  if (spc.length <= SIGNATURE_LENGTH + 1 || spc[spc.length - SIGNATURE_LENGTH - 1] !== SIGNATURE_LENGTH) return { payload: null, signatureValid: false };
  const payload = spc.subarray(0, spc.length - SIGNATURE_LENGTH - 1);
  const signature = spc.subarray(spc.length - SIGNATURE_LENGTH);
  try {
    const key = typeof publicKey === "string" ? crypto.createPublicKey(publicKey) : publicKey;
    return { payload, signatureValid: crypto.verify("sha256", payload, { key, dsaEncoding: "ieee-p1363" }, signature) };
  } catch {
    return { payload, signatureValid: false };
  }
}

/**
 * A Device's response or alert payload, in the same line format: the outcome, what it answers, and the decoded values
 * as one JSON line (`Data=`), so a client reads them without GBCS.
 */
export function encodeResponse(facts: { requestId: string; srv: string; deviceId: string; result: string; data?: object }): Buffer {
  const lines = [FORMAT, `Response=${facts.result}`, `RequestID=${facts.requestId}`, `SRV=${facts.srv}`, `DeviceID=${facts.deviceId}`];
  if (facts.data) lines.push(`Data=${JSON.stringify(facts.data)}`);
  return Buffer.from(lines.join("\n"), "utf8");
}
