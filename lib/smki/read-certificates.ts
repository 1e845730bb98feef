// Reading the SMKI repository: the portal's lists and pages (an ARO its own party's, DCC admins every party's) and the
// public search and retrieval endpoint. Private keys never leave these functions: only whether one is held.
import type { CertificateUsage } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorizeResource, partyScope } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { pageWindow, toPage } from "@/lib/lists";
import { certificateStatus, normaliseSerial, statusWhere } from "./keys";
import { certificateListSchema } from "./schemas";

/** Every column but the encrypted key, plus whether the portal holds one. */
const PUBLIC_FIELDS = {
  id: true,
  serial: true,
  issuer: true,
  usage: true,
  eui64: true,
  partyId: true,
  roleCode: true,
  pem: true,
  notBefore: true,
  notAfter: true,
  revokedAt: true,
  revokedReason: true,
  createdAt: true,
  party: { select: { name: true } },
} as const;

export type SmkiAction = "smki.view" | "smki.manage";

/** The actor's certificates for the page's rule (smki.view: own party; smki.manage: every party), filtered. */
export async function listCertificates(actor: Actor, action: SmkiAction, input: Record<string, unknown>) {
  const filters = certificateListSchema.parse(input);
  const at = now();
  const where = {
    ...partyScope(actor, action),
    ...(filters.partyId && action === "smki.manage" ? { partyId: filters.partyId } : {}),
    ...(filters.usage ? { usage: filters.usage } : {}),
    ...(filters.status ? statusWhere(filters.status, at) : {}),
  };
  const [rows, count] = await db().$transaction([
    db().orgCertificate.findMany({ where, select: { ...PUBLIC_FIELDS, pem: false }, orderBy: [{ party: { name: "asc" } }, { usage: "asc" }, { createdAt: "desc" }, { id: "desc" }], ...pageWindow(filters.page) }),
    db().orgCertificate.count({ where }),
  ]);
  return toPage(rows.map((row) => ({ ...row, status: certificateStatus(row, at) })), count, filters.page);
}

/** One certificate the actor may see for the rule; another party's reads as not found. */
export async function readCertificate(actor: Actor, action: SmkiAction, id: string) {
  const row = await db().orgCertificate.findUnique({ where: { id }, select: { ...PUBLIC_FIELDS, encryptedKey: true } });
  const { encryptedKey, ...certificate } = authorizeResource(actor, action, row, "That certificate");
  return { ...certificate, status: certificateStatus(certificate, now()), holdsKey: encryptedKey !== null };
}

/** The public SMKI answer for one certificate. */
export interface PublicCertificate {
  serial: string;
  issuer: string;
  eui64: string;
  usage: CertificateUsage;
  roleCode: string | null;
  notBefore: string;
  notAfter: string;
  revoked: boolean;
  pem: string;
}

/** SMKI search (no sign-in: certificates are public): by serial, or by EUI-64 and usage, newest first. */
export async function searchCertificates(query: { serial: string } | { eui64: string; usage: CertificateUsage }): Promise<PublicCertificate[]> {
  const where = "serial" in query ? { serial: normaliseSerial(query.serial) ?? "-" } : { eui64: query.eui64, usage: query.usage };
  const rows = await db().orgCertificate.findMany({
    where,
    select: { serial: true, issuer: true, eui64: true, usage: true, roleCode: true, notBefore: true, notAfter: true, revokedAt: true, pem: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  const at = now();
  return rows.map(({ revokedAt, ...row }) => ({
    ...row,
    notBefore: row.notBefore.toISOString(),
    notAfter: row.notAfter.toISOString(),
    revoked: !!revokedAt && revokedAt <= at,
  }));
}

/** SMKI retrieval: the PEM of the certificate with that serial, or null. */
export async function certificatePemBySerial(serial: string): Promise<string | null> {
  const normalised = normaliseSerial(serial);
  if (!normalised) return null;
  return (await db().orgCertificate.findUnique({ where: { serial: normalised }, select: { pem: true } }))?.pem ?? null;
}
