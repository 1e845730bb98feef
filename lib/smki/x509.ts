// The DCC test CA and the X.509 Organisation Certificates it issues (D3), with @peculiar/x509 on Node's WebCrypto.
// Certificates look like the SMKI's (and DCC Boxed's ZAZ1 ones): ECDSA P-256, subject OU = role code and
// x500UniqueIdentifier = the EUI-64 as a BIT STRING, key usage digitalSignature, a positive 128-bit serial.
import "reflect-metadata";
import crypto from "node:crypto";
import * as x509 from "@peculiar/x509";
import type { CertificateUsage, UserRole } from "@/generated/prisma/enums";
import { authSecret } from "@/lib/auth/secret";

x509.cryptoProvider.set(crypto.webcrypto as Crypto);

const EC_P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
const ECDSA_SHA256 = { name: "ECDSA", hash: "SHA-256" } as const;
/** x500UniqueIdentifier (X.520): where the SMKI writes the subject's EUI-64. */
const X500_UNIQUE_IDENTIFIER = "2.5.4.45";
/** Order n of the P-256 group. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** SMKI role codes (the subject's OU), written in hex as the ZAZ1 certificates write them. */
export const SMKI_ROLE_CODES = {
  supplier: "02",
  networkOperator: "03",
  accessControlBroker: "04",
  issuingAuthority: "07",
  /** GBCS's "other" (127): Registered Supplier Agents and Other Users hold no device-level role. */
  other: "7F",
  /** The DCC's own XML-signing certificate (DSP XML signing in DCC Boxed). */
  dccXmlSigning: "89",
} as const;

const SUPPLIER_ROLES: readonly UserRole[] = ["IS", "ES", "GS"];
const NETWORK_OPERATOR_ROLES: readonly UserRole[] = ["ED", "GT"];

/**
 * The OU of a party's certificate. A party here holds one EUI-64 for all its User Roles (the real SMKI issues per
 * User ID and role), so a supplier role wins over a network operator role, and either over the rest.
 */
export function roleCodeFor(party: { roles: readonly UserRole[]; isDcc: boolean }, usage: CertificateUsage): string {
  if (party.isDcc) return usage === "XML_SIGNING" ? SMKI_ROLE_CODES.dccXmlSigning : SMKI_ROLE_CODES.accessControlBroker;
  if (party.roles.some((r) => SUPPLIER_ROLES.includes(r))) return SMKI_ROLE_CODES.supplier;
  if (party.roles.some((r) => NETWORK_OPERATOR_ROLES.includes(r))) return SMKI_ROLE_CODES.networkOperator;
  return SMKI_ROLE_CODES.other;
}

const CA_COMMON_NAME = "SSI Demo CA";
/** The CA's DN as DUIS KeyInfo's X509IssuerName writes it (RFC 4514 order, no spaces, as DCC Boxed's "CN=Z1,OU=07"). */
export const DCC_CA_ISSUER = `CN=${CA_COMMON_NAME},OU=${SMKI_ROLE_CODES.issuingAuthority}`;
const CA_NAME: x509.JsonName = [{ OU: [SMKI_ROLE_CODES.issuingAuthority] }, { CN: [CA_COMMON_NAME] }];

