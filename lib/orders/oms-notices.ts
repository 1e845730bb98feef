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

/** An order's ordering contacts: the party's CH Ordering accounts, and the contact address given on the order (3.17). */
export async function emailOrderingContacts(tx: Tx, order: { partyId: string; contactEmail: string }, eventType: string, subject: string, body: string) {
  const accounts = await tx.account.findMany({ where: { partyId: order.partyId, disabled: false, permissions: { has: "CH_ORDERING" } }, select: { id: true, email: true } });
  const to = accounts.map((a) => ({ address: a.email, accountId: a.id as string | null }));
  if (!accounts.some((a) => a.email.toLowerCase() === order.contactEmail.toLowerCase())) to.push({ address: order.contactEmail, accountId: null });
  await enqueueEmails(tx, to.map((recipient) => ({ eventType, to: recipient, partyId: order.partyId, subject, body })));
}

export const omsRef = (prefix: string, number: number) => `${prefix}${String(number).padStart(7, "0")}`;
