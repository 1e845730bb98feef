// ADT submissions (processing.md §1.5, §6.5): an ARO raises an SMSR and uploads the signed ADT File against it; the DCC
// checks signature, certificate and format in that order (the first failure stops, with the reason, nothing applied),
// then DCC guidance. Within guidance the thresholds apply at once; outside it the party's SRO confirms or declines in
// the portal (the seed's phone call). Applied thresholds replace the role's previous version and the SSC is told.
import { z } from "zod";
import type { AdtSubmission, Prisma } from "@/generated/prisma/client";
import type { AdtSubmissionStatus, UserRole } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource, partyScope } from "@/lib/auth/policy";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { formKeyed, oncePerForm, type FormKeyed } from "@/lib/idempotency";
import { pageWindow, toPage } from "@/lib/lists";
import { enqueueEmails } from "@/lib/notifications/outbox";
import { optionalText, pageNumber, reference, requiredText } from "@/lib/validation";
import { MAX_ADT_FILE_BYTES, guidanceIssues, parseAdtFile, type AdtRow, type GuidanceIssues, type LineError } from "./adt-file-format";
import { verifyFileSignature } from "./file-signature";
import { applyThresholdSet, sscEmail } from "./thresholds";

const HOUR_MS = 3_600_000;
/** Apply (or reject) within 72 h of receiving the file, 24 h for Fast-Track (AA 3.7, L5141, L5226). */
export const APPLY_WITHIN_HOURS = { standard: 72, fastTrack: 24 } as const;

/** The SMSR states in which nothing more happens (the SMSR is closed). */
export const CLOSED_STATUSES: readonly AdtSubmissionStatus[] = ["VALIDATION_FAILED", "APPLIED", "DECLINED"];

export const smsrRef = (n: number) => `SMSR${String(n).padStart(7, "0")}`;

// ── Raise ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const raiseAdtSmsrSchema = z
  .object({
    fastTrack: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
    // A temporary change (e.g. during SMKI recovery): its ARO can later restore the version before it.
    temporary: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).default(false),
    justification: optionalText("The justification", 2000, { multiline: true }),
  })
  // AA 3.3: a Fast-Track is justified to the Service Desk first; an SMSR without one fails step d, so it is asked here.
  .refine((v) => !v.fastTrack || (v.justification?.length ?? 0) >= 20, {
    path: ["justification"],
    message: "A Fast-Track submission needs its justification (at least 20 characters): why the thresholds cannot wait 72 hours.",
  });
export type RaiseAdtSmsrInput = z.input<typeof raiseAdtSmsrSchema>;

/** Raises an SMSR; a second submission of the same form (its formKey) gets the first one's SMSR, not another. */
export async function raiseAdtSmsr(actor: Actor, input: RaiseAdtSmsrInput & FormKeyed): Promise<AdtSubmission> {
  authorize(actor, "tad.adt.submit");
  const { fastTrack, temporary, justification } = raiseAdtSmsrSchema.parse(input);
  const { formKey } = formKeyed.parse(input);
  const withRef = (smsr: AdtSubmission) => ({ ref: smsr.reference, smsr });
  const raised = await db().$transaction((tx) =>
    oncePerForm(
      tx,
      actor,
      { action: "tad.smsr.raise", key: formKey },
      async () => withRef(await createSmsr(tx, actor, { fastTrack, temporary, justification })),
      async (ref) => withRef(await tx.adtSubmission.findUniqueOrThrow({ where: { reference: ref } })),
    ),
  );
  return raised.smsr;
}

