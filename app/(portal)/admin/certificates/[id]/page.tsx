import type { Metadata } from "next";
import { CertificateDetails } from "@/components/smki/certificate-details";
import { RevokeCertificateForm, RotateCertificateForm } from "@/components/smki/forms";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatEui64 } from "@/lib/identifiers";
import { readCertificate } from "@/lib/smki/read-certificates";
import { USAGE_LABELS } from "@/lib/smki/schemas";

export const metadata: Metadata = { title: "SMKI certificate" };

const DONE = {
  imported: "Certificate imported.",
  rotated: "New certificate issued. The one it replaces stays valid until it expires or is revoked.",
  revoked: "Certificate revoked. Requests signed with it are refused from now on, and the SMKI search shows it revoked.",
} as const;

export default async function SmkiCertificatePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const actor = await requireActor("smki.manage");
  const { id } = await params;
  const { done } = await searchParams;
  const certificate = await orPageError(() => readCertificate(actor, "smki.manage", id));
  return (
    <>
      <PageHeader
        title={`${USAGE_LABELS[certificate.usage]} certificate`}
        description={`${certificate.party?.name ?? "No party"} · ${formatEui64(certificate.eui64)}`}
        actions={
          <>
            <ButtonLink variant="secondary" href={`/certificates/${certificate.id}/download`} prefetch={false}>
              Download certificate
            </ButtonLink>
            <ButtonLink variant="secondary" href="/admin/certificates">
              All certificates
            </ButtonLink>
          </>
        }
      />
      {done && done in DONE ? (
        <p role="status" data-testid="done-message" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {DONE[done as keyof typeof DONE]}
        </p>
      ) : null}
      <CertificateDetails certificate={certificate} />
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        {certificate.holdsKey ? (
          <Card title="Rotate">
            <RotateCertificateForm certificateId={certificate.id} />
          </Card>
        ) : null}
        {certificate.revokedAt ? null : (
          <Card title="Revoke">
            <RevokeCertificateForm certificateId={certificate.id} />
          </Card>
        )}
      </div>
    </>
  );
}
