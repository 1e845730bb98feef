// Bulk actions on a selection: at most 100, each through the single-incident operation (its own transaction, events,
// audit row and emails), reporting what was updated, skipped and failed. Resolving is never bulk: it needs a note per
// incident (peers.md §2.3).
import { ZodError, z } from "zod";
import { IncidentStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { ChangedMeanwhile } from "@/lib/state/transition";
import { optionalReference, optionalText, reference, requiredText } from "@/lib/validation";
import { assignIncident, setIncidentStatus } from "./manage-incident";
import { addIncidentNote } from "./party-actions";

export const BULK_LIMIT = 100;

const bulkSchema = z.object({
  refs: z.array(reference()).min(1, "Select at least one incident.").max(BULK_LIMIT, `Select at most ${BULK_LIMIT} incidents at a time.`),
  operation: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("assign"), resolverGroup: optionalText("The resolver group", 60), assigneeId: optionalReference() }),
    z.object({
      kind: z.literal("status"),
      status: z.enum(IncidentStatus).refine((s) => s !== "RESOLVED", "Resolve incidents one at a time: each needs its resolution note."),
      pendingWithPartyId: optionalReference(),
      note: optionalText("The note", 4000, { multiline: true }),
    }),
    z.object({ kind: z.literal("note"), text: requiredText("The note", 4000, { multiline: true }) }),
  ]),
});

export interface BulkResult {
  updated: string[];
  skipped: { ref: string; reason: string }[];
  failed: { ref: string; reason: string }[];
}

export async function bulkUpdateIncidents(actor: Actor, input: z.input<typeof bulkSchema>): Promise<BulkResult> {
  authorize(actor, "incident.manage");
  const { refs, operation } = bulkSchema.parse(input);
  const result: BulkResult = { updated: [], skipped: [], failed: [] };
  for (const ref of [...new Set(refs)]) {
    try {
      if (operation.kind === "note") {
        await addIncidentNote(actor, { ref, text: operation.text });
        result.updated.push(ref);
        continue;
      }
      const { changed } =
        operation.kind === "assign"
          ? await assignIncident(actor, { ref, resolverGroup: operation.resolverGroup, assigneeId: operation.assigneeId })
          : await setIncidentStatus(actor, { ref, status: operation.status, pendingWithPartyId: operation.pendingWithPartyId, note: operation.note });
      if (changed) result.updated.push(ref);
      else result.skipped.push({ ref, reason: "Already so: nothing to change." });
    } catch (caught) {
      const error = caught instanceof ZodError ? AppError.fromZod(caught) : caught;
      if (!(error instanceof AppError)) throw error;
      // A concurrent change won the race on this incident: nothing of this one was written.
      if (error instanceof ChangedMeanwhile) result.skipped.push({ ref, reason: error.message });
      else result.failed.push({ ref, reason: error.message });
    }
  }
  return result;
}
