// Organisation Certificates in the database and the private keys the portal holds for the DCC and the demo parties.
// Keys are PKCS#8, encrypted with AES-256-GCM under a key derived (HKDF) from the portal secret, so any worker that
// shares the secret can sign; a worker with another secret cannot read them and says so.
import crypto, { type KeyObject } from "node:crypto";
import { Prisma, type OrgCertificate, type Party } from "@/generated/prisma/client";
import type { CertificateUsage } from "@/generated/prisma/enums";
import { authSecret } from "@/lib/auth/secret";
import { now } from "@/lib/clock";
import type { Db, Tx } from "@/lib/db";
import { generateP256Key, issueCertificate, roleCodeFor } from "./x509";

const DAY_MS = 86_400_000;
/** A new certificate is valid from a day back (clock skew between parties) for two years. */
const VALID_BEFORE_MS = DAY_MS;
const VALID_FOR_MS = 730 * DAY_MS;

export const CERTIFICATE_USAGES: readonly CertificateUsage[] = ["XML_SIGNING", "DIGITAL_SIGNING", "FILE_SIGNING"];

// ── Key encryption ─────────────────────────────────────────────────────────────────────────────────────────────

const KEY_FORMAT = "v1";
const encryptionKeys = new Map<string, Buffer>();

function encryptionKey(secret: string): Buffer {
  let key = encryptionKeys.get(secret);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync("sha256", secret, "ssi-smki", "org-certificate-private-keys", 32));
    encryptionKeys.set(secret, key);
  }
  return key;
}

/**
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). The certificate's serial is the additional data, so a key copied onto
 * another certificate's row does not decrypt.
 */
