// Forms that create records carry a key generated once per rendered form (a hidden input). The key is claimed in the
// same transaction as the record it creates, so a double submission (a second click, a resent request) gets the first
// submission's record instead of creating another. A key belongs to the account that first used it.
import { subDays } from "date-fns";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** The key part of a creating form's input: optional (an API caller may send none), a UUID when given. */
export const formKeyed = z.object({ formKey: z.uuid("Reload the page: this form's submission key is not valid.").optional() });
export type FormKeyed = z.input<typeof formKeyed>;

export type FormAction = "incident.raise" | "incident.record-phoned" | "ch-order.submit" | "ch-return.notify" | "ch-rma.request" | "tad.smsr.raise";

/**
 * Runs `create` once per form key, in the caller's transaction. A key this account already used for this form returns
 * what `find` loads for the first submission's reference instead; with no key, `create` simply runs.
 */
export async function oncePerForm<T extends { ref: string }>(
  tx: Tx,
  actor: Actor,
  form: { action: FormAction; key: string | undefined },
  create: () => Promise<T>,
  find: (ref: string) => Promise<T>,
): Promise<T> {
  if (!form.key) return create();
  // Claimed before the work: a concurrent submission of the same key waits on this row until the first commits
  // (then finds its result) or rolls back (then does the work itself).
  const { count } = await tx.formSubmission.createMany({
    data: [{ key: form.key, accountId: actor.accountId, action: form.action, resultRef: "", createdAt: now() }],
    skipDuplicates: true,
  });
  if (!count) {
    const first = await tx.formSubmission.findUniqueOrThrow({ where: { key: form.key } });
    if (first.accountId !== actor.accountId || first.action !== form.action) throw new AppError("CONFLICT", "This form was already used: reload the page and fill it in again.");
    return find(first.resultRef);
  }
  const result = await create();
  await tx.formSubmission.update({ where: { key: form.key }, data: { resultRef: result.ref } });
  return result;
}

/** How long a key is kept: a double submission comes within seconds; a month covers a form left open and resent. */
export const FORM_KEY_RETENTION_DAYS = 30;

/** Daily housekeeping: forget keys older than the retention period. */
export async function purgeFormSubmissions(): Promise<{ purged: number }> {
  const { count } = await db().formSubmission.deleteMany({ where: { createdAt: { lt: subDays(now(), FORM_KEY_RETENTION_DAYS) } } });
  return { purged: count };
}
