// CH Fault Diagnosis (F9.7-F9.14, CHIMSM 11.2-11.9). After receipt the DCC has 10 days to say it will diagnose
// ("further analysis required"), then 35 days to issue a Fault Analysis Report if it disputes the party's reason;
// the party has 35 days to object through the Service Desk. A missed DCC deadline makes the party's reason final; an
// unanswered report makes the DCC's. The jobs at the end apply those deadlines and the 90-day lost rule (F8.6).
import { z } from "zod";
import type { ChReturn } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource } from "@/lib/auth/policy";
import { formatLondon, now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { reference, requiredText } from "@/lib/validation";
import { enqueueEmails } from "@/lib/notifications/outbox";
import { emailOmsAccounts } from "@/lib/orders/oms-notices";
import { RETURN_REASONS, RETURN_RULES, reasonLabel } from "./catalog";
import { returnEventText } from "./event-texts";
import { OUTSTANDING_RETURN_STATUSES, RETURN_STATUS_LABELS, moveReturn } from "./status";

const days = (n: number) => n * 86_400_000;
const reasonCode = z.enum(RETURN_REASONS.map((r) => r.code) as [string, ...string[]], "Choose a return reason.");

async function loadReturn(tx: Tx, actor: Actor, ref: string, action: "ch.decide" | "ch.return") {
  const record = authorizeResource(actor, "ch.view", await tx.chReturn.findUnique({ where: { ref: ref.toUpperCase() } }), `Return ${ref}`);
  authorize(actor, action);
  return record;
}

function requireBefore(record: ChReturn, due: Date | null, what: string) {
  if (due && now() > due) throw new AppError("CONFLICT", `${record.ref}: ${what} was due by ${formatLondon(due)}; the deadline has passed.`);
}

const refSchema = z.object({ ref: reference("Which return?") });

/** The DCC's notice that it intends to diagnose (F9.9, CHIMSM 11.2): "further analysis required". */
export async function startDiagnosis(actor: Actor, input: z.input<typeof refSchema>) {
  const { ref } = refSchema.parse(input);
  return db().$transaction(async (tx) => {
    const record = await loadReturn(tx, actor, ref, "ch.decide");
    requireBefore(record, record.diagnosisNoticeDueAt, "the diagnosis notice");
    const at = now();
    const reportDueAt = new Date(at.getTime() + days(RETURN_RULES.reportDays));
    await moveReturn(tx, actor, record, "UNDER_ANALYSIS", { data: { diagnosisNoticeAt: at, reportDueAt }, event: returnEventText.underAnalysis(reportDueAt) });
    await emailOmsAccounts(tx, record.partyId, "ch-return.analysis", `Return ${record.ref}: further analysis required`, `The DCC will diagnose CH ${formatEui64(record.deviceId)} (${record.ref}). If it disputes your return reason it issues a Fault Analysis Report by ${formatLondon(reportDueAt, "d MMM yyyy")}.`);
  });
}

/** The DCC agrees with the party's reason: it becomes final and the record closes. */
export async function acceptReturnReason(actor: Actor, input: z.input<typeof refSchema>) {
  const { ref } = refSchema.parse(input);
  return db().$transaction(async (tx) => {
    const record = await loadReturn(tx, actor, ref, "ch.decide");
    await moveReturn(tx, actor, record, "CLOSED", { data: { finalReason: record.reason, closedAt: now() }, event: returnEventText.reasonAccepted(record.reason) });
  });
}

const reportSchema = z.object({
  ref: reference("Which return?"),
  dccReason: reasonCode,
  finding: requiredText("The finding", 4000, { multiline: true, missing: "Summarise the analysis: visual checks, then electronic tests (CHIMSM 11.4-11.6)." }),
});

/** The DCC disputes the reason with a Fault Analysis Report (F9.11, CHIMSM 11.7); the party has 35 days to object. */
export async function issueFaultAnalysisReport(actor: Actor, input: z.input<typeof reportSchema>) {
  const data = reportSchema.parse(input);
  return db().$transaction(async (tx) => {
    const record = await loadReturn(tx, actor, data.ref, "ch.decide");
    if (data.dccReason === record.reason) throw new AppError("INVALID", "The report disputes the party's reason: choose a different one, or accept the party's reason instead.", { dccReason: "Same as the party's reason." });
    requireBefore(record, record.reportDueAt, "the Fault Analysis Report");
    const at = now();
    const objectionDueAt = new Date(at.getTime() + days(RETURN_RULES.objectionDays));
    await moveReturn(tx, actor, record, "REPORT_ISSUED", {
      data: { reportAt: at, reportFinding: data.finding, dccReason: data.dccReason, objectionDueAt },
      event: returnEventText.reportIssued(data.dccReason, record.reason, data.finding, objectionDueAt),
    });
    await emailOmsAccounts(tx, record.partyId, "ch-return.report", `Return ${record.ref}: Fault Analysis Report`, `The DCC's Fault Analysis Report for CH ${formatEui64(record.deviceId)} is in the OMS. It finds ${reasonLabel(data.dccReason)}. Object through the Service Desk by ${formatLondon(objectionDueAt, "d MMM yyyy")}, or the DCC's analysis stands.`);
  });
}

const objectionSchema = z.object({ ref: reference("Which return?"), text: requiredText("The objection", 4000, { multiline: true, missing: "Say why you object to the report." }) });

/** The party objects to the report (F9.13); the objection goes to the Service Desk, and either side may go to the Panel. */
export async function objectToReport(actor: Actor, input: z.input<typeof objectionSchema>) {
  const data = objectionSchema.parse(input);
  return db().$transaction(async (tx) => {
    const record = await loadReturn(tx, actor, data.ref, "ch.return");
    requireBefore(record, record.objectionDueAt, "an objection");
    await moveReturn(tx, actor, record, "OBJECTED", { data: { objectedAt: now() }, event: returnEventText.objected(data.text) });
    const desk = await tx.account.findMany({ where: { disabled: false, permissions: { has: "SERVICE_DESK" }, party: { isDcc: true } }, select: { id: true, email: true } });
    await enqueueEmails(tx, desk.map((a) => ({ eventType: "ch-return.objection", to: { address: a.email, accountId: a.id }, partyId: null, subject: `Objection to the Fault Analysis Report on ${record.ref}`, body: `${actor.partyName} objects to the Fault Analysis Report on ${record.ref}: ${data.text}` })));
  });
}

const settleSchema = z.object({
  ref: reference("Which return?"),
  finalReason: reasonCode,
  note: requiredText("The note", 2000, { multiline: true, missing: "Record how it was settled (agreement or the Panel's decision)." }),
});

/** After an objection: the outcome, by agreement or the Panel's final decision (F9.14), closes the record. */
export async function settleObjection(actor: Actor, input: z.input<typeof settleSchema>) {
  const data = settleSchema.parse(input);
  return db().$transaction(async (tx) => {
    const record = await loadReturn(tx, actor, data.ref, "ch.decide");
    if (record.status !== "OBJECTED") throw new AppError("CONFLICT", `${record.ref} is ${RETURN_STATUS_LABELS[record.status]}: there is no objection to settle.`);
    await moveReturn(tx, actor, record, "CLOSED", { data: { finalReason: data.finalReason, closedAt: now() }, event: returnEventText.settled(data.finalReason, data.note) });
    await emailOmsAccounts(tx, record.partyId, "ch-return.closed", `Return ${record.ref} closed`, `The objection on ${record.ref} is settled: the final return reason is ${reasonLabel(data.finalReason)}.`);
  });
}

/**
 * Job: the returns deadlines. A received CH with no diagnosis notice in 10 days, or no report 35 days after the
 * notice, keeps the party's reason (F9.10, F9.12); a report with no objection in 35 days stands (CHIMSM 11.8); a CH
 * not returned within 90 days of removal is lost or stolen and blocked from the SM WAN (F8.6, 10.11). Idempotent.
 */
export async function applyReturnDeadlines(): Promise<{ closed: number; lost: number }> {
  const at = now();
  const due = await db().chReturn.findMany({
    where: {
      OR: [
        { status: "RECEIVED", diagnosisNoticeDueAt: { lt: at } },
        { status: "UNDER_ANALYSIS", reportDueAt: { lt: at } },
        { status: "REPORT_ISSUED", objectionDueAt: { lt: at } },
        { status: { in: [...OUTSTANDING_RETURN_STATUSES] }, returnDueAt: { lt: at } },
      ],
    },
    take: 500,
  });
  let closed = 0;
  let lost = 0;
  for (const record of due) {
    await db().$transaction(async (tx) => {
      const current = await tx.chReturn.findUnique({ where: { id: record.id } });
      if (!current || current.status !== record.status) return;
      if (OUTSTANDING_RETURN_STATUSES.includes(current.status)) {
        await moveReturn(tx, null, current, "LOST", { data: { lostAt: at }, event: returnEventText.lostByDeadline() });
        await tx.device.update({ where: { id: current.deviceId }, data: { wanBlockedAt: at } });
        await emailOmsAccounts(tx, current.partyId, "ch-return.lost", `Return ${current.ref}: CH treated as lost`, `CH ${formatEui64(current.deviceId)} was not returned within ${RETURN_RULES.returnDays} days of removal. It is treated as lost or stolen and blocked from the SM WAN.`);
        lost++;
        return;
      }
      const stands = current.status === "REPORT_ISSUED" ? current.dccReason! : current.reason;
      const text = returnEventText.closedByDeadline(current.status, stands);
      await moveReturn(tx, null, current, "CLOSED", { data: { finalReason: stands, closedAt: at }, event: text });
      await emailOmsAccounts(tx, current.partyId, "ch-return.closed", `Return ${current.ref} closed`, text);
      closed++;
    });
  }
  return { closed, lost };
}
