import type { Metadata } from "next";
import Link from "next/link";
import { Card, Stat } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { adminOverview } from "@/lib/home/admin-overview";
import { USER_ROLE_LABELS } from "@/lib/parties/schemas";

export const metadata: Metadata = { title: "Home" };

function WorkLinks({ links }: { links: [string, string, string][] }) {
  return (
    <ul className="space-y-2">
      {links.map(([href, label, description]) => (
        <li key={href}>
          <Link href={href} className="font-medium text-brand-700 hover:underline">
            {label}
          </Link>
          <span className="text-sm text-slate-600"> — {description}</span>
        </li>
      ))}
    </ul>
  );
}

async function AdminHome({ actor }: { actor: Actor }) {
  const o = await adminOverview(actor);
  return (
    <div className="space-y-4" data-testid="home-dcc-admin">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-6">
        <Stat label="Parties" value={o.parties} href="/admin/parties" />
        <Stat label="Accounts" value={o.accounts} href="/admin/accounts" />
        <Stat label="Locked accounts" value={o.locked} href="/admin/accounts?status=locked" />
        <Stat label="Disabled accounts" value={o.disabled} href="/admin/accounts?status=disabled" />
        <Stat label="Emails waiting" value={o.pendingEmails} href="/admin/outbox?status=PENDING" />
        <Stat label="Emails failed" value={o.failedEmails} href="/admin/outbox?status=FAILED" />
      </div>
      <Card title="DCC administration">
        <WorkLinks
          links={[
            ["/smi", "Inventory", "search the Smart Metering Inventory by Device ID, MPxN, postcode or UPRN"],
            ["/admin/cpl", "Certified Products List", "Device Models on the CPL; remove a model to suspend its devices"],
            ["/alerts", "DCC Alerts", "N-codes sent to every party"],
            ["/admin/parties", "Parties", "register organisations and their User Roles"],
            ["/admin/accounts", "Accounts", "create staff accounts, set permissions, disable, reset passwords"],
            ["/audit", "Audit trail", "every change, by every party"],
            ["/admin/outbox", "Email outbox", "notifications sent and waiting"],
          ]}
        />
      </Card>
    </div>
  );
}

function ServiceDeskHome() {
  return (
    <Card title="Service desk">
      <div data-testid="home-service-desk">
        <WorkLinks
          links={[
            ["/smi", "Inventory", "look up any device in the Smart Metering Inventory"],
            ["/audit", "Audit trail", "changes made by DCC staff accounts"],
          ]}
        />
      </div>
    </Card>
  );
}

function SroHome() {
  return (
    <Card title="Senior Responsible Officer">
      <div data-testid="home-sro">
        <WorkLinks links={[["/audit", "Audit trail", "your organisation's recorded actions and decisions"]]} />
      </div>
    </Card>
  );
}

function PartyUserHome({ actor }: { actor: Actor }) {
  return (
    <Card title="Your organisation's work">
      <div data-testid="home-party-user">
        <WorkLinks
          links={[
            ["/smi", "Inventory", "search the Smart Metering Inventory, open a device, send SR 8.4 and SR 8.3"],
            ["/smi/pre-notify", "Pre-notify a device", "SR 12.2: add a meter or HAN device to the SMI before installing it"],
            ["/alerts", "DCC Alerts", `N-codes the DCC sent to ${actor.partyName}`],
            ["/audit", "Audit trail", `what accounts of ${actor.partyName} did and what was done to them`],
            [`/parties/${actor.partyId}`, "Organisation", "your party's User Roles and staff accounts"],
          ]}
        />
      </div>
    </Card>
  );
}

function OrganisationHome({ actor }: { actor: Actor }) {
  return (
    <Card title="Your organisation">
      <div data-testid="home-organisation">
        <WorkLinks links={[[`/parties/${actor.partyId}`, actor.partyName, "User Roles and staff accounts of your party"]]} />
      </div>
    </Card>
  );
}

export default async function HomePage() {
  const actor = await requireActor("home.view");
  const has = (p: Actor["permissions"][number]) => actor.permissions.includes(p);
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
        {actor.isDcc && has("SERVICE_DESK") ? <ServiceDeskHome /> : null}
        {!actor.isDcc && has("SRO") ? <SroHome /> : null}
        {!actor.isDcc && has("PARTY_USER") ? <PartyUserHome actor={actor} /> : null}
        {!actor.isDcc && !has("PARTY_USER") ? <OrganisationHome actor={actor} /> : null}
      </div>
    </>
  );
}
