import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { db } from "@/lib/db";
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
