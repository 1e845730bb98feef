"use server";

// Thin server actions of the SMKI admin pages: a DCC admin imports, rotates and revokes Organisation Certificates.
// A refused import comes back with the pasted PEM and the field errors, and a sequence number so the form remounts.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { CertificateUsage } from "@/generated/prisma/enums";
import { withActor } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/errors";
import { importCertificate, revokeCertificate, rotateCertificate } from "@/lib/smki/manage-certificates";

export type FormResult = ActionResult & { values?: Record<string, string>; seq?: number };

const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const seq = () => Date.now() + Math.random();

export async function importCertificateAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const values = { pem: text(form, "pem"), partyId: text(form, "partyId"), usage: text(form, "usage") };
  const result = await withActor<{ id: string }>(async (actor) => {
    const certificate = await importCertificate(actor, { pem: values.pem, partyId: values.partyId || undefined, usage: values.usage as CertificateUsage });
    return { ok: true, data: { id: certificate.id } };
  });
  if (result.ok) {
    revalidatePath("/admin/certificates");
    redirect(`/admin/certificates/${result.data!.id}?done=imported`);
  }
  return { ...result, values, seq: seq() };
}

export async function rotateCertificateAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const result = await withActor<{ id: string }>(async (actor) => {
    const certificate = await rotateCertificate(actor, { certificateId: text(form, "certificateId") });
    return { ok: true, data: { id: certificate.id } };
  });
  if (result.ok) {
    revalidatePath("/admin/certificates", "layout");
    redirect(`/admin/certificates/${result.data!.id}?done=rotated`);
  }
  return { ...result, seq: seq() };
}

export async function revokeCertificateAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const certificateId = text(form, "certificateId");
  const values = { reason: text(form, "reason") };
  const result = await withActor<undefined>(async (actor) => {
    await revokeCertificate(actor, { certificateId, reason: values.reason });
    return { ok: true };
  });
  if (result.ok) {
    revalidatePath("/admin/certificates", "layout");
    redirect(`/admin/certificates/${encodeURIComponent(certificateId)}?done=revoked`);
  }
  return { ...result, values, seq: seq() };
}
