import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { RaiseSmsrForm } from "@/components/tad/adt-forms";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { APPLY_WITHIN_HOURS } from "@/lib/tad/adt-files";

export const metadata: Metadata = { title: "Raise an ADT SMSR" };

export default async function RaiseSmsrPage() {
  await requireActor("tad.adt.submit");
  return (
    <>
      <PageHeader
        title="Raise an ADT SMSR"
        description={
          <>
            The SMSR reference identifies your ADT File.{" "}
            <Link href="/tad" className="text-brand-700 underline">
              Back to ADT submissions
            </Link>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <RaiseSmsrForm formKey={randomUUID()} />
        </Card>
        <Card title="What happens next">
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
            <li>Upload the ADT File and its signature, made with your File Signing key, on the SMSR.</li>
            <li>The DCC checks the signature, the certificate and the format, in that order; any failure closes the SMSR with the reason.</li>
            <li>Thresholds within DCC guidance are applied at once; others wait for your SRO to confirm or decline.</li>
            <li>
              The DCC applies within {APPLY_WITHIN_HOURS.standard} hours of receiving the file ({APPLY_WITHIN_HOURS.fastTrack} hours Fast-Track) and notifies
              the Security Sub-Committee.
            </li>
          </ol>
        </Card>
      </div>
    </>
  );
}
