import type { Metadata } from "next";
import Link from "next/link";
import { AccountAdminActions } from "@/components/admin/forms";
import { Badge, Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getAccount } from "@/lib/accounts/read-accounts";
import { can, PERMISSION_NAMES, PERMISSION_SCOPES } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon, now } from "@/lib/clock";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const account = await orPageError(() => getAccount(actor, id));
  const locked = account.lockedUntil && account.lockedUntil > now();
  return (
    <>
      <PageHeader title={account.name} description={account.email} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Card title="Account" className="md:col-span-2">
          <DefinitionList
            items={[
              ["Party", <Link key="p" href={`/parties/${account.party.id}`} className="text-brand-700 hover:underline">{account.party.name}</Link>],
              [
                "Permissions",
                <ul key="perm" className="space-y-1">
                  {account.permissions.map((p) => (
                    <li key={p}>
                      <Badge>{PERMISSION_NAMES[p]}</Badge> <span className="text-slate-600">{PERMISSION_SCOPES[p]}</span>
                    </li>
                  ))}
                </ul>,
              ],
              ["Status", account.disabled ? <Badge tone="red">disabled</Badge> : locked ? <Badge tone="amber">locked until {formatLondon(account.lockedUntil!, "HH:mm")}</Badge> : <Badge tone="green">active</Badge>],
              ["Last sign-in", account.lastSignInAt ? formatLondon(account.lastSignInAt) : "never"],
              ["Password changed", formatLondon(account.passwordChangedAt)],
              ["Created", formatLondon(account.createdAt)],
            ]}
          />
        </Card>
        {can(actor, "account.manage") ? (
          <Card title="Administration">
            <AccountAdminActions accountId={account.id} disabled={account.disabled} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
