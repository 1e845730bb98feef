import type { Metadata } from "next";
import { CreateAccountForm } from "@/components/admin/forms";
import { PageHeader } from "@/components/ui/page-header";
import { Permission } from "@/generated/prisma/enums";
import { PERMISSION_NAMES, PERMISSION_SCOPES } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { partyOptions } from "@/lib/parties/read-parties";

export const metadata: Metadata = { title: "New account" };

export default async function NewAccountPage({ searchParams }: { searchParams: Promise<{ partyId?: string }> }) {
  const actor = await requireActor("account.manage");
  const { partyId } = await searchParams;
  const parties = await partyOptions(actor);
  return (
    <>
      <PageHeader title="New account" description="DCC accounts are DCC service desk or DCC administrator accounts; other parties' accounts hold the party permissions." />
      <CreateAccountForm
        defaultPartyId={partyId}
        parties={parties.map((p) => ({ value: p.id, label: p.isDcc ? `${p.name} (DCC)` : p.name }))}
        permissions={Object.values(Permission).map((p) => ({ value: p, label: `${PERMISSION_NAMES[p]} (${PERMISSION_SCOPES[p]})` }))}
      />
    </>
  );
}
