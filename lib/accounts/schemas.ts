import { z } from "zod";
import { Permission } from "@/generated/prisma/enums";
import { passwordSchema } from "@/lib/auth/password";
import { email, optionalText, pageNumber, reference, requiredText } from "@/lib/validation";

export const createAccountSchema = z.object({
  partyId: reference("Choose the party the account belongs to."),
  name: requiredText("Name", 120).pipe(z.string().min(2, "Name must be at least 2 characters.")),
  email: email("Enter a valid email address.").transform((value) => value.toLowerCase()),
  permissions: z.array(z.enum(Permission)).min(1, "Choose at least one permission."),
  password: passwordSchema,
});
export type CreateAccountInput = z.input<typeof createAccountSchema>;

export const setAccountDisabledSchema = z.object({
  accountId: reference("Which account?"),
  disabled: z.boolean(),
});

export const resetPasswordSchema = z.object({
  accountId: reference("Which account?"),
  password: passwordSchema,
});

export const accountListSchema = z.object({
  q: optionalText("The search", 100).catch(undefined),
  permission: z.enum(Permission).optional().catch(undefined),
  status: z.enum(["active", "disabled", "locked"]).optional().catch(undefined),
  page: pageNumber(),
});
