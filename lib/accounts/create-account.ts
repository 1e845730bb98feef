import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { authorize, DCC_PERMISSIONS, PARTY_PERMISSIONS, PERMISSION_NAMES } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { enqueueEmails } from "@/lib/notifications/outbox";
import { createAccountSchema, type CreateAccountInput } from "./schemas";

/** DCC admin creates a staff account for a party with portal permissions that fit the party (D1). */
export async function createAccount(actor: Actor, input: CreateAccountInput) {
  authorize(actor, "account.manage");
  const data = createAccountSchema.parse(input);
  const party = await db().party.findUnique({ where: { id: data.partyId } });
  if (!party) throw new AppError("INVALID", "That party does not exist.", { partyId: "Choose an existing party." });

  const allowed = party.isDcc ? DCC_PERMISSIONS : PARTY_PERMISSIONS;
  const misfits = data.permissions.filter((p) => !allowed.includes(p)).map((p) => PERMISSION_NAMES[p]);
  if (misfits.length > 0) {
    const why = party.isDcc ? "DCC accounts hold only DCC permissions" : "only DCC accounts hold DCC permissions";
    throw new AppError("INVALID", `${misfits.join(", ")} cannot be given to an account of ${party.name}: ${why}.`, {
      permissions: `Not allowed for ${party.name}: ${misfits.join(", ")}.`,
    });
  }

  const passwordHash = await hashPassword(data.password);
  try {
    return await db().$transaction(async (tx) => {
      const account = await tx.account.create({
        data: { partyId: party.id, name: data.name, email: data.email, permissions: data.permissions, passwordHash },
        omit: { passwordHash: true },
      });
      await audit(tx, actor, { action: "account.create", entityType: "Account", entityId: account.id, partyId: party.id, after: account });
      await enqueueEmails(tx, [
        {
          eventType: "account.created",
          to: { address: account.email, accountId: account.id },
          partyId: party.id,
          subject: "Your DCC Self-Service Interface account",
          body: [
            `Hello ${account.name},`,
            `An SSI account has been created for you at ${party.name}.`,
            `Permissions: ${account.permissions.map((p) => PERMISSION_NAMES[p]).join("; ")}.`,
            "Your administrator will give you your initial password separately.",
          ].join("\n\n"),
        },
      ]);
      return account;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "An account with this email already exists.", { email: "Email already in use." });
    }
    throw error;
  }
}
