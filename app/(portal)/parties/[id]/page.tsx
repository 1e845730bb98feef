import type { Metadata } from "next";
import Link from "next/link";
import { PartySuspensionActions } from "@/components/admin/forms";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can, PERMISSION_NAMES } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";
import { getParty } from "@/lib/parties/read-parties";
import { SUSPENSION_REASON_MAX, USER_ROLE_LABELS } from "@/lib/parties/schemas";

export const metadata: Metadata = { title: "Party" };

export default async function PartyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const party = await orPageError(() => getParty(actor, id));
  const manage = can(actor, "account.manage");
  const suspended = party.suspendedAt !== null;
  return (
    <>
      <PageHeader
        title={party.name}
        description={party.isDcc ? "The DCC" : party.roles.map((r) => USER_ROLE_LABELS[r]).join(" · ")}
        actions={manage ? <ButtonLink href={`/admin/accounts/new?partyId=${party.id}`}>New account</ButtonLink> : null}
      />
      {suspended ? (
        <div role="status" className="mb-4 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-medium">Suspended from sending Service Requests since {formatLondon(party.suspendedAt!)}.</p>
          <p className="mt-1 whitespace-pre-line">{party.suspensionReason}</p>
          <p className="mt-1">Every Service Request from this party is refused with E3 until the suspension is lifted.</p>
        </div>
      ) : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Card title="Party">
          <DefinitionList
            items={[
              ["Party ID", <span key="id" className="font-mono text-xs">{formatEui64(party.eui64)}</span>],
              ["User Roles", party.isDcc ? <Badge tone="blue">DCC</Badge> : party.roles.map((r) => <Badge key={r}>{r}</Badge>)],
              ["Service Requests", party.isDcc ? "—" : suspended ? <Badge tone="red">suspended</Badge> : <Badge tone="green">permitted</Badge>],
              ["Contact", party.contactEmail ?? "—"],
              ["Registered", formatLondon(party.createdAt)],
            ]}
          />
        </Card>
        <Card title={`Staff accounts (${party.accounts.length})`} className="md:col-span-2">
          <ul className="divide-y divide-slate-100 text-sm">
            {party.accounts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link href={`/accounts/${a.id}`} className="font-medium text-brand-700 hover:underline">
                  {a.name}
                </Link>
                <span className="text-slate-600">{a.email}</span>
                <span className="flex gap-1">
                  {a.permissions.map((p) => (
                    <Badge key={p}>{PERMISSION_NAMES[p]}</Badge>
                  ))}
                  {a.disabled ? <Badge tone="red">disabled</Badge> : null}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        {can(actor, "party.manage") && !party.isDcc ? (
          <Card title="Service Requests (SEC M8.5)">
            <PartySuspensionActions partyId={party.id} suspended={suspended} reasonMax={SUSPENSION_REASON_MAX} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
