// Signed ADT and QCA files (processing.md §1.5 steps a-b, §1.11; D3): a detached DER-encoded ECDSA P-256/SHA-256
// signature, as `openssl dgst -sha256 -sign <key> -out file.sig file` writes it, verified with node:crypto (DER, not
// WebCrypto's raw r||s). Step a (cryptographic protection) asks whether any certificate the SMKI knows verifies the
// signature; step b (certificate validity) whether that certificate is the party's File Signing certificate, valid now.
import crypto from "node:crypto";
import type { OrgCertificate } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import type { Db, Tx } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { certificateStatus } from "@/lib/smki/keys";
import { USAGE_LABELS } from "@/lib/smki/schemas";

export type FileSignatureResult = { ok: true; certificateSerial: string } | { ok: false; reason: string };

/** A DER ECDSA P-256 signature is a SEQUENCE of two INTEGERs: 8 to 72 bytes. */
const MAX_SIGNATURE_BYTES = 72;
const MIN_SIGNATURE_BYTES = 8;

/** The signature's bytes: DER as openssl writes it, or that DER in base64 (e.g. from a form or a JSON API). */
function signatureBytes(signature: string | Buffer): Buffer | null {
  if (Buffer.isBuffer(signature)) return signature;
  const text = signature.replace(/\s/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  return Buffer.from(text, "base64");
}

/** A DER SEQUENCE with its length byte consistent with its size: anything else is not what openssl writes. */
const looksLikeDerSignature = (der: Buffer) =>
  der.length >= MIN_SIGNATURE_BYTES && der.length <= MAX_SIGNATURE_BYTES && der[0] === 0x30 && der[1] === der.length - 2;

const publicKeys = new Map<string, crypto.KeyObject>();

/** Certificates never change once issued (revocation is a column), so their public keys are parsed once. */
function publicKeyOf(cert: Pick<OrgCertificate, "serial" | "pem">): crypto.KeyObject {
  let key = publicKeys.get(cert.serial);
  if (!key) {
    key = new crypto.X509Certificate(cert.pem).publicKey;
    publicKeys.set(cert.serial, key);
  }
  return key;
}

function verifies(cert: Pick<OrgCertificate, "serial" | "pem">, data: Buffer, der: Buffer): boolean {
  try {
    return crypto.verify("sha256", data, { key: publicKeyOf(cert), dsaEncoding: "der" }, der);
  } catch {
    return false; // a malformed DER value: node throws instead of answering false
  }
}

/**
 * Verify a file's detached signature for a party. The candidates are the party's certificates (any usage, any
 * status) and every File Signing certificate in the SMKI, so that a refusal names what was used: another party's
 * certificate, the party's XML or Digital Signing certificate, or its revoked or expired File Signing certificate.
 * `at` is when the file was received (the certificate must be valid then).
 */
export async function verifyFileSignature(
  tx: Tx | Db,
  partyId: string,
  file: string | Buffer,
  signature: string | Buffer,
  at: Date = now(),
): Promise<FileSignatureResult> {
  const der = signatureBytes(signature);
  if (!der || !looksLikeDerSignature(der)) {
    return { ok: false, reason: "The signature file is not a DER-encoded ECDSA signature (make it with openssl dgst -sha256 -sign)." };
  }
  const data = Buffer.isBuffer(file) ? file : Buffer.from(file, "utf8");
  const candidates = await tx.orgCertificate.findMany({
    where: { OR: [{ partyId }, { usage: "FILE_SIGNING" }] },
    select: { serial: true, pem: true, usage: true, partyId: true, eui64: true, notBefore: true, notAfter: true, revokedAt: true },
    // The party's own first: the usual case verifies on the first or second try.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  candidates.sort((a, b) => Number(b.partyId === partyId) - Number(a.partyId === partyId));
  const signer = candidates.find((cert) => verifies(cert, data, der));
  if (!signer) {
    return { ok: false, reason: "The signature does not match the file: the file was changed after signing, or it was signed with a key the DCC does not know." };
  }
  if (signer.partyId !== partyId) {
    return { ok: false, reason: `The file was signed with certificate ${signer.serial}, which belongs to ${formatEui64(signer.eui64)}, not to your organisation.` };
  }
  if (signer.usage !== "FILE_SIGNING") {
    return {
      ok: false,
      reason: `The file was signed with your ${USAGE_LABELS[signer.usage]} certificate ${signer.serial}: only your File Signing certificate (held by your ARO) may sign files.`,
    };
  }
  const status = certificateStatus(signer, at);
  if (status !== "VALID") {
    const why = { REVOKED: "has been revoked", EXPIRED: "has expired", NOT_YET_VALID: "is not valid yet" }[status];
    return { ok: false, reason: `The File Signing certificate ${signer.serial} that signed the file ${why}.` };
  }
  return { ok: true, certificateSerial: signer.serial };
}
