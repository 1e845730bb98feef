// DCC admins keep the SMKI: import a party's certificate (PEM, no key), rotate one the portal issued (a new one valid
// beside the old), revoke one (exactly once).
import type { OrgCertificate } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { formatLondon, now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { issueOrgCertificate } from "./keys";
import { certificateRefSchema, importCertificateSchema, revokeCertificateSchema, USAGE_LABELS, type ImportCertificateInput, type RevokeCertificateInput } from "./schemas";
import { parseCertificatePem, type ParsedCertificate } from "./x509";

/** What the audit trail keeps of a certificate: never its key. */
const summary = (c: Pick<OrgCertificate, "serial" | "issuer" | "usage" | "eui64" | "roleCode" | "notBefore" | "notAfter">) => ({
  serial: c.serial,
  issuer: c.issuer,
  usage: c.usage,
  eui64: c.eui64,
  roleCode: c.roleCode,
  notBefore: c.notBefore,
  notAfter: c.notAfter,
});

const invalidPem = (message: string) => new AppError("INVALID", message, { pem: message });
const duplicate = (serial: string) => invalidPem(`A certificate with serial ${serial} is already in the SMKI repository.`);

/** A certificate from outside the portal (the party's own CA, DCC Boxed's ZAZ1 set...): public part only. */
export async function importCertificate(actor: Actor, input: ImportCertificateInput): Promise<OrgCertificate> {
  authorize(actor, "smki.manage");
  const data = importCertificateSchema.parse(input);
  let parsed: ParsedCertificate;
  try {
    parsed = parseCertificatePem(data.pem);
  } catch (error) {
    throw invalidPem((error as Error).message);
  }
  if (parsed.keyType !== "ECDSA P-256") throw invalidPem(`The certificate's key is ${parsed.keyType || "of an unknown type"}: Organisation Certificates use ECDSA P-256.`);
  if (!parsed.canSign) throw invalidPem("The certificate's key usage does not include digitalSignature: it cannot sign.");
  if (!parsed.eui64) throw invalidPem("The certificate's subject has no x500UniqueIdentifier holding an EUI-64, so no sender can be matched to it.");
  if (parsed.notAfter < parsed.notBefore) throw invalidPem("The certificate's validity ends before it starts.");
  const eui64 = parsed.eui64;
  try {
    return await db().$transaction(async (tx) => {
      const party = data.partyId ? await tx.party.findUnique({ where: { id: data.partyId } }) : await tx.party.findUnique({ where: { eui64 } });
      if (data.partyId && !party) throw new AppError("INVALID", "That party does not exist.", { partyId: "Choose a party." });
      if (party && party.eui64 !== eui64) {
        const message = `The certificate is for EUI-64 ${formatEui64(eui64)}, not ${party.name}'s ${formatEui64(party.eui64)}.`;
        throw new AppError("INVALID", message, { partyId: message });
      }
      if (await tx.orgCertificate.findUnique({ where: { serial: parsed.serial }, select: { id: true } })) throw duplicate(parsed.serial);
      const certificate = await tx.orgCertificate.create({
        data: {
          serial: parsed.serial,
          issuer: parsed.issuer,
          usage: data.usage,
          eui64,
          partyId: party?.id ?? null,
          roleCode: parsed.roleCode,
          pem: parsed.pem,
          notBefore: parsed.notBefore,
          notAfter: parsed.notAfter,
          createdAt: now(),
        },
      });
      await audit(tx, actor, { action: "certificate.import", entityType: "OrgCertificate", entityId: certificate.id, partyId: certificate.partyId, after: summary(certificate) });
      return certificate;
    });
  } catch (error) {
    // Two imports of one certificate at once: the unique serial refuses the second.
    if (isUniqueViolation(error)) throw duplicate(parsed.serial);
    throw error;
  }
}

/** A new certificate and key for the same EUI-64, usage and role; the old one stays valid until it expires or is revoked. */
export async function rotateCertificate(actor: Actor, input: { certificateId: string }): Promise<OrgCertificate> {
  authorize(actor, "smki.manage");
  const { certificateId } = certificateRefSchema.parse(input);
  return db().$transaction(async (tx) => {
    const old = await tx.orgCertificate.findUnique({ where: { id: certificateId } });
    if (!old) throw new AppError("NOT_FOUND", "That certificate is not in the SMKI repository.");
    if (!old.encryptedKey || !old.roleCode) {
      throw new AppError("CONFLICT", "This certificate was imported: the portal holds no key for its subject. Import its successor from the CA that issued it.");
    }
    const { certificate } = await issueOrgCertificate(tx, { eui64: old.eui64, usage: old.usage, roleCode: old.roleCode, partyId: old.partyId });
    await audit(tx, actor, {
      action: "certificate.rotate",
      entityType: "OrgCertificate",
      entityId: certificate.id,
      partyId: certificate.partyId,
      before: { replaces: old.serial },
      after: summary(certificate),
    });
    return certificate;
  });
}

/** Revokes a certificate, once: of two admins revoking it at once, one is told it already was. */
export async function revokeCertificate(actor: Actor, input: RevokeCertificateInput): Promise<OrgCertificate> {
  authorize(actor, "smki.manage");
  const { certificateId, reason } = revokeCertificateSchema.parse(input);
  return db().$transaction(async (tx) => {
    const at = now();
    const [revoked] = await tx.orgCertificate.updateManyAndReturn({ where: { id: certificateId, revokedAt: null }, data: { revokedAt: at, revokedReason: reason } });
    if (!revoked) {
      const current = await tx.orgCertificate.findUnique({ where: { id: certificateId }, select: { revokedAt: true, usage: true, serial: true } });
      if (!current) throw new AppError("NOT_FOUND", "That certificate is not in the SMKI repository.");
      throw new AppError("CONFLICT", `This ${USAGE_LABELS[current.usage]} certificate (serial ${current.serial}) was already revoked on ${formatLondon(current.revokedAt!)}.`);
    }
    await audit(tx, actor, {
      action: "certificate.revoke",
      entityType: "OrgCertificate",
      entityId: revoked.id,
      partyId: revoked.partyId,
      before: { revokedAt: null },
      after: { ...summary(revoked), revokedAt: at, revokedReason: reason },
    });
    return revoked;
  });
}
