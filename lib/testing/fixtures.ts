// Small builders for unit tests. They write through Prisma directly (not through the operations under test).
import crypto from "node:crypto";
import type { Permission, UserRole } from "@/generated/prisma/enums";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";

export const TEST_PASSWORD = "correct horse battery";
let cachedHash: Promise<string> | undefined;

export async function makeParty(opts: { name?: string; roles?: UserRole[]; isDcc?: boolean } = {}) {
  const suffix = crypto.randomBytes(3).toString("hex");
  return db().party.create({
    data: {
      name: opts.name ?? `Test party ${suffix}`,
      eui64: crypto.randomBytes(8).toString("hex").toUpperCase(),
      roles: opts.roles ?? (opts.isDcc ? [] : ["IS"]),
      isDcc: !!opts.isDcc,
    },
  });
}

export async function makeAccount(partyId: string, permissions: Permission[], opts: { email?: string } = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return db().account.create({
    data: {
      partyId,
      permissions,
      email: opts.email ?? `${crypto.randomBytes(4).toString("hex")}@example.test`,
      name: "Test Person",
      passwordHash: await cachedHash,
    },
  });
}

/** A party with one account holding the permissions, returned as the actor the business functions take. */
export async function makeActor(permissions: Permission[], opts: { isDcc?: boolean; roles?: UserRole[]; partyId?: string } = {}): Promise<Actor> {
  const partyId = opts.partyId ?? (await makeParty({ isDcc: opts.isDcc, roles: opts.roles })).id;
  const account = await makeAccount(partyId, permissions);
  return (await loadActor(account.id))!;
}

/** Empty every table (between tests that need a clean slate). */
export async function resetDatabase() {
  const tables = await db().$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  if (tables.length) await db().$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} CASCADE`);
}