async function createSmsr(tx: Tx, actor: Actor, { fastTrack, temporary, justification }: z.output<typeof raiseAdtSmsrSchema>) {
  const [{ n }] = await tx.$queryRaw<{ n: number }[]>`SELECT nextval('smsr_seq')::int AS n`;
  const smsr = await tx.adtSubmission.create({
    data: {
      reference: smsrRef(n),
      partyId: actor.partyId,
      fastTrack,
      temporary,
      justification: fastTrack ? justification : null,
      status: "OPEN",
      raisedById: actor.accountId,
      raisedAt: now(),
    },
  });
  await audit(tx, actor, { action: "tad.smsr.raise", entityType: "AdtSubmission", entityId: smsr.id, partyId: smsr.partyId, after: { reference: smsr.reference, fastTrack, temporary, justification: smsr.justification } });
  return smsr;
}

// ── Upload ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const uploadAdtFileSchema = z.object({
  submissionId: reference("Which SMSR?"),
  fileName: requiredText("The file name", 200, { missing: "Choose the ADT File." }),
});

export interface UploadAdtFileInput extends z.input<typeof uploadAdtFileSchema> {
  /** The file's bytes as received (the signature covers exactly these), or its text. */
  csv: string | Uint8Array;
  /** The detached signature: openssl's DER bytes, or those in base64. */
  signature: string | Uint8Array;
}

/** A signature file of more than this is not one (a DER P-256 signature is at most 72 bytes; base64 of it about 100). */
const MAX_SIGNATURE_BYTES = 1024;

const asBuffer = (value: string | Uint8Array) => (typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value.buffer, value.byteOffset, value.byteLength));

/** The file as text for the format check and the SMSR; null when it is not UTF-8 text (PostgreSQL stores no NUL either). */
function fileText(bytes: Buffer): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    return text.includes("\u0000") ? null : text;
  } catch {
    return null;
  }
}

interface Outcome {
  status: AdtSubmissionStatus;
  reason?: string;
  lineErrors?: LineError[];
  guidance?: GuidanceIssues;
}

/**
 * Upload the signed ADT File against an OPEN SMSR of the actor's party. Validation failures are not errors: the SMSR
 * records them (VALIDATION_FAILED, closed: a new SMSR is raised for a corrected file) and is returned.
 */
