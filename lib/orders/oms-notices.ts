// "All notices go as emails to every OMS account of the party" (CH Ordering and CH Delivery and Returns profiles).
import type { Tx } from "@/lib/db";
import { enqueueEmails } from "@/lib/notifications/outbox";

export async function emailOmsAccounts(tx: Tx, partyId: string, eventType: string, subject: string, body: string) {
  const accounts = await tx.account.findMany({
    where: { partyId, disabled: false, permissions: { hasSome: ["CH_ORDERING", "CH_DELIVERY_RETURNS"] } },
    select: { id: true, email: true },
  });
  await enqueueEmails(tx, accounts.map((a) => ({ eventType, to: { address: a.email, accountId: a.id }, partyId, subject, body })));
}

export const omsRef = (prefix: string, number: number) => `${prefix}${String(number).padStart(7, "0")}`;
