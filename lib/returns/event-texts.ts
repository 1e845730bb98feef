// The timeline texts of returns records and RMAs, each event's wording once: lib/returns writes them as the events
// happen, and the demo seed writes its history with the same functions.
import type { ChReturnStatus } from "@/generated/prisma/enums";
import { formatLondon } from "@/lib/clock";
import { RETURN_RULES, reasonLabel, returnsLocation } from "./catalog";

const day = (at: Date) => formatLondon(at, "d MMM yyyy");

/** A returns record's events. */
export const returnEventText = {
  /** `lateAfter`: the 5-Working-Day limit, given only when the notification came after it. */
  notified: (via: string, removedAt: Date, reason: string, faultType: string | null, lateAfter: Date | null) =>
    `${via}: CH removed on ${day(removedAt)}, reason ${reasonLabel(reason)}${faultType ? `, fault type ${faultType}` : ""}.${lateAfter ? ` Notified after the ${RETURN_RULES.notifyWorkingDays}-Working-Day limit (${day(lateAfter)}).` : ""}`,
  rmaRequested: (rmaRef: string) => `Included in RMA request ${rmaRef}.`,
  rmaAuthorised: (rmaRef: string, bookingReference: string) => `RMA ${rmaRef} authorised: booking ${bookingReference}.`,
  rmaRejected: (rmaRef: string) => `RMA ${rmaRef} rejected: request a new RMA.`,
  received: (location: string, rmaRef: string, diagnosisNoticeDueAt: Date) =>
    `Received at ${returnsLocation(location)?.name} under ${rmaRef}. The DCC says by ${day(diagnosisNoticeDueAt)} whether it will diagnose the fault.`,
  notInDelivery: (rmaRef: string) => `Not in the delivery for ${rmaRef}: request a new RMA.`,
  underAnalysis: (reportDueAt: Date) => `Further analysis required: the DCC will diagnose the CH. A Fault Analysis Report, if any, by ${day(reportDueAt)}.`,
  reasonAccepted: (reason: string) => `The DCC accepts the party's reason ${reasonLabel(reason)}; the record is closed.`,
  reportIssued: (dccReason: string, partyReason: string, finding: string, objectionDueAt: Date) =>
    `Fault Analysis Report: the DCC finds ${reasonLabel(dccReason)} rather than ${reasonLabel(partyReason)}. ${finding} The party may object by ${day(objectionDueAt)}.`,
  objected: (objection: string) => `The party objects to the Fault Analysis Report: ${objection}`,
  settled: (finalReason: string, note: string) => `Objection settled: final reason ${reasonLabel(finalReason)}. ${note}`,
  /** The deadline job closing a record whose deadline passed while RECEIVED, UNDER_ANALYSIS or REPORT_ISSUED (also the party's email). */
  closedByDeadline: (status: ChReturnStatus, finalReason: string) => {
    const why =
      status === "RECEIVED"
        ? `No diagnosis notice within ${RETURN_RULES.diagnosisNoticeDays} days of the return: the party's reason is deemed correct (F9.10).`
        : status === "UNDER_ANALYSIS"
          ? `No Fault Analysis Report within ${RETURN_RULES.reportDays} days of the notice: the party's reason is deemed correct (F9.12).`
          : `No objection within ${RETURN_RULES.objectionDays} days of the report: the DCC's analysis stands (CHIMSM 11.8).`;
    return `${why} Final reason ${reasonLabel(finalReason)}.`;
  },
  lostByDeadline: () => `Not returned within ${RETURN_RULES.returnDays} days of removal: treated as lost or stolen and blocked from the SM WAN (F8.6, CHIMSM 10.11).`,
  reportedLost: (note: string) => `Reported lost or destroyed by the party (F8.17): ${note}`,
};

/** An RMA's own events. */
export const rmaEventText = {
  requested: (chs: number, location: string, preferredReturnDate: Date) =>
    `RMA requested for ${chs} CHs to ${returnsLocation(location)?.name}, preferred Return Date ${formatLondon(preferredReturnDate, "EEEE d MMM yyyy")}.`,
  authorised: (bookingReference: string, preferredReturnDate: Date, timeslot: string, location: string) =>
    `Authorised: booking reference ${bookingReference}, ${formatLondon(preferredReturnDate, "EEEE d MMM yyyy")}, ${timeslot} at ${returnsLocation(location)?.name}.`,
  rejected: (reason: string) => `Rejected: ${reason}`,
  received: (received: number, onRma: number, discrepancies: string | null) => `Received ${received} of ${onRma} CHs.${discrepancies ? ` Discrepancies: ${discrepancies}` : ""}`,
};
