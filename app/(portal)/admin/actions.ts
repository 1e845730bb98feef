"use server";

// Thin server actions: parse the form, get the actor from the session, call one lib function.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Permission, UserRole } from "@/generated/prisma/enums";
import { createAccount } from "@/lib/accounts/create-account";
import { resetPassword } from "@/lib/accounts/reset-password";
import { setAccountDisabled } from "@/lib/accounts/set-account-disabled";
import { withActor } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/errors";
import { createParty } from "@/lib/parties/create-party";
import { reinstateParty, suspendParty } from "@/lib/parties/suspend-party";

export async function createPartyAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await withActor(async (actor) => {
    const party = await createParty(actor, {
      name: String(form.get("name") ?? ""),
      eui64: String(form.get("eui64") ?? ""),
      roles: form.getAll("roles").map(String) as UserRole[],
      contactEmail: String(form.get("contactEmail") ?? ""),
    });
    return { ok: true, data: { id: party.id } };
  });
  if (result.ok) redirect(`/parties/${(result.data as { id: string }).id}?created=1`);
  return result;
}

export async function createAccountAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await withActor(async (actor) => {
    const account = await createAccount(actor, {
      partyId: String(form.get("partyId") ?? ""),
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      permissions: form.getAll("permissions").map(String) as Permission[],
      password: String(form.get("password") ?? ""),
    });
    return { ok: true, data: { id: account.id } };
  });
  if (result.ok) redirect(`/accounts/${(result.data as { id: string }).id}?created=1`);
  return result;
}

export async function setAccountDisabledAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const accountId = String(form.get("accountId") ?? "");
  const disabled = form.get("disabled") === "true";
  return withActor(async (actor) => {
    await setAccountDisabled(actor, { accountId, disabled });
    revalidatePath(`/accounts/${accountId}`);
    return { ok: true, message: disabled ? "Account disabled. Its sessions have ended." : "Account enabled." };
  });
}

export async function resetPasswordAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const accountId = String(form.get("accountId") ?? "");
  return withActor(async (actor) => {
    await resetPassword(actor, { accountId, password: String(form.get("password") ?? "") });
    revalidatePath(`/accounts/${accountId}`);
    return { ok: true, message: "Password reset. Any lock-out is lifted; an email to the account holder has been queued." };
  });
}

export async function setPartySuspendedAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const partyId = String(form.get("partyId") ?? "");
  const suspend = form.get("suspend") === "true";
  return withActor(async (actor) => {
    if (suspend) await suspendParty(actor, { partyId, reason: String(form.get("reason") ?? "") });
    else await reinstateParty(actor, { partyId });
    revalidatePath(`/parties/${partyId}`);
    return { ok: true, message: suspend ? "Party suspended: its Service Requests are refused (E3) until the suspension is lifted." : "Suspension lifted: the party may send Service Requests again." };
  });
}
