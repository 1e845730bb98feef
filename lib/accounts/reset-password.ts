import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { accountThrottleKeys } from "@/lib/auth/sign-in";
import { authorizeResource } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { enqueueEmails } from "@/lib/notifications/outbox";
import { resetPasswordSchema } from "./schemas";

/**
 * DCC admin sets a new password; it also lifts the account's sign-in throttles and ends its sessions. The password
 * itself is never audited.
 */
export async function resetPassword(actor: Actor, input: { accountId: string; password: string }) {
  const { accountId, password } = resetPasswordSchema.parse(input);
  const account = await db().account.findUnique({ where: { id: accountId }, omit: { passwordHash: true } });
  authorizeResource(actor, "account.manage", account, "That account");
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    await tx.account.update({
      where: { id: accountId },
      // A new session version ends every session signed in with the old password.
      data: { passwordHash, passwordChangedAt: now(), failedSignInCount: 0, lockedUntil: null, sessionVersion: { increment: 1 } },
    });
    await tx.signInThrottle.deleteMany({ where: accountThrottleKeys(account!.email) });
    await audit(tx, actor, {
      action: "account.reset-password",
      entityType: "Account",
      entityId: accountId,
      partyId: account!.partyId,
      before: { lockedUntil: account!.lockedUntil },
      after: { passwordChanged: true, lockedUntil: null },
    });
    await enqueueEmails(tx, [
      {
        eventType: "account.password-reset",
        to: { address: account!.email, accountId },
        partyId: account!.partyId,
        subject: "Your SSI password was reset",
        body: `Hello ${account!.name},\n\nA DCC administrator reset your SSI password. If you did not ask for this, contact the DCC service desk.`,
      },
    ]);
  });
}
