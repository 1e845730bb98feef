import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorizeResource } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { setAccountDisabledSchema } from "./schemas";

/** DCC admin disables (or re-enables) an account. A disabled account's open sessions stop working at once. */
export async function setAccountDisabled(actor: Actor, input: { accountId: string; disabled: boolean }) {
  const { accountId, disabled } = setAccountDisabledSchema.parse(input);
  const account = await db().account.findUnique({ where: { id: accountId }, omit: { passwordHash: true } });
  authorizeResource(actor, "account.manage", account, "That account");
  if (account!.id === actor.accountId && disabled) {
    throw new AppError("INVALID", "You cannot disable your own account.");
  }
  if (account!.disabled === disabled) return account!;
  return db().$transaction(async (tx) => {
    // A new session version: re-enabling does not bring back sessions from before the account was disabled.
    // Guarded by the state read: of two admins making the same change at once, one makes it (and its audit row).
    const [updated] = await tx.account.updateManyAndReturn({ where: { id: accountId, disabled: !disabled }, data: { disabled, sessionVersion: { increment: 1 } }, omit: { passwordHash: true } });
    if (!updated) throw new AppError("CONFLICT", `${account!.email} was ${disabled ? "disabled" : "enabled"} meanwhile: reload the page.`);
    await audit(tx, actor, {
      action: disabled ? "account.disable" : "account.enable",
      entityType: "Account",
      entityId: accountId,
      partyId: updated.partyId,
      before: { disabled: account!.disabled },
      after: { disabled },
    });
    return updated;
  });
}
