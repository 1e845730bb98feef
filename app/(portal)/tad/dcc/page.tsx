import type { Metadata } from "next";
import Link from "next/link";
import { DccThresholdsForm, RestoreThresholdsForm } from "@/components/tad/adt-forms";
import { ThresholdVersions } from "@/components/tad/threshold-versions";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { listThresholdVersions } from "@/lib/tad/thresholds";

export const metadata: Metadata = { title: "DCC thresholds" };

export default async function DccThresholdsPage() {
  const actor = await requireActor("tad.dcc.manage");
  const versions = await listThresholdVersions(actor, {});
  const active = versions.find((v) => v.active);
  const lines = (active?.thresholds ?? [])
    .map((t) => (t.kind === "PACKET" ? `${t.srv},PACKET,${t.param},${t.minValue ?? ""},${t.maxValue ?? ""}` : `${t.srv},ADT,${t.maxCount},${t.periodMinutes}`))
    .join("\n");
  return (
    <>
      <PageHeader
        title="DCC thresholds"
        description={
          <>
            Aggregate ADTs per SRV across all Users (P18) and packet-inspection ranges of a value inside the command (P16). A breach quarantines the command on the
            DCC-ADT path.{" "}
            <Link href="/tad" className="text-brand-700 underline">
              ADT submissions
            </Link>
          </>
        }
      />
      <div className="mb-4 grid gap-4 lg:grid-cols-3">
        <Card title={active ? `Edit (version ${active.version} in force)` : "Set the first version"} className="lg:col-span-2">
          <DccThresholdsForm current={lines} temporary={false} />
        </Card>
        <Card title="Temporary change">
          {active?.temporary ? (
            <>
              <p className="mb-3 text-sm text-slate-700">Version {active.version} is a temporary change. Restoring puts the version before it back in force as a new version.</p>
              <RestoreThresholdsForm setId={active.id} label={`Restore the version before ${active.version}`} />
            </>
          ) : (
            <p className="text-sm text-slate-700">The version in force is not temporary. Tick “Temporary change” when applying one (e.g. during SMKI recovery) to be able to restore.</p>
          )}
        </Card>
      </div>
      <h2 className="mb-2 text-lg font-semibold">Versions</h2>
      <ThresholdVersions versions={versions} />
    </>
  );
}
