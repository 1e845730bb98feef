import { z } from "zod";
import { UserRole } from "@/generated/prisma/enums";
import { parseEui64 } from "@/lib/identifiers";
import { email, optionalText, pageNumber, reference, requiredText } from "@/lib/validation";

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
  name: requiredText("Name", 120).pipe(z.string().min(2, "Name must be at least 2 characters.")),
  eui64: eui64Schema,
  roles: z.array(z.enum(UserRole)).min(1, "Choose at least one User Role."),
  contactEmail: z.union([z.literal(""), email("Contact email is not a valid email address.").transform((value) => value.toLowerCase())]).optional(),
});
export type CreatePartyInput = z.input<typeof createPartySchema>;

export const partyListSchema = z.object({
  q: optionalText("The search", 100).catch(undefined),
  role: z.enum(UserRole).optional().catch(undefined),
  page: pageNumber(),
});

/** Longest suspension reason: it is quoted in the reason of every refused request (E3). */
export const SUSPENSION_REASON_MAX = 500;

export const suspendPartySchema = z.object({
  partyId: reference("Which party?"),
  reason: requiredText("The reason", SUSPENSION_REASON_MAX, { multiline: true, missing: "Give the reason for the suspension." }),
});
export type SuspendPartyInput = z.input<typeof suspendPartySchema>;

export const reinstatePartySchema = z.object({ partyId: reference("Which party?") });
