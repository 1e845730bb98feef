import type { Metadata } from "next";
import { AdminHome } from "@/components/home/admin-home";
import { OmsHome, OrganisationHome, PartyUserHome, SroHome } from "@/components/home/party-homes";
import { ServiceDeskHome } from "@/components/home/service-desk-home";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { USER_ROLE_LABELS } from "@/lib/parties/schemas";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const actor = await requireActor("home.view");
  return (
    <>
      <PageHeader
        title={`Welcome, ${actor.name}`}
        description={
          <>
            {actor.partyName}
            {actor.roles.length > 0 ? ` · ${actor.roles.map((r) => USER_ROLE_LABELS[r]).join(", ")}` : ""}
          </>
        }
      />
      <div className="space-y-4">
        {can(actor, "account.manage") ? <AdminHome actor={actor} /> : null}
        {can(actor, "home.service-desk") ? <ServiceDeskHome actor={actor} /> : null}
        {can(actor, "home.sro") ? <SroHome actor={actor} /> : null}
        {can(actor, "home.party-user") ? <PartyUserHome actor={actor} /> : null}
        {can(actor, "home.oms") ? <OmsHome actor={actor} /> : null}
        {can(actor, "home.organisation") && !can(actor, "home.party-user") ? <OrganisationHome actor={actor} /> : null}
      </div>
    </>
  );
}
