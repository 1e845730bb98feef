import type { Metadata } from "next";
import { CreatePartyForm } from "@/components/admin/forms";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { USER_ROLE_LABELS } from "@/lib/parties/schemas";

export const metadata: Metadata = { title: "New party" };

export default async function NewPartyPage() {
  await requireActor("party.manage");
  return (
    <>
      <PageHeader title="New party" description="Register an organisation and the User Roles it holds under the SEC." />
      <CreatePartyForm roles={Object.entries(USER_ROLE_LABELS).map(([value, label]) => ({ value, label }))} />
    </>
  );
}
