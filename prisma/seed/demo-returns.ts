// The fixed CH returns demo records (README, e2e specs): plain data, so the Playwright specs can import it without the
// Prisma client. prisma/seed/returns.ts seeds them relative to the clock at seed time; the CHFs are DEMO_INVENTORY's
// (prisma/seed/inventory.ts: the Central Communications Hubs of Brightwater's five Foundry Close premises and of
// Northgate's Mill Lane premises, each Commissioned with the party as Responsible Supplier).

/**
 * Always seeded with the CH ordering demo data (unless `returns: false`). Brightwater Energy and Northgate Power act as
 * deliveries@brightwater.demo / deliveries@northgate.demo (CH_DELIVERY_RETURNS; orders@ may act too); the DCC decides as
 * admin@dcc.demo. The refs are fixed: these take RET0000001-4 and RMA0000001-3, the generated ones follow in order of
 * notification (returns) and request (RMAs).
 */
export const DEMO_RETURNS = {
  /**
   * Not notified: Brightwater may notify its return afresh (lib/returns/returns notifyReturn), e.g. SRV 8.14.3 with
   * reason (f) CH Defect and fault type "CH Defect", removed today (any date in the last 5 Working Days is accepted).
   * Any other party is refused: Brightwater is its Responsible Supplier (F8.3).
   */
  notifyFresh: { party: "Brightwater Energy", chfId: "0A5D84DE00000401", region: "CENTRAL" },
  /**
   * NOTIFIED (SRV 8.14.3, reason (f), removed 3 Working Days before the seed day), no RMA: Brightwater can request an RMA
   * for this CHF (lib/returns/rma requestRma) to a Central Returns Location (RL-C1 or RL-C2) with a preferred Return Date
   * at least 5 Working Days ahead; or report it lost. returnDueAt is 90 days after removal.
   */
  brightwaterNotified: { ref: "RET0000001", party: "Brightwater Energy", chfId: "0A5D84DE00000501", region: "CENTRAL", status: "NOTIFIED", kind: "FAULT", reason: "f" },
  /**
   * RMA_REQUESTED on RMA0000001 (REQUESTED the Working Day before the seed day, to RL-C1, preferred Return Date 6 Working
   * Days after the request): the DCC can authorise it with a timeslot (decideRma) or reject it with a reason.
   */
  brightwaterRmaRequested: {
    ref: "RET0000002",
    rma: "RMA0000001",
    party: "Brightwater Energy",
    chfId: "0A5D84DE00000601",
    region: "CENTRAL",
    status: "RMA_REQUESTED",
    rmaStatus: "REQUESTED",
    returnsLocation: "RL-C1",
  },
  /**
   * RMA_AUTHORISED on RMA0000002 (requested 7 Working Days before the seed day, AUTHORISED the next Working Day, to RL-C2,
   * timeslot 10:00-12:00, its Return Date 2 Working Days after the seed day): it has a booking reference, so its RMA
   * label can be printed; the DCC can record its receipt (recordRmaReceipt).
   */
  brightwaterRmaAuthorised: {
    ref: "RET0000003",
    rma: "RMA0000002",
    party: "Brightwater Energy",
    chfId: "0A5D84DE00000701",
    region: "CENTRAL",
    status: "RMA_AUTHORISED",
    rmaStatus: "AUTHORISED",
    returnsLocation: "RL-C2",
    timeslot: "10:00-12:00",
  },
  /** Northgate Power's (isolation tests): RMA_REQUESTED on RMA0000003 (REQUESTED, RL-C2). Northgate has no other returns. */
  northgateRmaRequested: {
    ref: "RET0000004",
    rma: "RMA0000003",
    party: "Northgate Power",
    chfId: "0A5D84DE00000201",
    region: "CENTRAL",
    status: "RMA_REQUESTED",
    rmaStatus: "REQUESTED",
    returnsLocation: "RL-C2",
  },
} as const;
