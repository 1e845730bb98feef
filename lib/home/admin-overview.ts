import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";

/** The DCC admin's home numbers. */
export async function adminOverview(actor: Actor) {
  authorize(actor, "account.manage");
  const [parties, accounts, disabled, locked, pendingEmails, failedEmails] = await Promise.all([
    db().party.count(),
    db().account.count(),
    db().account.count({ where: { disabled: true } }),
    db().account.count({ where: { lockedUntil: { gt: now() } } }),
    db().outboxEmail.count({ where: { status: "PENDING" } }),
    db().outboxEmail.count({ where: { status: "FAILED" } }),
  ]);
  return { parties, accounts, disabled, locked, pendingEmails, failedEmails };
}
