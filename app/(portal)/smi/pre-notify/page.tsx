import type { Metadata } from "next";
import Link from "next/link";
import { PreNotifyForm } from "@/components/smi/forms";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { orPageError, requireActor } from "@/lib/auth/session";
import { cplModelOptions } from "@/lib/smi/read-cpl";

export const metadata: Metadata = { title: "Pre-notify a device" };

export default async function PreNotifyPage() {
  const actor = await requireActor("smi.service-request");
  // Only 'current' CPL models may be added; a CH model is the DCC's to add.
  const models = (await orPageError(() => cplModelOptions(actor))).filter((m) => m.status === "CURRENT" && m.deviceType !== "CH");
  return (
    <>
      <PageHeader
        title="Pre-notify a device (SR 12.2)"
        description={
          <>
            Add a Smart Meter, Type 1 or Type 2 device to the SMI before it is installed. It enters the SMI as Pending (Type 2 devices have no SMI Status).{" "}
            <Link href="/smi" className="text-brand-700 underline">
              Back to the Inventory
            </Link>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Card className="md:col-span-2">
          <PreNotifyForm models={models} />
        </Card>
        <Card title="Good to know">
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>CHF and GPF are added by the DCC before it delivers the Communications Hub.</li>
            <li>Smart Meters and Type 1 devices need a Device Model that is current on the CPL.</li>
            <li>A device still Pending after 12 months is removed from the SMI and you are sent N8.</li>
            <li>While it is Pending, only your organisation can change or delete the record (SR 8.4).</li>
            <li>A Device ID is an EUI-64: 16 hexadecimal digits, with or without hyphens.</li>
          </ul>
        </Card>
      </div>
    </>
  );
}
