import { z } from "zod";
import { IncidentStatus } from "@/generated/prisma/enums";
import { parseEui64, parseMpxn } from "@/lib/identifiers";
import { isoDateTime, optionalReference, optionalText, reference, requiredText } from "@/lib/validation";

/** Notes, reasons and descriptions are typed in text areas: line breaks are theirs. */
const required = (label: string, max: number) => requiredText(label, max, { multiline: max >= 1000 });
const optional = (label: string, max: number) => optionalText(label, max, { multiline: max >= 1000 });

/** The seed's mandatory fields (AG 2.3.1) plus the proposed category. */
export const raiseIncidentSchema = z.object({
  category: z.coerce.number("Choose a category.").int().min(1, "Choose a category.").max(5, "Choose a category."),
  contactName: required("Contact name", 120),
  contactOrganisation: required("Contact organisation", 120),
  contactDetails: required("Contact details", 200),
  ownReference: optional("Your own reference", 60),
  occurredAt: isoDateTime("Date and time of occurrence"),
  mpxn: optional("The MPAN or MPRN", 20).refine((v) => !v || parseMpxn(v), "Enter a valid MPAN (13 digits) or MPRN (6-10 digits)."),
  deviceId: optional("The Device ID", 30).refine((v) => !v || parseEui64(v), "Enter a 16-digit hexadecimal Device ID."),
  summary: required("Summary", 200),
  businessImpact: required("Business impact", 2000),
  triageResults: required("Results of initial triage and diagnosis", 4000),
});
export type RaiseIncidentInput = z.input<typeof raiseIncidentSchema>;

export const phonedIncidentSchema = raiseIncidentSchema.extend({ partyId: reference("Choose the party that phoned.") });
export type PhonedIncidentInput = z.input<typeof phonedIncidentSchema>;

export const incidentRef = z.object({ ref: reference("Which incident?") });

export const assignSchema = incidentRef.extend({
  resolverGroup: optional("The resolver group", 60),
  assigneeId: optionalReference(),
});

export const setStatusSchema = incidentRef.extend({
  status: z.enum(IncidentStatus, "Choose a status."),
  pendingWithPartyId: optionalReference(),
  pauseWhilePending: z.boolean().optional(),
  note: optional("The note", 4000),
  workaround: z.boolean().optional(),
});
export type SetStatusInput = z.input<typeof setStatusSchema>;

export const changeCategorySchema = incidentRef.extend({
  category: z.coerce.number().int().min(1).max(5, "Choose a category from 1 to 5."),
  reason: required("A reason for the change", 1000),
});

export const noteSchema = incidentRef.extend({ text: required("The note", 4000) });
export const partyRefSchema = incidentRef.extend({ partyId: reference("Choose a party.") });
export const problemSchema = incidentRef.extend({ problemRef: optional("The Problem reference", 20), title: optional("The Problem title", 200) });
export const disputeSchema = incidentRef.extend({ reason: required("Supporting information", 4000) });
export const reopenSchema = incidentRef.extend({ reason: required("How the workaround failed", 4000) });
