import { z } from "zod";
import { UserRole } from "@/generated/prisma/enums";
import { parseEui64 } from "@/lib/identifiers";

export const USER_ROLE_LABELS: Record<UserRole, string> = {
  IS: "Import Supplier",
  ES: "Export Supplier",
  GS: "Gas Supplier",
  ED: "Electricity Distributor",
  GT: "Gas Transporter",
  RSA: "Registered Supplier Agent",
  OU: "Other User",
};

export const eui64Schema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const parsed = parseEui64(v);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: "Party ID must be an EUI-64: 16 hexadecimal digits, e.g. 90-B3-D5-00-00-00-00-01." });
      return z.NEVER;
    }
    return parsed;
  });

export const createPartySchema = z.object({
  name: z.string().trim().min(2, "Name must be at least 2 characters.").max(120, "Name must be at most 120 characters."),
  eui64: eui64Schema,
  roles: z.array(z.enum(UserRole)).min(1, "Choose at least one User Role."),
  contactEmail: z.union([z.literal(""), z.string().trim().toLowerCase().pipe(z.email("Contact email is not a valid email address."))]).optional(),
});
export type CreatePartyInput = z.input<typeof createPartySchema>;

export const partyListSchema = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(UserRole).optional(),
  page: z.coerce.number().int().min(1).default(1),
});
