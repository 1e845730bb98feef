import type { Metadata } from "next";
import { CreateAccountForm } from "@/components/admin/forms";
import { PageHeader } from "@/components/ui/page-header";
import { PERMISSION_LABELS } from "@/lib/accounts/schemas";
import { requireActor } from "@/lib/auth/session";
import { partyOptions } from "@/lib/parties/read-parties";

export const metadata: Metadata = { title: "New account" };

export default async function NewAccountPage({ searchParams }: { searchParams: Promise<{ partyId?: string }> }) {
  const actor = await requireActor("account.manage");
  const { partyId } = await searchParams;
  const parties = await partyOptions(actor);
  return (
    <>
      <PageHeader title="New account" description="DCC accounts hold SERVICE_DESK or DCC_ADMIN; other parties' accounts hold the party permissions." />
      <CreateAccountForm
        defaultPartyId={partyId}
        parties={parties.map((p) => ({ value: p.id, label: p.isDcc ? `${p.name} (DCC)` : p.name }))}
        permissions={Object.entries(PERMISSION_LABELS).map(([value, label]) => ({ value, label }))}
      />
    </>
  );
}
