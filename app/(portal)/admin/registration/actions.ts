"use server";

// Thin server action: read the uploaded file, get the actor from the session, call the import.
import { revalidatePath } from "next/cache";
import type { RegistrationFileType, RegistrationImportStatus } from "@/generated/prisma/enums";
import { withActor } from "@/lib/auth/session";
import { AppError, type ActionResult } from "@/lib/errors";
import { formatCount, plural } from "@/lib/format";
import { importRegistrationFile } from "@/lib/registration/import-registration-file";
import { MAX_REGISTRATION_FILE_BYTES, type LineError, type RegistrationImportSummary } from "@/lib/registration/schemas";
import { uploadTooLarge } from "@/lib/validation";

/** How many errors the upload form shows at once; the import's page lists them all. */
const ERRORS_SHOWN = 10;

export interface RegistrationUploadResult {
  importId: string;
  status: RegistrationImportStatus;
  fileName: string;
  lineCount: number;
  errorCount: number;
  firstErrors: LineError[];
  summary: RegistrationImportSummary | null;
}

export async function importRegistrationFileAction(
  _: ActionResult<RegistrationUploadResult> | null,
  form: FormData,
): Promise<ActionResult<RegistrationUploadResult>> {
  return withActor(async (actor) => {
    const file = form.get("file");
    if (!(file instanceof File) || (!file.name && file.size === 0)) {
      throw new AppError("INVALID", "Choose a CSV file to upload.", { file: "Choose a CSV file." });
    }
    if (file.size > MAX_REGISTRATION_FILE_BYTES) {
      throw new AppError("INVALID", `${uploadTooLarge(MAX_REGISTRATION_FILE_BYTES)} Split it into several files.`, { file: uploadTooLarge(MAX_REGISTRATION_FILE_BYTES) });
    }
    const { import: row, summary } = await importRegistrationFile(actor, {
      fileName: file.name,
      fileType: String(form.get("fileType") ?? "") as RegistrationFileType,
      content: await file.text(),
    });
    revalidatePath("/admin/registration");
    const errors = (row.lineErrors ?? []) as unknown as LineError[];
    const data: RegistrationUploadResult = {
      importId: row.id,
      status: row.status,
      fileName: row.fileName,
      lineCount: row.lineCount,
      errorCount: errors.length,
      firstErrors: errors.slice(0, ERRORS_SHOWN),
      summary,
    };
    if (row.status === "REJECTED") {
      const lines = new Set(errors.map((e) => e.line)).size;
      return { ok: true, data, message: `${row.fileName} was rejected: ${plural(errors.length, "error")} on ${plural(lines, "line")}. Nothing was changed.` };
    }
    const s = summary!;
    return {
      ok: true,
      data,
      message:
        `${row.fileName} applied: ${plural(s.lines, "line")}, ${plural(s.meterPointsCreated, "new meter point")}, ` +
        `${plural(s.recordsInserted, "registration")} added, ${formatCount(s.recordsEnded)} ended, ${formatCount(s.recordsReplaced)} replaced.`,
    };
  });
}