export async function uploadAdtFile(actor: Actor, input: UploadAdtFileInput): Promise<AdtSubmission> {
  authorize(actor, "tad.adt.submit");
  const { submissionId, fileName } = uploadAdtFileSchema.parse(input);
  const bytes = asBuffer(input.csv ?? "");
  const signature = typeof input.signature === "string" ? input.signature : asBuffer(input.signature ?? "");
  if (bytes.length === 0) throw new AppError("INVALID", "The ADT File is empty.", { csv: "Choose the ADT File." });
  if (bytes.length > MAX_ADT_FILE_BYTES) throw new AppError("INVALID", "The ADT File is larger than 2 MB.", { csv: "At most 2 MB (10,000 thresholds)." });
  if (signature.length === 0) throw new AppError("INVALID", "The signature file is missing.", { signature: "Choose the signature file openssl wrote (adt.csv.sig)." });
  if (signature.length > MAX_SIGNATURE_BYTES) throw new AppError("INVALID", "That is not a signature file: it is far too large.", { signature: "Choose the signature file openssl wrote (adt.csv.sig)." });
  const text = fileText(bytes);

  return db().$transaction(async (tx) => {
    const smsr = authorizeResource(actor, "tad.adt.submit", await tx.adtSubmission.findUnique({ where: { id: submissionId }, include: { party: true } }), "That SMSR");
    if (smsr.status !== "OPEN") throw new AppError("CONFLICT", `${smsr.reference} already has its ADT File (${statusLabel(smsr.status)}): raise a new SMSR for another file.`);
    const receivedAt = now();
    const deadline = new Date(receivedAt.getTime() + (smsr.fastTrack ? APPLY_WITHIN_HOURS.fastTrack : APPLY_WITHIN_HOURS.standard) * HOUR_MS);

    // §1.5 step 4, in order: a, b (the signature and its certificate), c (the format); then the guidance check.
    let outcome: Outcome;
    let parsed: ReturnType<typeof parseAdtFile> | undefined;
    let certificateSerial: string | null = null;
    const verified = await verifyFileSignature(tx, smsr.partyId, bytes, signature, receivedAt);
    if (!verified.ok) outcome = { status: "VALIDATION_FAILED", reason: verified.reason };
    else {
      certificateSerial = verified.certificateSerial;
      parsed = text === null ? { ok: false, reason: "The ADT File is not UTF-8 text.", lineErrors: [] } : parseAdtFile(text, smsr.party);
      if (!parsed.ok) outcome = { status: "VALIDATION_FAILED", reason: parsed.reason, lineErrors: parsed.lineErrors };
      else {
        const guidance = guidanceIssues(parsed.role, parsed.rows);
        outcome = guidance ? { status: "AWAITING_SRO_CONFIRMATION", guidance } : { status: "APPLIED" };
      }
    }

    const [updated] = await tx.adtSubmission.updateManyAndReturn({
      where: { id: smsr.id, status: "OPEN" },
      data: {
        status: outcome.status,
        fileName,
        fileCsv: text ?? null,
        signature: Buffer.isBuffer(signature) ? signature.toString("base64") : signature.replace(/\s/g, ""),
        certificateSerial,
        receivedAt,
        deadline,
        reason: outcome.reason ?? null,
        lineErrors: (outcome.lineErrors as unknown as Prisma.InputJsonValue) ?? undefined,
        guidanceIssues: (outcome.guidance as unknown as Prisma.InputJsonValue) ?? undefined,
        appliedAt: outcome.status === "APPLIED" ? receivedAt : null,
        version: { increment: 1 },
      },
    });
    if (!updated) throw new AppError("CONFLICT", `${smsr.reference} received another ADT File at the same moment: reload it.`);
    await audit(tx, actor, {
      action: "tad.adt.upload",
      entityType: "AdtSubmission",
      entityId: smsr.id,
      partyId: smsr.partyId,
      before: { status: "OPEN" },
      after: { status: outcome.status, fileName, certificateSerial, reason: outcome.reason, lineErrors: outcome.lineErrors?.length, guidanceIssues: outcome.guidance },
    });
    if (parsed?.ok && outcome.status === "APPLIED") await applySubmission(tx, actor, updated, parsed.role, parsed.rows);
    if (outcome.status === "AWAITING_SRO_CONFIRMATION") await emailSros(tx, updated);
    return updated;
  });
}

// ── The SRO's decision ─────────────────────────────────────────────────────────────────────────────────────────

export const confirmAdtSchema = z.object({ submissionId: reference("Which SMSR?") });
export const declineAdtSchema = z.object({
  submissionId: reference("Which SMSR?"),
  reason: requiredText("The reason", 2000, { multiline: true, missing: "Say why the thresholds are declined: the ARO reads it before resubmitting." }),
});

/** The SMSR awaiting the SRO, moved on exactly once: of two SROs deciding at once, the second is told who did. */
async function decide(tx: Tx, actor: Actor, submissionId: string, data: Prisma.AdtSubmissionUpdateManyMutationInput): Promise<AdtSubmission> {
  const smsr = authorizeResource(actor, "tad.adt.confirm", await tx.adtSubmission.findUnique({ where: { id: submissionId } }), "That SMSR");
  const [updated] = await tx.adtSubmission.updateManyAndReturn({
    where: { id: smsr.id, status: "AWAITING_SRO_CONFIRMATION" },
    data: { ...data, decidedById: actor.accountId, decidedAt: now(), version: { increment: 1 } },
  });
  if (updated) return updated;
  const current = await tx.adtSubmission.findUniqueOrThrow({ where: { id: smsr.id }, include: { decidedBy: { select: { name: true } } } });
  const by = current.decidedBy ? ` by ${current.decidedBy.name}` : "";
  throw new AppError("CONFLICT", `${current.reference} is not awaiting confirmation: it is ${statusLabel(current.status)}${by}.`);
}

