import { z } from "zod";
import { RegistrationFileType, RegistrationImportStatus } from "@/generated/prisma/enums";
import { MAX_UPLOAD_BYTES, hasControlCharacters, pageNumber, requiredText, uploadTooLarge } from "@/lib/validation";

/** The header row every Registration Data file must start with, exactly (processing.md §2.2: one structure for all three types). */
export const REGISTRATION_COLUMNS = [
  "mpxn",
  "effective_from",
  "supplier_party_id",
  "network_operator_party_id",
  "agent_party_id",
  "address_line",
  "town",
  "postcode",
  "uprn",
] as const;
export type RegistrationColumn = (typeof REGISTRATION_COLUMNS)[number];

export const REGISTRATION_FILE_TYPE_LABELS: Record<RegistrationFileType, string> = {
  FULL: "Registration Data File (full)",
  REFRESH: "Registration Data Refresh File",
  UPDATE: "Registration Data Update File",
};

export const REGISTRATION_FILE_TYPE_HINTS: Record<RegistrationFileType, string> = {
  FULL: "The complete data set of the Network Operators in the file: MPxNs of theirs not in the file are ended.",
  REFRESH: "Replaces the current registration of each MPxN in the file; other MPxNs are untouched.",
  UPDATE: "Changes since the last file: a new supplier, operator or agent ends the current registration on effective_from.",
};

/** Upload cap: 10 MB is roughly 80,000 lines. */
export const MAX_REGISTRATION_FILE_BYTES = MAX_UPLOAD_BYTES;

export const importRegistrationSchema = z.object({
  fileName: requiredText("The file name", 200, { missing: "Choose a CSV file to upload." }),
  fileType: z.enum(RegistrationFileType, "Choose the file type: full, refresh or update."),
  content: z
    .string()
    .max(MAX_REGISTRATION_FILE_BYTES, `${uploadTooLarge(MAX_REGISTRATION_FILE_BYTES)} Split it into several files.`)
    .refine((content) => !hasControlCharacters(content, true), "The file contains control characters (such as NUL bytes): save it as a UTF-8 CSV text file."),
});
export type ImportRegistrationInput = z.input<typeof importRegistrationSchema>;

export const registrationImportListSchema = z.object({
  status: z.enum(RegistrationImportStatus).optional().catch(undefined),
  fileType: z.enum(RegistrationFileType).optional().catch(undefined),
  page: pageNumber(),
});

/** One problem found in a file. `line` is the file line (1 = header, 2 = first data line). */
export interface LineError {
  line: number;
  message: string;
}

/** How an applied file changed the data; the return value, and the audit row's `after`. */
export interface RegistrationImportSummary {
  lines: number;
  meterPointsCreated: number;
  meterPointsUpdated: number;
  recordsInserted: number;
  /** Current records given an effectiveTo because the file supersedes them (UPDATE) or omits them (FULL). */
  recordsEnded: number;
  /** Current records deleted and replaced (REFRESH, FULL). */
  recordsReplaced: number;
  /** UPDATE lines that only changed the address. */
  addressOnly: number;
}
