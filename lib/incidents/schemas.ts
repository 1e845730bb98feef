import { z } from "zod";
import { IncidentStatus } from "@/generated/prisma/enums";
import { parseEui64, parseMpxn } from "@/lib/identifiers";

const required = (label: string, max: number) => z.string(`${label} is required.`).trim().min(1, `${label} is required.`).max(max, `${label}: at most ${max} characters.`);
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => v || undefined);

const dateTime = (label: string) =>
  z
    .string(`${label} is required.`)
    .trim()
    .min(1, `${label} is required.`)
    .transform((value, ctx) => {
      const at = new Date(value);
      if (Number.isNaN(at.getTime())) ctx.addIssue({ code: "custom", message: `${label} is not a valid date and time.` });
      return at;
    });

/** The seed's mandatory fields (AG 2.3.1) plus the proposed category. */
export const raiseIncidentSchema = z.object({
  category: z.coerce.number("Choose a category.").int().min(1, "Choose a category.").max(5, "Choose a category."),
  contactName: required("Contact name", 120),
  contactOrganisation: required("Contact organisation", 120),
  contactDetails: required("Contact details", 200),
  ownReference: optional(60),
  occurredAt: dateTime("Date and time of occurrence"),
  mpxn: optional(20).refine((v) => !v || parseMpxn(v), "Enter a valid MPAN (13 digits) or MPRN (6-10 digits)."),
  deviceId: optional(30).refine((v) => !v || parseEui64(v), "Enter a 16-digit hexadecimal Device ID."),
  summary: required("Summary", 200),
  businessImpact: required("Business impact", 2000),
  triageResults: required("Results of initial triage and diagnosis", 4000),
});
export type RaiseIncidentInput = z.input<typeof raiseIncidentSchema>;

export const phonedIncidentSchema = raiseIncidentSchema.extend({ partyId: z.string().min(1, "Choose the party that phoned.") });
export type PhonedIncidentInput = z.input<typeof phonedIncidentSchema>;

export const incidentRef = z.object({ ref: z.string().trim().min(1) });

export const assignSchema = incidentRef.extend({
  resolverGroup: optional(60),
  assigneeId: optional(40),
});

export const setStatusSchema = incidentRef.extend({
  status: z.enum(IncidentStatus, "Choose a status."),
  pendingWithPartyId: optional(40),
  pauseWhilePending: z.boolean().optional(),
  note: optional(4000),
  workaround: z.boolean().optional(),
});
export type SetStatusInput = z.input<typeof setStatusSchema>;

export const changeCategorySchema = incidentRef.extend({
  category: z.coerce.number().int().min(1).max(5, "Choose a category from 1 to 5."),
  reason: required("A reason for the change", 1000),
});

export const noteSchema = incidentRef.extend({ text: required("The note", 4000) });
export const partyRefSchema = incidentRef.extend({ partyId: z.string().min(1, "Choose a party.") });
export const problemSchema = incidentRef.extend({ problemRef: optional(20), title: optional(200) });
export const disputeSchema = incidentRef.extend({ reason: required("Supporting information", 4000) });
export const reopenSchema = incidentRef.extend({ reason: required("How the workaround failed", 4000) });