/** The SRO confirms out-of-guidance thresholds: they are applied now (§1.5 step 7). */
export async function confirmAdtSubmission(actor: Actor, input: z.input<typeof confirmAdtSchema>): Promise<AdtSubmission> {
  authorize(actor, "tad.adt.confirm");
  const { submissionId } = confirmAdtSchema.parse(input);
  return db().$transaction(async (tx) => {
    const smsr = await decide(tx, actor, submissionId, { status: "APPLIED", appliedAt: now() });
    const party = await tx.party.findUniqueOrThrow({ where: { id: smsr.partyId } });
    // The file passed the format check on receipt; the party's roles are read again, so one withdrawn since fails here.
    const parsed = parseAdtFile(smsr.fileCsv ?? "", party);
    if (!parsed.ok) throw new AppError("CONFLICT", `${smsr.reference} no longer passes the format check (${parsed.reason}): decline it and raise a new SMSR.`);
    await audit(tx, actor, { action: "tad.adt.confirm", entityType: "AdtSubmission", entityId: smsr.id, partyId: smsr.partyId, before: { status: "AWAITING_SRO_CONFIRMATION" }, after: { status: "APPLIED" } });
    await applySubmission(tx, actor, smsr, parsed.role, parsed.rows);
    return smsr;
  });
}

/** The SRO declines: nothing applied; the ARO revises the file and raises a new SMSR (§1.5 step 7, AA 3.6(b)). */
export async function declineAdtSubmission(actor: Actor, input: z.input<typeof declineAdtSchema>): Promise<AdtSubmission> {
  authorize(actor, "tad.adt.confirm");
  const { submissionId, reason } = declineAdtSchema.parse(input);
  return db().$transaction(async (tx) => {
    const smsr = await decide(tx, actor, submissionId, { status: "DECLINED", reason });
    await audit(tx, actor, { action: "tad.adt.decline", entityType: "AdtSubmission", entityId: smsr.id, partyId: smsr.partyId, before: { status: "AWAITING_SRO_CONFIRMATION" }, after: { status: "DECLINED", reason } });
    const raiser = await tx.account.findUniqueOrThrow({ where: { id: smsr.raisedById }, select: { id: true, email: true } });
    await enqueueEmails(tx, [
      {
        eventType: "tad.adt.declined",
        to: { address: raiser.email, accountId: raiser.id },
        partyId: smsr.partyId,
        subject: `${smsr.reference}: ADT File declined by your SRO`,
        body: `Your Senior Responsible Officer declined the thresholds of ${smsr.reference}: ${reason}\n\nNothing was applied. Revise the ADT File and raise a new SMSR.`,
      },
    ]);
    return smsr;
  });
}

// ── Apply ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** The new active version for the party's role, its audit row, and the SSC's notification (G6.8), in the caller's transaction. */
async function applySubmission(tx: Tx, actor: Actor, smsr: AdtSubmission, role: UserRole, rows: AdtRow[]) {
  const set = await applyThresholdSet(tx, actor, { partyId: smsr.partyId, userRole: role, rows, submissionId: smsr.id, temporary: smsr.temporary });
  const party = await tx.party.findUniqueOrThrow({ where: { id: smsr.partyId }, select: { name: true, eui64: true } });
  const late = smsr.deadline && smsr.appliedAt && smsr.appliedAt > smsr.deadline;
  await audit(tx, actor, {
    action: "tad.thresholds.apply",
    entityType: "ThresholdSet",
    entityId: set.id,
    partyId: smsr.partyId,
    after: { reference: smsr.reference, userRole: role, version: set.version, temporary: smsr.temporary, thresholds: rows.length, appliedAt: smsr.appliedAt, deadline: smsr.deadline, late: !!late },
  });
  const adts = rows.filter((r) => r.kind === "ADT").length;
  await enqueueEmails(tx, [
    {
      eventType: "tad.adt.applied",
      to: { address: sscEmail() },
      partyId: smsr.partyId,
      subject: `ADTs applied: ${party.name} (${formatEui64(party.eui64)}) ${role}, ${smsr.reference}`,
      body:
        `The DCC applied the Anomaly Detection Thresholds of ${party.name} (${formatEui64(party.eui64)}) in the ${role} User Role, ` +
        `version ${set.version}${smsr.temporary ? " (a temporary change)" : ""}: ${adts} ADTs and ${rows.length - adts} Warning Thresholds, from ADT File ${smsr.fileName} (${smsr.reference}).`,
    },
  ]);
}

