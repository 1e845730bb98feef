import type { Metadata } from "next";
import { CertificateDetails } from "@/components/smki/certificate-details";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatEui64 } from "@/lib/identifiers";
import { readCertificate } from "@/lib/smki/read-certificates";
import { USAGE_LABELS } from "@/lib/smki/schemas";

export const metadata: Metadata = { title: "Certificate" };

export default async function CertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("smki.view");
  const { id } = await params;
  // Another party's certificate reads as not found (404), never as forbidden.
  const certificate = await orPageError(() => readCertificate(actor, "smki.view", id));
  return (
    <>
      <PageHeader
        title={`${USAGE_LABELS[certificate.usage]} certificate`}
        description={`${certificate.party?.name ?? actor.partyName} · ${formatEui64(certificate.eui64)}`}
        actions={
          <>
            <ButtonLink href={`/certificates/${certificate.id}/download`} prefetch={false}>
              Download certificate
            </ButtonLink>
            <ButtonLink variant="secondary" href="/certificates">
              All certificates
            </ButtonLink>
          </>
        }
      />
      <CertificateDetails certificate={certificate} />
    </>
  );
}
