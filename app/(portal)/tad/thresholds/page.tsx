import type { Metadata } from "next";
import Link from "next/link";
import { ThresholdVersions } from "@/components/tad/threshold-versions";
import { EmptyState } from "@/components/ui/card";
import { FilterBar, OptionsSelect } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { can, seesAllParties } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { otherPartyOptions } from "@/lib/parties/read-parties";
import { USER_ROLE_LABELS } from "@/lib/parties/schemas";
import { DCC_SCOPE, listThresholdVersions } from "@/lib/tad/thresholds";

export const metadata: Metadata = { title: "Thresholds in force" };

export default async function ThresholdsPage({ searchParams }: { searchParams: Promise<{ partyId?: string; role?: string }> }) {
  const actor = await requireActor("tad.view");
  const search = await searchParams;
  const allParties = seesAllParties(actor, "tad.view");
  const role = search.role && search.role in USER_ROLE_LABELS ? (search.role as keyof typeof USER_ROLE_LABELS) : undefined;
  const versions = await orPageError(() => listThresholdVersions(actor, { partyId: search.partyId || undefined, role }));
  const parties = allParties ? await otherPartyOptions(actor, "tad.view") : [];
  return (
    <>
      <PageHeader
        title="Thresholds in force"
        description={
          <>
            Each ADT File applied is a new version for its User Role; earlier versions are kept.{" "}
            <Link href="/tad" className="text-brand-700 underline">
              ADT submissions
            </Link>
          </>
        }
      />
      <FilterBar action="/tad/thresholds">
        {allParties ? (
          <label className="text-sm">
            <span className="mb-1 block font-medium">Owner</span>
            <OptionsSelect
              name="partyId"
              value={search.partyId}
              anyLabel="The DCC (aggregate and packet)"
              options={Object.fromEntries(parties.map((p) => [p.id, p.name]))}
            />
          </label>
        ) : null}
        <label className="text-sm">
          <span className="mb-1 block font-medium">User Role</span>
          <OptionsSelect name="role" value={role} options={USER_ROLE_LABELS} />
        </label>
      </FilterBar>
      {versions.length ? (
        <ThresholdVersions versions={versions} restore={can(actor, "tad.thresholds.restore")} />
      ) : (
        <EmptyState title="No thresholds yet.">
          {allParties && (!search.partyId || search.partyId === DCC_SCOPE) ? "Set them on the DCC thresholds page." : "They are set by signed ADT File against an SMSR."}
        </EmptyState>
      )}
    </>
  );
}
