import { z } from "zod";
import { CertificateUsage } from "@/generated/prisma/enums";
import { optionalReference, pageNumber, reference, requiredText } from "@/lib/validation";

export const USAGE_LABELS: Record<CertificateUsage, string> = {
  XML_SIGNING: "XML signing",
  DIGITAL_SIGNING: "Digital Signing",
  FILE_SIGNING: "File Signing",
};

export const STATUS_LABELS = { VALID: "Valid", NOT_YET_VALID: "Not yet valid", EXPIRED: "Expired", REVOKED: "Revoked" } as const;

/** How the SMKI search endpoint and the keys folder name a usage. */
export const USAGE_SLUGS: Record<CertificateUsage, string> = {
  XML_SIGNING: "xml-signing",
  DIGITAL_SIGNING: "digital-signing",
  FILE_SIGNING: "file-signing",
};

/** A PEM certificate is about 800 characters; a chain or a stray file is refused long before the database. */
const MAX_PEM_CHARACTERS = 20_000;

export const importCertificateSchema = z.object({
  pem: requiredText("The certificate", MAX_PEM_CHARACTERS, { multiline: true, missing: "Paste the certificate in PEM form." }),
  partyId: optionalReference(),
  usage: z.enum(CertificateUsage, "Choose what the certificate is for."),
});
export type ImportCertificateInput = z.input<typeof importCertificateSchema>;

export const revokeCertificateSchema = z.object({
  certificateId: reference("Which certificate?"),
  reason: requiredText("The reason", 500, { multiline: true, missing: "Give the reason for revoking (e.g. key compromised)." }),
});
export type RevokeCertificateInput = z.input<typeof revokeCertificateSchema>;

export const certificateRefSchema = z.object({ certificateId: reference("Which certificate?") });

export const certificateListSchema = z.object({
  partyId: optionalReference().catch(undefined),
  usage: z.enum(CertificateUsage).optional().catch(undefined),
  status: z.enum(["VALID", "NOT_YET_VALID", "EXPIRED", "REVOKED"]).optional().catch(undefined),
  page: pageNumber(),
});
