import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CpaExpiryCell, CplStatusBadge, SmiStatusBadge } from "@/components/smi/badges";
import { CplStatusForm } from "@/components/smi/cpl-forms";
import { ButtonLink } from "@/components/ui/button";
import { Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatCount } from "@/lib/format";
import { readCplModel } from "@/lib/smi/read-cpl";
import { STATUS_LABELS } from "@/lib/smi/status-machine";

export const metadata: Metadata = { title: "CPL entry" };

const CPL_TYPES = { ESME: "ESME", GSME: "GSME", CH: "Communications Hub (CHF and GPF)", PPMID: "PPMID", HCALCS: "HCALCS" } as const;
const STATUS_ORDER = Object.keys(STATUS_LABELS);

export default async function CplEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("cpl.manage");
  const { id } = await params;
  const entry = await orPageError(() => readCplModel(actor, id));
  if (!entry) notFound();
  const { model, cpaExpiry, byStatus, deviceCount } = entry;
  const counts = [...byStatus].sort((a, b) => STATUS_ORDER.indexOf(a.status ?? "") - STATUS_ORDER.indexOf(b.status ?? ""));
  return (
    <>
      <PageHeader
        title={`${model.manufacturer} ${model.model}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <CplStatusBadge status={model.status} long />
            <span>
              {CPL_TYPES[model.deviceType]} · hardware {model.hardwareVersion} · firmware {model.firmwareVersion}
            </span>
          </span>
        }
        actions={
          <ButtonLink variant="secondary" href={`/smi?model=${model.id}`}>
            Devices of this model
          </ButtonLink>
        }
      />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Card title="CPL entry" className="md:col-span-2">
          <DefinitionList
            items={[
              ["Device type", CPL_TYPES[model.deviceType]],
              ["Manufacturer", model.manufacturer],
              ["Model", model.model],
              ["Hardware version", model.hardwareVersion],
              ["Firmware version", model.firmwareVersion],
              [model.deviceType === "CH" ? "CHTS version" : "SMETS version", model.technicalSpecVersion],
              ["GBCS version", model.gbcsVersion],
              ["ZigBee certificate", model.zigbeeCertificateId ?? "—"],
              ["DLMS certificate", model.dlmsCertificateId ?? "—"],
              ["CPA certificate", model.cpaCertificateId ?? "—"],
              ["CPA expiry", <CpaExpiryCell key="e" expiresOn={model.cpaExpiresOn} expiry={cpaExpiry} />],
              ["CPL status", <CplStatusBadge key="s" status={model.status} long />],
              ["Status since", formatLondon(model.statusChangedAt)],
              ["Listed", formatLondon(model.createdAt)],
            ]}
          />
        </Card>
        <div className="space-y-4">
          <Card title={`Devices in the SMI (${formatCount(deviceCount)})`}>
            {counts.length === 0 ? (
              <p className="text-sm text-slate-600">No device of this model is in the SMI.</p>
            ) : (
              <div className="relative overflow-x-auto">
                <table className="w-full text-left text-sm" data-testid="status-counts">
                  <caption className="sr-only">Devices of this model by SMI Status</caption>
                  <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className="py-1.5 font-semibold">
                        SMI Status
                      </th>
                      <th scope="col" className="py-1.5 text-right font-semibold">
                        Devices
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {counts.map((c) => (
                      <tr key={c.status ?? "none"}>
                        <td className="py-1.5">
                          {c.status ? (
                            <Link href={`/smi?model=${model.id}&status=${c.status}`} className="hover:underline">
                              <SmiStatusBadge status={c.status} />
                            </Link>
                          ) : (
                            "No SMI Status"
                          )}
                        </td>
                        <td className="py-1.5 text-right tabular-nums">{formatCount(c.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Link href={`/smi?model=${model.id}`} className="mt-3 inline-block text-sm text-brand-700 underline">
              Devices of this model
            </Link>
          </Card>
          <Card title="CPL status">
            <CplStatusForm modelId={model.id} status={model.status} deviceCount={deviceCount} />
          </Card>
        </div>
      </div>
    </>
  );
}