/** The party's SROs are asked to confirm or decline (in place of the seed's phone call). */
async function emailSros(tx: Tx, smsr: AdtSubmission) {
  const sros = await tx.account.findMany({ where: { partyId: smsr.partyId, disabled: false, permissions: { has: "SRO" } }, select: { id: true, email: true } });
  await enqueueEmails(
    tx,
    sros.map((a) => ({
      eventType: "tad.adt.awaiting-sro",
      to: { address: a.email, accountId: a.id },
      partyId: smsr.partyId,
      subject: `${smsr.reference}: ADT File outside DCC guidance awaits your confirmation`,
      body: `The ADT File of ${smsr.reference} is outside DCC guidance. Open ${smsr.reference} in the portal (Threshold Anomaly Detection) to confirm or decline it before ${smsr.deadline?.toISOString()}.`,
    })),
  );
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────────────────────────

export const STATUS_LABELS: Record<AdtSubmissionStatus, string> = {
  OPEN: "Open: awaiting the ADT File",
  VALIDATION_FAILED: "Validation failed (closed)",
  AWAITING_SRO_CONFIRMATION: "Awaiting SRO confirmation",
  APPLIED: "Applied (closed)",
  DECLINED: "Declined by the SRO (closed)",
};
const statusLabel = (status: AdtSubmissionStatus) => STATUS_LABELS[status].toLowerCase();

export const adtSubmissionListSchema = z.object({
  status: z.enum(["OPEN", "VALIDATION_FAILED", "AWAITING_SRO_CONFIRMATION", "APPLIED", "DECLINED"], "Choose a status.").optional(),
  page: pageNumber(),
});

/** The party's SMSRs (DCC staff: every party's), newest first. */
export async function listAdtSubmissions(actor: Actor, filters: z.output<typeof adtSubmissionListSchema>) {
  const where = { ...partyScope(actor, "tad.view"), ...(filters.status ? { status: filters.status } : {}) };
  const [data, count] = await Promise.all([
    db().adtSubmission.findMany({
      where,
      orderBy: [{ raisedAt: "desc" }, { id: "desc" }],
      ...pageWindow(filters.page),
      omit: { fileCsv: true, signature: true, lineErrors: true },
      include: { party: { select: { name: true, eui64: true } }, raisedBy: { select: { name: true } } },
    }),
    db().adtSubmission.count({ where }),
  ]);
  return toPage(data, count, filters.page);
}

/** One SMSR with its file, findings and the thresholds it applied; another party's is "not found". */
export async function readAdtSubmission(actor: Actor, id: string) {
  const smsr = /^[a-z0-9]{1,40}$/i.test(id)
    ? await db().adtSubmission.findUnique({
        where: { id },
        include: {
          party: { select: { name: true, eui64: true } },
          raisedBy: { select: { name: true } },
          decidedBy: { select: { name: true } },
          thresholdSets: { select: { id: true, version: true, userRole: true, active: true } },
        },
      })
    : null;
  const found = authorizeResource(actor, "tad.view", smsr, "That SMSR");
  return { ...found, lineErrors: (found.lineErrors ?? []) as unknown as LineError[], guidanceIssues: found.guidanceIssues as unknown as GuidanceIssues | null };
}
