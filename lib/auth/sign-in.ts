// Credential checks and sign-in throttling, kept apart from next-auth so tests call them directly.
//
// Nothing here may tell a stranger whether an email has an account: an unknown email costs the same Argon2
// verification (against a dummy hash) and gets the same answers, and throttles are kept per email string, whether or
// not an account has it. Nor may a stranger lock a person out for long: the strict limit counts failures per account
// AND client address (the person's own browser is not blocked by someone else's guesses); failures per account from
// any address only slow guessing down with short blocks; failures per address stop one client trying many accounts.
import { addMinutes, differenceInMinutes, subMinutes } from "date-fns";
import { audit } from "@/lib/audit";
import { formatLondon, now } from "@/lib/clock";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "./password";
import { plural } from "@/lib/format";

/** A limit: after `maxFailures` failed sign-ins within the window, that key is refused for `blockMinutes`. */
interface Limit {
  key: (email: string, address: string) => string;
  maxFailures: number;
  blockMinutes: number;
}

export const THROTTLE_WINDOW_MINUTES = 15;

const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/**
 * The limits, read when used so that a test server can set its own (the e2e suite signs in hundreds of times from
 * one address): SIGNIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS (default 5, then 15 minutes), SIGNIN_MAX_FAILURES_PER_ACCOUNT
 * (default 20 from any address, then 1 minute), SIGNIN_MAX_FAILURES_PER_ADDRESS (default 30 for any accounts, then 15
 * minutes).
 */
export function signInLimits(): Limit[] {
  return [
    { key: (email, address) => `account-address:${email}|${address}`, maxFailures: envNumber("SIGNIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS", 5), blockMinutes: 15 },
    { key: (email) => `account:${email}`, maxFailures: envNumber("SIGNIN_MAX_FAILURES_PER_ACCOUNT", 20), blockMinutes: 1 },
    { key: (_email, address) => `address:${address}`, maxFailures: envNumber("SIGNIN_MAX_FAILURES_PER_ADDRESS", 30), blockMinutes: 15 },
  ];
}

export type SignInResult =
  | { ok: true; accountId: string; sessionVersion: number }
  | { ok: false; reason: "INVALID" | "THROTTLED" | "DISABLED"; message: string };

const INVALID = { ok: false, reason: "INVALID", message: "Incorrect email or password." } as const;

function throttled(until: Date): SignInResult {
  const minutes = Math.max(1, differenceInMinutes(until, now(), { roundingMethod: "ceil" }));
  return {
    ok: false,
    reason: "THROTTLED",
    message: `Too many failed sign-in attempts. Try again at ${formatLondon(until, "HH:mm")} (in ${plural(minutes, "minute")}), or ask your administrator to reset your password.`,
  };
}

// A real Argon2 hash of nothing anyone types, so an unknown email costs what a known one does.
let dummyHash: Promise<string> | undefined;
const unknownAccountHash = () => (dummyHash ??= hashPassword(`no account ${crypto.randomUUID()}`));

/** Throttle keys of an email (any, with or without an account): cleared when an administrator resets the password. */
export const accountThrottleKeys = (email: string) => ({ OR: [{ key: `account:${email}` }, { key: { startsWith: `account-address:${email}|` } }] });

/**
 * Checks an email and password from a client address (see clientAddress). Failed attempts count towards every limit;
 * once one is reached, attempts under it are refused, even with the right password, until its block ends.
 */
export async function checkCredentials(emailInput: string, password: string, address = "unknown"): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const limits = signInLimits();
  const keys = limits.map((l) => l.key(email, address));
  const at = now();
  const blocks = await db().signInThrottle.findMany({ where: { key: { in: keys }, blockedUntil: { gt: at } }, orderBy: { blockedUntil: "desc" }, take: 1 });
  if (blocks.length) return throttled(blocks[0].blockedUntil!);

  // A party's DUIS gateway identity (lib/duis/gateway-actor.ts) is not a person: it signs in like an unknown email.
  const found = await db().account.findUnique({ where: { email } });
  const account = found?.isSystem ? null : found;
  const valid = await verifyPassword(account?.passwordHash ?? (await unknownAccountHash()), password);
  if (account && valid) {
    // The disabled answer only to someone who knows the password: it says the account exists.
    if (account.disabled) return { ok: false, reason: "DISABLED", message: "This account is disabled. Ask your administrator." };
    await db().$transaction([
      db().account.update({ where: { id: account.id }, data: { failedSignInCount: 0, lockedUntil: null, lastSignInAt: at } }),
      db().signInThrottle.deleteMany({ where: { key: keys[0] } }),
    ]);
    return { ok: true, accountId: account.id, sessionVersion: account.sessionVersion };
  }

  let blockedUntil: Date | null = null;
  for (const [i, limit] of limits.entries()) {
    const until = await countFailure(keys[i], limit);
    if (until && (!blockedUntil || until > blockedUntil)) blockedUntil = until;
  }
  if (!blockedUntil) return INVALID;
  // The DCC admin sees the account as locked until then (for an email with an account).
  if (account) {
    await db().$transaction(async (tx) => {
      await tx.account.update({ where: { id: account.id }, data: { lockedUntil: blockedUntil } });
      await audit(tx, null, { action: "account.lock", entityType: "Account", entityId: account.id, partyId: account.partyId, after: { lockedUntil: blockedUntil, address } });
    });
  }
  return throttled(blockedUntil);
}

/**
 * One more failure under a key, atomically (parallel wrong guesses must all count): a window older than the
 * throttle window starts again at one. Reaching the limit blocks the key and starts a fresh count after the block.
 */
async function countFailure(key: string, limit: Limit): Promise<Date | null> {
  const at = now();
  const windowStart = subMinutes(at, THROTTLE_WINDOW_MINUTES);
  const until = addMinutes(at, limit.blockMinutes);
  const [row] = await db().$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInThrottle" (key, failures, "windowStartedAt") VALUES (${key}, 1, ${at})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN "SignInThrottle"."windowStartedAt" <= ${windowStart} THEN 1 ELSE "SignInThrottle".failures + 1 END,
      "windowStartedAt" = CASE WHEN "SignInThrottle"."windowStartedAt" <= ${windowStart} THEN ${at} ELSE "SignInThrottle"."windowStartedAt" END
    RETURNING failures`;
  if (row.failures < limit.maxFailures) return null;
  // Only the call that reached the limit blocks (a parallel one finds the count already reset).
  const { count } = await db().signInThrottle.updateMany({ where: { key, failures: { gte: limit.maxFailures } }, data: { failures: 0, windowStartedAt: at, blockedUntil: until } });
  return count ? until : null;
}
