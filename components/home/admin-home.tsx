import { Card, Stat } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/actor";
import { adminOverview } from "@/lib/home/admin-overview";
import { WorkLinks } from "./work-links";

export async function AdminHome({ actor }: { actor: Actor }) {
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
