// The SRO's home (issue 14): its party's commands held in quarantine, soonest to expire first, each with the rest of
// its 120 hours (the quarantine queue's own read), and ADT Files outside DCC guidance waiting for its confirmation.
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { listAdtSubmissions } from "@/lib/tad/adt-files";
import { quarantineQueue } from "@/lib/tad/read-quarantine";
import { HOME_ROWS } from "./panel";

/** Held commands listed on the home (the queue page shows them all). */
export const SRO_HOME_ITEMS = 8;

export async function sroHome(actor: Actor) {
  authorize(actor, "home.sro");
  const [queue, adt] = await Promise.all([quarantineQueue(actor, { view: "awaiting" }), listAdtSubmissions(actor, { status: "AWAITING_SRO_CONFIRMATION", page: 1 })]);
  return {
    quarantine: { count: queue.page.count, moreThanCount: queue.moreThanCount, rows: queue.page.data.slice(0, SRO_HOME_ITEMS) },
    adt: { count: adt.count, rows: adt.data.slice(0, HOME_ROWS) },
  };
}
