// One Organisation Certificate as its pages show it: what the SMKI repository holds, and its PEM. Never a key.
import { Badge, Card, DefinitionList } from "@/components/ui/card";
import type { CertificateUsage } from "@/generated/prisma/enums";
import { formatLondon } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";
import type { CertificateStatus } from "@/lib/smki/keys";
import { STATUS_LABELS, USAGE_LABELS } from "@/lib/smki/schemas";

const STATUS_TONES = { VALID: "green", NOT_YET_VALID: "blue", EXPIRED: "amber", REVOKED: "red" } as const;

export function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

export interface CertificateView {
  id: string;
  serial: string;
  issuer: string;
  usage: CertificateUsage;
  eui64: string;
  roleCode: string | null;
  pem: string;
  notBefore: Date;
  notAfter: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  createdAt: Date;
  status: CertificateStatus;
  holdsKey: boolean;
  party: { name: string } | null;
}

export function CertificateDetails({ certificate }: { certificate: CertificateView }) {
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Card title="Certificate">
        <DefinitionList
          items={[
            ["Usage", USAGE_LABELS[certificate.usage]],
            ["Status", <CertificateStatusBadge key="status" status={certificate.status} />],
            ["Party", certificate.party?.name ?? "No party with this EUI-64"],
            ["Subject EUI-64", <span key="eui" className="font-mono">{formatEui64(certificate.eui64)}</span>],
            ["Role code (OU)", certificate.roleCode ?? "—"],
            ["Serial (decimal)", <span key="serial" className="break-all font-mono text-xs" data-testid="certificate-serial">{certificate.serial}</span>],
            ["Issuer", <span key="issuer" className="font-mono text-xs">{certificate.issuer}</span>],
            ["Valid from", formatLondon(certificate.notBefore, "d MMM yyyy, HH:mm:ss")],
            ["Valid to", formatLondon(certificate.notAfter, "d MMM yyyy, HH:mm:ss")],
            ...(certificate.revokedAt
              ? ([
                  ["Revoked", formatLondon(certificate.revokedAt, "d MMM yyyy, HH:mm:ss")],
                  ["Reason", certificate.revokedReason ?? "—"],
                ] as [string, React.ReactNode][])
              : []),
            ["Private key", certificate.holdsKey ? "Held by the DCC, encrypted: never downloadable here" : "Not held by the DCC (imported certificate)"],
            ["Added", formatLondon(certificate.createdAt)],
          ]}
        />
      </Card>
      <Card title="PEM">
        <pre tabIndex={0} className="overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs" data-testid="certificate-pem">
          {certificate.pem}
        </pre>
      </Card>
    </div>
  );
}
