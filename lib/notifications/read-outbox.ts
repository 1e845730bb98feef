import PostalMime, { decodeWords } from "postal-mime";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { pageWindow, toPage } from "@/lib/lists";
import { pageNumber } from "@/lib/validation";

export const outboxListSchema = z.object({
  status: z.enum(["PENDING", "SENT", "FAILED"]).optional().catch(undefined),
  page: pageNumber(),
});

/** DCC admin: the notifications outbox, newest first. */
export async function listOutbox(actor: Actor, rawFilters: unknown) {
  authorize(actor, "outbox.view");
  const { status, page } = outboxListSchema.parse(rawFilters);
  const where = status ? { status } : {};
  const [data, count] = await Promise.all([
    db().outboxEmail.findMany({ where, orderBy: { createdAt: "desc" }, ...pageWindow(page) }),
    db().outboxEmail.count({ where }),
  ]);
  return toPage(data, count, page);
}

/** DCC admin: one outbox email and, once it has left, the delivered message's headers and text as a mail reader shows them. */
export async function getOutboxEmail(actor: Actor, id: string) {
  authorize(actor, "outbox.view");
  // Ids are cuids: anything else (a NUL byte, a huge string) is simply not one.
  const email = /^[a-z0-9]{1,40}$/i.test(id) ? await db().outboxEmail.findUnique({ where: { id } }) : null;
  if (!email) throw notFound("That email");
  if (!email.rawMessage) return { email, message: null };
  const parsed = await PostalMime.parse(email.rawMessage);
  return {
    email,
    message: { headers: parsed.headers.map((h) => ({ name: h.originalKey, value: decodeWords(h.value) })), text: parsed.text ?? "" },
  };
}
