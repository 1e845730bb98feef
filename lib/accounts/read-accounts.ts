import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { pageWindow, toPage } from "@/lib/lists";
import { accountListSchema } from "./schemas";

/** DCC admin: all accounts, filterable by text (name, email, party), permission and status. */
export async function listAccounts(actor: Actor, filters: unknown) {
  authorize(actor, "account.manage");
  const { q, permission, status, page } = accountListSchema.parse(filters);
  const where: Prisma.AccountWhereInput = {
    // DUIS gateway identities are not staff: they have nothing to manage.
    isSystem: false,
    ...(q
      ? {
          OR: [
            { name: { contains: q, mode: "insensitive" } },
            { email: { contains: q, mode: "insensitive" } },
            { party: { name: { contains: q, mode: "insensitive" } } },
          ],
        }
      : {}),
    ...(permission ? { permissions: { has: permission } } : {}),
    ...(status === "active" ? { disabled: false } : {}),
    ...(status === "disabled" ? { disabled: true } : {}),
    ...(status === "locked" ? { lockedUntil: { gt: now() } } : {}),
  };
  const [data, count] = await Promise.all([
    db().account.findMany({
      where,
      orderBy: [{ party: { name: "asc" } }, { name: "asc" }],
      omit: { passwordHash: true },
      include: { party: { select: { id: true, name: true } } },
      ...pageWindow(page),
    }),
    db().account.count({ where }),
  ]);
  return toPage(data, count, page);
}

/** One account: DCC admins see any; party members see accounts of their own party; otherwise 404. */
export async function getAccount(actor: Actor, id: string) {
  const account = await db().account.findUnique({
    where: { id },
    omit: { passwordHash: true },
    include: { party: { select: { id: true, name: true, isDcc: true } } },
  });
  return authorizeResource(actor, "account.view", account, "That account");
}