export interface TestCa {
  certificate: x509.X509Certificate;
  pem: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

const cas = new Map<string, Promise<TestCa>>();

/**
 * The DCC test CA. Its key is derived from the portal secret (HKDF), so every worker sharing the secret issues
 * under the same CA and nothing needs storing; its self-signed certificate is rebuilt per process (same key, DN,
 * serial and validity; only the signature's random nonce differs).
 */
export function dccTestCa(secret = authSecret()): Promise<TestCa> {
  let ca = cas.get(secret);
  if (!ca) {
    ca = buildCa(secret);
    cas.set(secret, ca);
  }
  return ca;
}

async function buildCa(secret: string): Promise<TestCa> {
  // FIPS 186-5 A.2.1: 64 bits more than n, reduced into [1, n-1], so the scalar is uniform.
  const extra = Buffer.from(crypto.hkdfSync("sha256", secret, "ssi-smki", "dcc-test-ca-key", 40));
  const d = (BigInt(`0x${extra.toString("hex")}`) % (P256_ORDER - 1n)) + 1n;
  const scalar = Buffer.from(d.toString(16).padStart(64, "0"), "hex");
  const ecdh = crypto.createECDH("prime256v1");
  ecdh.setPrivateKey(scalar);
  const point = ecdh.getPublicKey();
  const jwk = { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") };
  const subtle = crypto.webcrypto.subtle;
  const privateKey = await subtle.importKey("jwk", { ...jwk, d: scalar.toString("base64url") }, EC_P256, false, ["sign"]);
  const publicKey = await subtle.importKey("jwk", jwk, EC_P256, true, ["verify"]);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: positiveSerial(Buffer.from(crypto.hkdfSync("sha256", secret, "ssi-smki", "dcc-test-ca-serial", 16))),
    subject: CA_NAME,
    issuer: CA_NAME,
    notBefore: new Date("2020-01-01T00:00:00Z"),
    notAfter: new Date("2120-01-01T00:00:00Z"),
    publicKey,
    signingKey: privateKey,
    signingAlgorithm: ECDSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  return { certificate, pem: certificate.toString("pem"), privateKey, publicKey };
}

/** 16 bytes as a positive DER INTEGER of exactly 16 bytes (top bit clear, first byte non-zero), in hex. */
function positiveSerial(bytes: Buffer): string {
  const serial = Buffer.from(bytes);
  serial[0] = (serial[0] & 0x7f) || 0x01;
  return serial.toString("hex");
}

/** The X.509 serial in decimal, as DUIS KeyInfo's X509SerialNumber writes it. */
export const serialToDecimal = (hex: string) => BigInt(`0x${hex}`).toString(10);

export interface GeneratedKey {
  publicKey: CryptoKey;
  /** PKCS#8 DER. */
  pkcs8: Buffer;
}

export async function generateP256Key(): Promise<GeneratedKey> {
  const pair = (await crypto.webcrypto.subtle.generateKey(EC_P256, true, ["sign", "verify"])) as CryptoKeyPair;
  return { publicKey: pair.publicKey, pkcs8: Buffer.from(await crypto.webcrypto.subtle.exportKey("pkcs8", pair.privateKey)) };
}

export interface IssuedCertificate {
  pem: string;
  serial: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
}

/** An Organisation Certificate for the EUI-64 and role code, signed by the DCC test CA. */
export async function issueCertificate(subject: { eui64: string; roleCode: string; publicKey: CryptoKey; notBefore: Date; notAfter: Date }): Promise<IssuedCertificate> {
  const ca = await dccTestCa();
  const serialHex = positiveSerial(crypto.randomBytes(16));
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialHex,
    // BIT STRING, no unused bits, the 8 bytes of the EUI-64: as the ZAZ1 certificates encode it.
    subject: [{ OU: [subject.roleCode] }, { [X500_UNIQUE_IDENTIFIER]: [`#030900${subject.eui64}`] }],
    issuer: CA_NAME,
    notBefore: subject.notBefore,
    notAfter: subject.notAfter,
    publicKey: subject.publicKey,
    signingKey: ca.privateKey,
    signingAlgorithm: ECDSA_SHA256,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.AuthorityKeyIdentifierExtension.create(ca.publicKey),
    ],
  });
  return { pem: certificate.toString("pem"), serial: serialToDecimal(serialHex), issuer: DCC_CA_ISSUER, notBefore: certificate.notBefore, notAfter: certificate.notAfter };
}

/** RFC 4514 string of a DN: last RDN first, joined by "," with no spaces (how X509IssuerName writes it). */
export function distinguishedName(name: x509.Name): string {
  return name
    .toJSON()
    .reverse()
    .map((rdn) =>
      Object.entries(rdn)
        .flatMap(([type, values]) => values.map((value) => `${type}=${value.startsWith("#") ? value.toUpperCase() : escapeDnValue(value)}`))
        .join("+"),
    )
    .join(",");
}

function escapeDnValue(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, "\\$1").replace(/^([ #])/, "\\$1").replace(/ $/, "\\ ");
}

export interface ParsedCertificate {
  pem: string;
  serial: string;
  issuer: string;
  subject: string;
  /** From x500UniqueIdentifier; null when the subject has none (or not 8 bytes). */
  eui64: string | null;
  roleCode: string | null;
  notBefore: Date;
  notAfter: Date;
  /** "ECDSA P-256", "RSA", "ECDSA P-384"...: the key type, for the import's refusal. */
  keyType: string;
  /** False when a key usage extension is present without digitalSignature. */
  canSign: boolean;
}

/** One PEM certificate parsed; throws a plain Error when the text is not one. */
export function parseCertificatePem(text: string): ParsedCertificate {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length !== 1) throw new Error(blocks.length ? "Paste one certificate at a time." : "This is not a PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----).");
  let certificate: x509.X509Certificate;
  try {
    certificate = new x509.X509Certificate(blocks[0]);
  } catch {
    throw new Error("The PEM block is not a readable X.509 certificate.");
  }
  const algorithm = certificate.publicKey.algorithm as { name: string; namedCurve?: string };
  const usages = certificate.getExtension(x509.KeyUsagesExtension);
  return {
    pem: certificate.toString("pem"),
    serial: serialToDecimal(certificate.serialNumber),
    issuer: distinguishedName(certificate.issuerName),
    subject: distinguishedName(certificate.subjectName),
    eui64: subjectEui64(certificate.subjectName),
    roleCode: certificate.subjectName.getField("OU")[0] ?? null,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    keyType: [algorithm.name, algorithm.namedCurve].filter(Boolean).join(" "),
    canSign: !usages || (usages.usages & x509.KeyUsageFlags.digitalSignature) !== 0,
  };
}

/** The EUI-64 of x500UniqueIdentifier: a BIT STRING of 8 bytes (the SMKI's form), or 16 hex digits as text. */
function subjectEui64(name: x509.Name): string | null {
  for (const rdn of name.toJSON()) {
    for (const value of rdn[X500_UNIQUE_IDENTIFIER] ?? []) {
      const bitString = /^#030900([0-9a-f]{16})$/i.exec(value);
      if (bitString) return bitString[1].toUpperCase();
      if (/^[0-9a-f]{16}$/i.test(value)) return value.toUpperCase();
    }
  }
  return null;
}
