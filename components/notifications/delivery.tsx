import { Badge } from "@/components/ui/card";
import type { EmailStatus } from "@/generated/prisma/enums";
import { smtpServer } from "@/lib/notifications/sender";

const TONE = { PENDING: "amber", SENT: "green", FAILED: "red" } as const;
// SENT covers the local mailbox too, so "delivered"; the DeliveryBadge says where to.
const LABEL = { PENDING: "pending", SENT: "delivered", FAILED: "failed" } as const;

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}

/** Where an email went: an email in the local mailbox was never sent to its address. */
export function DeliveryBadge({ transport }: { transport: string | null }) {
  if (transport === "smtp") return <Badge tone="green">sent by SMTP</Badge>;
  if (transport === "mailbox") return <Badge tone="blue">local mailbox</Badge>;
  return null;
}

/** How the portal delivers email now. */
export function deliveryNote(): string {
  const server = smtpServer();
  return server ? `Emails are sent by SMTP to ${server}.` : "No SMTP server is configured: emails are delivered to this local mailbox, not sent to their addresses.";
}
