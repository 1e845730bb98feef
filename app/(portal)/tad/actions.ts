"use server";

// Thin server actions for ADT submissions and the DCC's thresholds: read the form, get the actor, call one lib function.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { withActor } from "@/lib/auth/session";
import { AppError, type ActionResult } from "@/lib/errors";
import { plural } from "@/lib/format";
import { MAX_ADT_FILE_BYTES } from "@/lib/tad/adt-file-format";
import { confirmAdtSubmission, declineAdtSubmission, raiseAdtSmsr, STATUS_LABELS, uploadAdtFile } from "@/lib/tad/adt-files";
import { restorePreviousThresholds, setDccThresholds } from "@/lib/tad/thresholds";
import { uploadTooLarge } from "@/lib/validation";

export type FormResult = ActionResult & { values?: Record<string, string>; seq?: number };

const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const seq = () => Date.now() + Math.random();

export async function raiseAdtSmsrAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  let id: string | undefined;
  const result = await withActor<undefined>(async (actor) => {
    id = (
      await raiseAdtSmsr(actor, {
        fastTrack: form.get("fastTrack") === "on",
        temporary: form.get("temporary") === "on",
        justification: text(form, "justification"),
        formKey: text(form, "formKey") || undefined,
      })
    ).id;
    return { ok: true };
  });
  if (result.ok && id) redirect(`/tad/${id}`);
  return { ...result, values: { justification: text(form, "justification"), fastTrack: text(form, "fastTrack"), temporary: text(form, "temporary") }, seq: seq() };
}

async function fileBytes(form: FormData, name: string, missing: string): Promise<{ file: File; bytes: Uint8Array }> {
  const file = form.get(name);
  if (!(file instanceof File) || (!file.name && file.size === 0)) throw new AppError("INVALID", missing, { [name]: missing });
  if (file.size > MAX_ADT_FILE_BYTES) throw new AppError("INVALID", uploadTooLarge(MAX_ADT_FILE_BYTES), { [name]: uploadTooLarge(MAX_ADT_FILE_BYTES) });
  // The bytes as sent: the signature covers them exactly (File.text() would drop a byte-order mark).
  return { file, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export async function uploadAdtFileAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const submissionId = text(form, "submissionId");
  const result = await withActor<undefined>(async (actor) => {
    const csv = await fileBytes(form, "csv", "Choose the ADT File (adt.csv).");
    const signature = await fileBytes(form, "signature", "Choose the signature file openssl wrote (adt.csv.sig).");
    const smsr = await uploadAdtFile(actor, { submissionId, fileName: csv.file.name, csv: csv.bytes, signature: signature.bytes });
    return { ok: true, message: `${smsr.reference}: ${STATUS_LABELS[smsr.status]}.` };
  });
  revalidatePath(`/tad/${submissionId}`);
  return { ...result, seq: seq() };
}

export async function confirmAdtAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const submissionId = text(form, "submissionId");
  const result = await withActor<undefined>(async (actor) => {
    const smsr = await confirmAdtSubmission(actor, { submissionId });
    return { ok: true, message: `${smsr.reference}: confirmed and applied.` };
  });
  revalidatePath(`/tad/${submissionId}`);
  return { ...result, seq: seq() };
}

export async function declineAdtAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const submissionId = text(form, "submissionId");
  const result = await withActor<undefined>(async (actor) => {
    const smsr = await declineAdtSubmission(actor, { submissionId, reason: text(form, "reason") });
    return { ok: true, message: `${smsr.reference}: declined. The ARO has been told.` };
  });
  revalidatePath(`/tad/${submissionId}`);
  return { ...result, values: { reason: text(form, "reason") }, seq: seq() };
}

/**
 * The DCC's thresholds as lines of text, one per threshold: `SRV,ADT,MaxCount,PeriodMinutes` or
 * `SRV,PACKET,Value,Lowest,Highest` (a bound may be blank). Errors come back keyed `line.<n>`.
 */
function dccRows(lines: string) {
  return lines
    .split(/\r?\n/)
    .map((line, i) => ({ line: i + 1, fields: line.split(",").map((f) => f.trim()) }))
    .filter((l) => l.fields.some(Boolean))
    .map(({ line, fields }) => {
      // A blank count must not read as 0 (z.coerce would make it one): undefined is refused as "not a whole number".
      const [srv, kind, a, b, c] = fields.map((f) => f || undefined);
      const row = kind?.toUpperCase() === "PACKET" ? { kind: "PACKET", srv, param: a, minValue: b ?? null, maxValue: c ?? null } : { kind: kind?.toUpperCase(), srv, maxCount: a, periodMinutes: b };
      return { line, row };
    });
}

export async function setDccThresholdsAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const lines = text(form, "rows");
  const parsed = dccRows(lines);
  const result = await withActor<undefined>(async (actor) => {
    const set = await setDccThresholds(actor, { temporary: form.get("temporary") === "on", rows: parsed.map((p) => p.row) as never });
    return { ok: true, message: `DCC thresholds version ${set.version} is in force (${plural(parsed.length, "threshold")}).` };
  });
  revalidatePath("/tad/dcc");
  if (result.ok) return { ...result, seq: seq() };
  // "rows.3.maxCount" names the fourth non-blank line: say which line of the text it is.
  const fieldErrors: Record<string, string> = {};
  for (const [key, message] of Object.entries(result.fieldErrors ?? {})) {
    const match = /^rows\.(\d+)/.exec(key);
    const where = match ? `line ${parsed[Number(match[1])]?.line}` : "_form";
    fieldErrors[where] = fieldErrors[where] ? `${fieldErrors[where]} ${message}` : message;
  }
  return { ok: false, message: "The thresholds were not changed: correct the lines listed.", fieldErrors, values: { rows: lines, temporary: text(form, "temporary") }, seq: seq() };
}

export async function restoreThresholdsAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const result = await withActor<undefined>(async (actor) => {
    const set = await restorePreviousThresholds(actor, { setId: text(form, "setId") });
    return { ok: true, message: `The previous thresholds are back in force as version ${set.version}.` };
  });
  revalidatePath("/tad/dcc");
  revalidatePath("/tad/thresholds");
  return { ...result, seq: seq() };
}
