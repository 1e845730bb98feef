import { z } from "zod";
import { Permission } from "@/generated/prisma/enums";
import { passwordSchema } from "@/lib/auth/password";

export const PERMISSION_LABELS: Record<Permission, string> = {
  PARTY_USER: "Party user (SMI, incidents, service requests, audit trail)",
  CH_ORDERING: "CH ordering (forecasts, orders, delivery locations)",
  CH_DELIVERY_RETURNS: "CH delivery and returns",
  ARO: "Authorised Responsible Officer (signed ADT / QCA files)",
  SRO: "Senior Responsible Officer (quarantine decisions)",
  SERVICE_DESK: "DCC service desk",
  DCC_ADMIN: "DCC administrator",
};

export const createAccountSchema = z.object({
  partyId: z.string().min(1, "Choose the party the account belongs to."),
  name: z.string().trim().min(2, "Name must be at least 2 characters.").max(120, "Name must be at most 120 characters."),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  permissions: z.array(z.enum(Permission)).min(1, "Choose at least one permission."),
  password: passwordSchema,
});
export type CreateAccountInput = z.input<typeof createAccountSchema>;

export const setAccountDisabledSchema = z.object({
  accountId: z.string().min(1),
  disabled: z.boolean(),
});

export const resetPasswordSchema = z.object({
  accountId: z.string().min(1),
  password: passwordSchema,
});

export const accountListSchema = z.object({
  q: z.string().trim().max(100).optional(),
  permission: z.enum(Permission).optional(),
  status: z.enum(["active", "disabled", "locked"]).optional(),
  page: z.coerce.number().int().min(1).default(1),
});
