// Credential checks and lock-out, kept apart from next-auth so tests call them directly.
import { addMinutes, differenceInMinutes } from "date-fns";
import { audit } from "@/lib/audit";
import { formatLondon, now } from "@/lib/clock";
import { db } from "@/lib/db";
import { verifyPassword } from "./password";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export type SignInResult =
  | { ok: true; accountId: string }
  | { ok: false; reason: "INVALID" | "LOCKED" | "DISABLED"; message: string };

const INVALID = { ok: false, reason: "INVALID", message: "Incorrect email or password." } as const;

function lockedMessage(until: Date): string {
  const minutes = Math.max(1, differenceInMinutes(until, now(), { roundingMethod: "ceil" }));
  return `This account is locked after ${MAX_FAILED_SIGN_INS} failed sign-in attempts. Try again at ${formatLondon(until, "HH:mm")} (in ${minutes} minute${minutes === 1 ? "" : "s"}), or ask your administrator to reset your password.`;
}

export async function checkCredentials(emailInput: string, password: string): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const account = await db().account.findUnique({ where: { email } });
  if (!account) return INVALID;
  if (account.disabled) {
    return { ok: false, reason: "DISABLED", message: "This account is disabled. Ask your administrator." };
  }
  if (account.lockedUntil && account.lockedUntil > now()) {
    return { ok: false, reason: "LOCKED", message: lockedMessage(account.lockedUntil) };
  }

  if (await verifyPassword(account.passwordHash, password)) {
    await db().account.update({
      where: { id: account.id },
      data: { failedSignInCount: 0, lockedUntil: null, lastSignInAt: now() },
    });
    return { ok: true, accountId: account.id };
  }

  // Atomic increment: parallel wrong guesses must all count.
  const lockedUntil = await db().$transaction(async (tx) => {
    const { failedSignInCount } = await tx.account.update({
      where: { id: account.id },
      data: { failedSignInCount: { increment: 1 }, lockedUntil: null },
      select: { failedSignInCount: true },
    });
    if (failedSignInCount < MAX_FAILED_SIGN_INS) return null;
    const until = addMinutes(now(), LOCKOUT_MINUTES);
    await tx.account.update({ where: { id: account.id }, data: { failedSignInCount: 0, lockedUntil: until } });
    await audit(tx, null, {
      action: "account.lock",
      entityType: "Account",
      entityId: account.id,
      partyId: account.partyId,
      after: { lockedUntil: until, failedSignIns: failedSignInCount },
    });
    return until;
  });
  return lockedUntil ? { ok: false, reason: "LOCKED", message: lockedMessage(lockedUntil) } : INVALID;
}
