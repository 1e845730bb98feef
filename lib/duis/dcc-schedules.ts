// DCC Schedules at work (processing.md §4.2): at each due time the DCC builds an unsigned request of the scheduled SRV
// for the device, as if its creator sent it, re-checks eligibility and device status (N7 on failure: P14), and sends
// the Command; the Service Response goes to the creator. Each occurrence runs exactly once: the schedule's nextRunAt
// is moved on by a guarded update before the request is stored, in one transaction.
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { ALERT_RESPONSE_CODE, signedAnswer } from "./answers";
import { srvEntry } from "./catalogue";
import { CODE } from "./codes";
import { DEVICE_COMMAND_QUEUE, enqueueDuisJobs, prepareDuisQueues, storeMessages } from "./duis-jobs";
import { reexecutionFailure } from "./execution";
import { gatewayActor } from "./gateway-actor";
import { nextScheduleRun } from "./non-device/schedules";
import { freshCounter } from "./requests";
import { DUIS_NS, escapeXml } from "./xml";

const DUE_BATCH = 500;

/** The request the DCC sends on the schedule owner's behalf (unsigned: AB 16.1(d)(iv)(D) skips the crypto check). */
function scheduledRequestXml(party: { eui64: string }, schedule: { deviceId: string; srv: string; bodyXml: string }, counter: string) {
  const entry = srvEntry(schedule.srv);
  const serviceReference = entry?.serviceReference ?? schedule.srv.split(".").slice(0, 2).join(".");
  return (
    `<sr:Request xmlns:sr="${DUIS_NS.sr}" schemaVersion="5.4"><sr:Header>` +
    `<sr:RequestID>${formatEui64(party.eui64)}:${formatEui64(schedule.deviceId)}:${counter}</sr:RequestID>` +
    `<sr:CommandVariant>1</sr:CommandVariant><sr:ServiceReference>${escapeXml(serviceReference)}</sr:ServiceReference>` +
    `<sr:ServiceReferenceVariant>${escapeXml(schedule.srv)}</sr:ServiceReferenceVariant></sr:Header>` +
    `<sr:Body>${schedule.bodyXml}</sr:Body></sr:Request>`
  );
}

/** Runs every occurrence that is due; returns how many requests it created. */
export async function runDueSchedules(): Promise<{ sent: number; refused: number }> {
  const at = now();
  const due = await db().dccSchedule.findMany({
    where: { deletedAt: null, nextRunAt: { lte: at }, OR: [{ endDate: null }, { endDate: { gte: at } }] },
    orderBy: { nextRunAt: "asc" },
    take: DUE_BATCH,
    include: { party: true },
  });
  const counts = { sent: 0, refused: 0 };
  if (due.length) await prepareDuisQueues();
  for (const schedule of due) {
    await db().$transaction(async (tx) => {
      // Past its end date: a nextRunAt after the end date is never due again (the filter above).
      const next = nextScheduleRun(schedule, schedule.nextRunAt) ?? new Date(schedule.endDate!.getTime() + 1);
      const moved = await tx.dccSchedule.updateMany({ where: { id: schedule.id, nextRunAt: schedule.nextRunAt }, data: { nextRunAt: next } });
      if (!moved.count) return;
      const counter = freshCounter();
      const requestXml = scheduledRequestXml(schedule.party, schedule, counter);
      const requestId = `${formatEui64(schedule.party.eui64)}:${formatEui64(schedule.deviceId)}:${counter}`;
      const actor = await gatewayActor(schedule.party, tx);
      const sr = await tx.serviceRequest.create({
        data: {
          requestId,
          originatorEui: schedule.party.eui64,
          targetEui: schedule.deviceId,
          partyId: schedule.partyId,
          accountId: actor.accountId,
          srv: schedule.srv,
          commandVariant: 1,
          kind: "NON_CRITICAL",
          mode: "DCC_SCHEDULED",
          status: "WAITING_EXECUTION",
          deviceId: schedule.deviceId,
          executeAt: schedule.nextRunAt,
          scheduleId: schedule.id,
          checks: [],
          requestXml,
          receivedAt: at,
        },
      });
      const failure = await reexecutionFailure(tx, sr);
      if (failure) {
        await tx.serviceRequest.update({ where: { id: sr.id }, data: { status: "REJECTED", responseCode: "N7", checks: [{ check: "eligibility", result: "fail", code: "N7", reason: failure }] } });
        const xml = await signedAnswer({ requestId, code: ALERT_RESPONSE_CODE, at, body: { dccAlert: { code: "N7", commandFailure: { commandRequestId: requestId, deviceId: formatEui64(schedule.deviceId), dspScheduleId: schedule.id.toString() } } } }, tx);
        await storeMessages(tx, [{ partyId: schedule.partyId, serviceRequestId: sr.id, requestId, kind: "DCC_ALERT", code: "N7", xml }]);
        counts.refused++;
        return;
      }
      await tx.serviceRequest.update({ where: { id: sr.id }, data: { status: "COMMAND_SENT", responseCode: CODE.I99, commandSentAt: at } });
      await enqueueDuisJobs(tx, DEVICE_COMMAND_QUEUE, [{ data: { serviceRequestId: sr.id } }]);
      counts.sent++;
    });
  }
  return counts;
}