export function encryptPrivateKey(pkcs8: Buffer, serial: string, secret = authSecret()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", encryptionKey(secret), iv);
  cipher.setAAD(Buffer.from(serial));
  const ciphertext = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return [KEY_FORMAT, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

export function decryptPrivateKey(encrypted: string, serial: string, secret = authSecret()): KeyObject {
  const [format, iv, tag, ciphertext] = encrypted.split(".");
  if (format !== KEY_FORMAT || !ciphertext) throw new Error(`The private key of certificate ${serial} is not in a format this portal reads.`);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", encryptionKey(secret), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(serial));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const pkcs8 = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
    return crypto.createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
  } catch {
    throw new Error(
      `The private key of certificate ${serial} cannot be decrypted: this portal's secret (NEXTAUTH_SECRET) is not the one it was stored with. Give every worker the same secret.`,
    );
  }
}

// ── Status and look-ups ────────────────────────────────────────────────────────────────────────────────────────

export type CertificateStatus = "VALID" | "NOT_YET_VALID" | "EXPIRED" | "REVOKED";

/** A certificate's status at an instant; revocation counts from its time on. notAfter is inclusive (RFC 5280). */
export function certificateStatus(cert: Pick<OrgCertificate, "notBefore" | "notAfter" | "revokedAt">, at: Date): CertificateStatus {
  if (cert.revokedAt && cert.revokedAt <= at) return "REVOKED";
  if (at < cert.notBefore) return "NOT_YET_VALID";
  if (at > cert.notAfter) return "EXPIRED";
  return "VALID";
}

/** Prisma `where` for certificates in each status at an instant, matching certificateStatus. */
export function statusWhere(status: CertificateStatus, at: Date) {
  switch (status) {
    case "REVOKED":
      return { revokedAt: { lte: at } };
    case "NOT_YET_VALID":
      return { OR: [{ revokedAt: null }, { revokedAt: { gt: at } }], notBefore: { gt: at } };
    case "EXPIRED":
      return { OR: [{ revokedAt: null }, { revokedAt: { gt: at } }], notAfter: { lt: at } };
    case "VALID":
      return { OR: [{ revokedAt: null }, { revokedAt: { gt: at } }], notBefore: { lte: at }, notAfter: { gte: at } };
  }
}

/** RFC 5280 allows serials of up to 20 octets; DUIS's are 128 bits. */
const MAX_SERIAL = 2n ** 160n;

/** A serial as DUIS writes it (decimal; leading zeros ignored); null when it is not one. */
export function normaliseSerial(serial: string): string | null {
  const digits = serial.trim();
  if (!/^\d{1,80}$/.test(digits)) return null;
  const value = BigInt(digits);
  return value > 0n && value < MAX_SERIAL ? value.toString(10) : null;
}

/** The certificate with that serial (decimal), whatever its status: the gateway's look-up for X509SerialNumber. */
export async function certificateBySerial(db: Tx | Db, serial: string): Promise<OrgCertificate | null> {
  const normalised = normaliseSerial(serial);
  return normalised ? db.orgCertificate.findUnique({ where: { serial: normalised } }) : null;
}

export interface SigningKey {
  privateKey: KeyObject;
  issuer: string;
  serial: string;
  certificatePem: string;
}

type KeyRow = Pick<OrgCertificate, "id" | "serial" | "issuer" | "pem"> & { encryptedKey: string };

/** Decrypted keys by certificate id. The row is read on every look-up, so revocation and expiry apply at once. */
const keyCache = new Map<string, { key: KeyObject; until: number }>();
const KEY_CACHE_MS = 10 * 60_000;

function signingKeyOf(cert: KeyRow): SigningKey {
  const clock = Date.now();
  let cached = keyCache.get(cert.id);
  if (!cached || cached.until < clock) {
    cached = { key: decryptPrivateKey(cert.encryptedKey, cert.serial), until: clock + KEY_CACHE_MS };
    keyCache.set(cert.id, cached);
  }
  return { privateKey: cached.key, issuer: cert.issuer, serial: cert.serial, certificatePem: cert.pem };
}

/**
 * The newest certificate (after a rotation, the new one signs) currently valid, unrevoked and holding a key, among
 * those `which` selects. Raw: the DCC's look-up runs for every batch of DUIS answers, and a Prisma model query costs
 * several times the query itself.
 */
async function newestSignable(db: Tx | Db, which: Prisma.Sql): Promise<SigningKey | null> {
  const at = now().toISOString();
  const [cert] = await db.$queryRaw<KeyRow[]>`
    SELECT c.id, c.serial, c.issuer, c.pem, c."encryptedKey" FROM "OrgCertificate" c
    WHERE ${which} AND c."revokedAt" IS NULL AND c."encryptedKey" IS NOT NULL AND c."notBefore" <= ${at}::timestamp(3) AND c."notAfter" >= ${at}::timestamp(3)
    ORDER BY c."createdAt" DESC, c.id DESC LIMIT 1`;
  return cert ? signingKeyOf(cert) : null;
}

/** The key to sign as this EUI-64 for this usage, or null when the portal holds none valid now. */
export function signingKeyFor(db: Tx | Db, eui64: string, usage: CertificateUsage): Promise<SigningKey | null> {
  return newestSignable(db, Prisma.sql`c.eui64 = ${eui64} AND c.usage = ${usage}::"CertificateUsage"`);
}

/** The DCC's XML-signing key (the party with isDcc), which signs every DUIS response and alert. */
export function dccSigningKey(db: Tx | Db): Promise<SigningKey | null> {
  return newestSignable(db, Prisma.sql`c.usage = 'XML_SIGNING' AND c."partyId" IN (SELECT id FROM "Party" WHERE "isDcc")`);
}

// ── Issuing ────────────────────────────────────────────────────────────────────────────────────────────────────

/** What the DCC holds: XML signing for its responses and, as Access Control Broker, Digital Signing. No file signing. */
export function usagesFor(party: Pick<Party, "isDcc">): CertificateUsage[] {
  return party.isDcc ? ["XML_SIGNING", "DIGITAL_SIGNING"] : [...CERTIFICATE_USAGES];
}

export interface NewCertificate {
  certificate: OrgCertificate;
  /** PKCS#8 PEM: for the seed's keys folder only, never shown in the portal. */
  privateKeyPem: string;
}

interface Subject {
  eui64: string;
  usage: CertificateUsage;
  roleCode: string;
  partyId: string | null;
}

async function newCertificateRow(subject: Subject, at: Date) {
  const key = await generateP256Key();
  const issued = await issueCertificate({
    eui64: subject.eui64,
    roleCode: subject.roleCode,
    publicKey: key.publicKey,
    notBefore: new Date(at.getTime() - VALID_BEFORE_MS),
    notAfter: new Date(at.getTime() + VALID_FOR_MS),
  });
  const row = {
    ...subject,
    serial: issued.serial,
    issuer: issued.issuer,
    pem: issued.pem,
    encryptedKey: encryptPrivateKey(key.pkcs8, issued.serial),
    notBefore: issued.notBefore,
    notAfter: issued.notAfter,
    createdAt: at,
  };
  return { row, privateKeyPem: crypto.createPrivateKey({ key: key.pkcs8, format: "der", type: "pkcs8" }).export({ format: "pem", type: "pkcs8" }).toString() };
}

/** A new certificate (and key) for the subject, valid now; earlier ones of the same EUI and usage stay valid. */
export async function issueOrgCertificate(tx: Tx | Db, subject: Subject): Promise<NewCertificate> {
  const { row, privateKeyPem } = await newCertificateRow(subject, now());
  return { certificate: await tx.orgCertificate.create({ data: row }), privateKeyPem };
}

/** The party's Organisation Certificates (usagesFor, or `opts.usages`), each with a new key stored encrypted. */
export async function issueOrgCertificates(
  tx: Tx | Db,
  party: Pick<Party, "id" | "eui64" | "roles" | "isDcc">,
  opts: { usages?: CertificateUsage[] } = {},
): Promise<NewCertificate[]> {
  const at = now();
  const made = await Promise.all(
    (opts.usages ?? usagesFor(party)).map((usage) => newCertificateRow({ eui64: party.eui64, usage, roleCode: roleCodeFor(party, usage), partyId: party.id }, at)),
  );
  const rows = await tx.orgCertificate.createManyAndReturn({ data: made.map((m) => m.row) });
  return rows.map((certificate) => ({ certificate, privateKeyPem: made.find((m) => m.row.serial === certificate.serial)!.privateKeyPem }));
}
