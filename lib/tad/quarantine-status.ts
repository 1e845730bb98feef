// The quarantine state machine (processing.md §6.4) as data: each status's label and the statuses it may become.
// Decisions (lib/tad/decide.ts) and the archive job (lib/tad/archive.ts) check their moves here.
import type { QuarantineStatus } from "@/generated/prisma/enums";
import type { StateMachine } from "@/lib/state/transition";

export const QUARANTINE_MACHINE: StateMachine<QuarantineStatus> = {
  labels: {
    QUARANTINED: "Quarantined",
    RELEASED: "Released",
    DELETED_BY_USER: "Deleted by the User",
    DELETED_BY_DCC: "Deleted by the DCC",
    ARCHIVED: "Archived",
    PURGED: "Purged",
  },
  moves: {
    QUARANTINED: ["RELEASED", "DELETED_BY_USER", "DELETED_BY_DCC", "ARCHIVED"],
    RELEASED: [],
    DELETED_BY_USER: [],
    DELETED_BY_DCC: [],
    // Read-only for 30 days (P1), then only an audit stub remains.
    ARCHIVED: ["PURGED"],
    PURGED: [],
  },
};

export const QUARANTINE_LABELS = QUARANTINE_MACHINE.labels;

/** A decided item: nothing more happens to it (its incident may close). */
export const DECIDED_STATUSES: readonly QuarantineStatus[] = ["RELEASED", "DELETED_BY_USER", "DELETED_BY_DCC"];

/** Downloadable and actionable for 120 hours from quarantine (processing.md §1.10). */
export const DOWNLOAD_HOURS = 120;
/** Then archived for 30 days (P1). */
export const ARCHIVE_DAYS = 30;
