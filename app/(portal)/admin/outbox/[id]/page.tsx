import type { Metadata } from "next";
import Link from "next/link";
import { DeliveryBadge, EmailStatusBadge } from "@/components/notifications/delivery";
import { Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { getOutboxEmail } from "@/lib/notifications/read-outbox";

export const metadata: Metadata = { title: "Email" };

const WHERE = {
  smtp: "Sent by SMTP: the message below is exactly what the mail server accepted.",
  mailbox: "Delivered to the portal's local mailbox (no SMTP server was configured): it was not sent to the address.",
} as const;

export default async function OutboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("outbox.view");
  const { id } = await params;
  const { email, message } = await orPageError(() => getOutboxEmail(actor, id));
  return (
    <>
      <PageHeader
        title={email.subject}
        description={
          <>
            To {email.toAddress} · <Link href="/admin/outbox">Email outbox</Link>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Card title="Delivery">
          <DefinitionList
            items={[
              ["Status", <EmailStatusBadge key="status" status={email.status} />],
              ["Delivered to", email.transport ? <DeliveryBadge key="transport" transport={email.transport} /> : "—"],
              ["Queued (UK)", formatLondon(email.createdAt, "d MMM yyyy, HH:mm:ss")],
              ["Delivered (UK)", email.sentAt ? formatLondon(email.sentAt, "d MMM yyyy, HH:mm:ss") : "—"],
              ["Attempts", email.lastError ? `${email.attempts} · last error: ${email.lastError}` : email.attempts],
              ["Event", <span key="event" className="font-mono text-xs">{email.eventType}</span>],
            ]}
          />
          {email.transport === "smtp" || email.transport === "mailbox" ? <p className="mt-3 text-sm text-slate-600">{WHERE[email.transport]}</p> : null}
        </Card>
        {/* A sent email without its rendered message (the demo's history) shows its text as queued. */}
        <Card title={message || email.status === "SENT" ? "Message" : "Message (not delivered yet)"} className="md:col-span-2">
          {message ? (
            <>
              <div className="relative overflow-x-auto">
                <table className="w-full text-left text-xs">
                  <caption className="sr-only">Headers</caption>
                  <tbody className="divide-y divide-slate-100">
                    {message.headers.map((h, i) => (
                      <tr key={i}>
                        <th scope="row" className="whitespace-nowrap py-1 pr-3 align-top font-semibold text-slate-600">
                          {h.name}
                        </th>
                        <td className="break-all py-1 font-mono">{h.value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <pre data-testid="message-text" className="mt-4 whitespace-pre-wrap border-t border-slate-200 pt-4 text-sm">
                {message.text}
              </pre>
            </>
          ) : (
            <pre data-testid="message-text" className="whitespace-pre-wrap text-sm">
              {email.body}
            </pre>
          )}
        </Card>
      </div>
    </>
  );
}
