"use server";

// Thin server actions of the quarantine pages: the SRO's release/delete of the ticked items, the QCA File upload, and
// the DCC's advice and deletion. The rules live in lib/tad.
import { revalidatePath } from "next/cache";
import type { DccAdvice } from "@/generated/prisma/enums";
import { withActor } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/errors";
import { deleteAsAdvised, recordDccAdvice } from "@/lib/tad/dcc-advice";
import { deleteQuarantined, releaseQuarantined, type DecisionResult } from "@/lib/tad/decide";
import { uploadQca, type QcaResult } from "@/lib/tad/qca";

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

export async function decideAction(_: ActionResult<DecisionResult> | null, form: FormData): Promise<ActionResult<DecisionResult>> {
  return withActor(async (actor) => {
    const ids = form.getAll("ids").map(String).filter(Boolean);
    const release = text(form, "decision") === "release";
    const result = release ? await releaseQuarantined(actor, { ids }) : await deleteQuarantined(actor, { ids });
    revalidatePath("/quarantine", "layout");
    const parts = [`${result.decided.length} ${release ? "released" : "deleted"}`];
    if (result.skipped.length) parts.push(`${result.skipped.length} skipped`);
    if (result.failed.length) parts.push(`${result.failed.length} failed`);
    return { ok: true, data: result, message: `${parts.join(", ")}.` };
  });
}

const fileOf = (form: FormData, name: string) => {
  const file = form.get(name);
  return file instanceof File && file.size ? file : null;
};

export async function uploadQcaAction(_: ActionResult<QcaResult> | null, form: FormData): Promise<ActionResult<QcaResult>> {
  return withActor<QcaResult>(async (actor) => {
    const csvFile = fileOf(form, "file");
    const signatureFile = fileOf(form, "signature");
    const result = await uploadQca(actor, {
      incidentId: text(form, "incidentId"),
      fileName: csvFile?.name ?? "",
      csv: csvFile ? await csvFile.text() : "",
      signature: signatureFile ? Buffer.from(await signatureFile.arrayBuffer()) : "",
    });
    revalidatePath("/quarantine", "layout");
    return result.accepted
      ? { ok: true, data: result, message: `QCA File accepted: ${result.released} released, ${result.deleted} deleted.` }
      : { ok: true, data: result, message: "QCA File refused: nothing was released or deleted." };
  });
}

export async function adviceAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return withActor(async (actor) => {
    const { advised } = await recordDccAdvice(actor, { incidentId: text(form, "incidentId"), advice: text(form, "advice") as DccAdvice });
    revalidatePath("/quarantine", "layout");
    return { ok: true, message: advised ? `Advice recorded on ${advised} item(s).` : "Every item already had this advice." };
  });
}

export async function deleteAsAdvisedAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return withActor(async (actor) => {
    const { deleted } = await deleteAsAdvised(actor, { incidentId: text(form, "incidentId") });
    revalidatePath("/quarantine", "layout");
    return { ok: true, message: `${deleted} item(s) deleted by the DCC.` };
  });
}
