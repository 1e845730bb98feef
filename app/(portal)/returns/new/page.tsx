import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { NotifyReturnForm } from "@/components/returns/notify-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { addWorkingDays, formatLondon, londonDate, now } from "@/lib/clock";
import { otherPartyOptions } from "@/lib/parties/read-parties";
import { RETURN_RULES } from "@/lib/returns/catalog";

export const metadata: Metadata = { title: "Notify a removed CH" };

/** The earliest removal date a party may still notify today: its 5th Working Day after is today or later. */
function earliestRemovalDate(today: string): string {
  const noon = (date: string) => new Date(`${date}T12:00:00Z`);
  let date = today;
  for (let i = 0; i < 30; i++) {
    const before = londonDate(new Date(noon(date).getTime() - 86_400_000));
    if (londonDate(addWorkingDays(noon(before), RETURN_RULES.notifyWorkingDays)) < today) break;
    date = before;
  }
  return date;
}

export default async function NotifyReturnPage({ searchParams }: { searchParams: Promise<{ deviceId?: string }> }) {
  const actor = await requireActor("ch.view");
  const viaServiceDesk = can(actor, "ch.return.record");
  if (!viaServiceDesk && !can(actor, "ch.return")) forbidden();
  const { deviceId } = await searchParams;
  const parties = viaServiceDesk ? await orPageError(() => otherPartyOptions(actor, "ch.return.record")) : null;
  const today = londonDate(now());
  const earliest = earliestRemovalDate(today);

  return (
    <>
      <PageHeader
        title="Notify a removed CH"
        description={
          viaServiceDesk
            ? "Record a party's return notification given to the Service Desk because its SRV 8.14.3 / 8.14.4 could not be sent (CHIMSM 9.9)."
            : `The CH Status Update for a Communications Hub ${actor.partyName} removed or will return. It creates the return record you then book in with an RMA.`
        }
        actions={
          <Link href="/returns" className="text-sm text-brand-700 underline">
            All returns
          </Link>
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card>
            <NotifyReturnForm parties={parties} today={today} defaultDeviceId={deviceId} formKey={randomUUID()} />
          </Card>
        </div>
        <Card title="The rules">
          <ul className="list-disc space-y-2 pl-5 text-sm text-slate-700">
            <li data-testid="notify-rule">
              Notify within <strong>{RETURN_RULES.notifyWorkingDays} Working Days</strong> of removal (CHIMSM 9.3).{" "}
              {viaServiceDesk ? (
                <>A Service Desk notification is accepted later, and flagged as late.</>
              ) : (
                <>
                  Today that means a CH removed on <strong data-testid="earliest-removal">{formatLondon(new Date(`${earliest}T12:00:00Z`), "EEEE d MMM yyyy")}</strong> or later. For an
                  older removal, contact the Service Desk.
                </>
              )}
            </li>
            <li>
              A CH that was ever installed must be back at a DCC Returns Location within <strong>{RETURN_RULES.returnDays} days</strong> of removal, or it is
              treated as lost or stolen and blocked from the SM WAN (F8.6).
            </li>
            <li>
              Next, request an RMA: a Returns Location and a return date at least {RETURN_RULES.rmaLeadWorkingDays} Working Days ahead (CHIMSM 10.5-10.6).
            </li>
            <li>Only the Responsible Supplier may remove and return an installed CH (F8.3).</li>
          </ul>
        </Card>
      </div>
    </>
  );
}
