import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { raisedIncident } from "@/lib/testing/incident-fixtures";
import { makeDevice, makeMeterPoint } from "@/lib/testing/smi-fixtures";
import { formatEui64 } from "@/lib/identifiers";
import { addInterestedParty, assignIncident, setIncidentStatus } from "./manage-incident";
import { HOME_PANEL_SIZE, incidentsForExport, listIncidents, serviceDeskHome } from "./read-incidents";

const HOUR = 3_600_000;
const T0 = new Date("2026-11-23T08:00:00Z"); // Monday
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

describe("incident lists, the Service Desk home and export", () => {
  let raiser: Actor;
  let otherParty: Actor;
  let desk: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(T0);
    raiser = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    otherParty = await makeActor(["PARTY_USER"], { roles: ["GS"] });
    desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
  });

  const refs = (rows: { ref: string }[]) => rows.map((r) => r.ref);

  it("scenario 34: the queue ranks by category, then by time left to the resolution target (AG 2.4.3)", async () => {
    // Logged in an order that neither reference number nor logging time would sort correctly.
    setNow(at(40));
    const fiftyLeft = await raisedIncident(raiser, { category: 3 }); // due at 112 h
    setNow(at(0));
    const tenLeft = await raisedIncident(raiser, { category: 3 }); // due at 72 h
    setNow(at(61));
    const cat2 = await raisedIncident(otherParty, { category: 2 }); // due at 85 h: 23 h left, more than the Cat 3 with 10 h
    setNow(at(62));
    const cat4 = await raisedIncident(raiser, { category: 4 });
    const { page } = await listIncidents(desk, { status: "open" });
    expect(refs(page.data)).toEqual([cat2.ref, tenLeft.ref, fiftyLeft.ref, cat4.ref]);
    expect(page.data[1].resolutionDueAt.getTime() - at(62).getTime()).toBe(10 * HOUR);
    expect(page.data[2].resolutionDueAt.getTime() - at(62).getTime()).toBe(50 * HOUR);
    // A party's own list is newest first and holds only what it may see.
    expect(refs((await listIncidents(raiser, {})).page.data)).toEqual([cat4.ref, fiftyLeft.ref, tenLeft.ref]);
    expect(refs((await listIncidents(desk, { sort: "newest" })).page.data)).toEqual([cat4.ref, cat2.ref, fiftyLeft.ref, tenLeft.ref]);
  });

  it("filters by status, category, search (reference, summary, Device ID, MPxN), assignee and party", async () => {
    const point = await makeMeterPoint();
    const device = await makeDevice({ deviceType: "ESME", mpxn: point.mpxn });
    const onDevice = await raisedIncident(raiser, { category: 4, deviceId: device.id, mpxn: point.mpxn, summary: "Tariff update rejected" });
    const plain = await raisedIncident(raiser, { category: 3 });
    const foreign = await raisedIncident(otherParty, { category: 3, summary: "Gas readings missing" });
    await setIncidentStatus(desk, { ref: plain.ref, status: "CLOSED", note: "Not an Incident." });
    await assignIncident(desk, { ref: foreign.ref, assigneeId: desk.accountId });

    const list = async (actor: Actor, filters: Record<string, unknown>) => refs((await listIncidents(actor, { sort: "newest", ...filters })).page.data);
    expect(await list(desk, { status: "open" })).toEqual([foreign.ref, onDevice.ref]);
    expect(await list(desk, { status: "CLOSED" })).toEqual([plain.ref]);
    expect(await list(desk, { category: "4" })).toEqual([onDevice.ref]);
    expect(await list(desk, { q: onDevice.ref.toLowerCase() })).toEqual([onDevice.ref]);
    expect(await list(desk, { q: "tariff" })).toEqual([onDevice.ref]);
    expect(await list(desk, { q: formatEui64(device.id) })).toEqual([onDevice.ref]);
    expect(await list(desk, { q: point.mpxn })).toEqual([onDevice.ref]);
    expect(await list(desk, { assignee: "me" })).toEqual([foreign.ref]);
    expect(await list(desk, { party: otherParty.partyId })).toEqual([foreign.ref]);
    // A party cannot widen its view with the party filter, nor find another party's incident by search.
    expect(await list(raiser, { party: otherParty.partyId })).toEqual([plain.ref, onDevice.ref]);
    expect(await list(raiser, { q: "Gas readings" })).toEqual([]);
    // Nonsense filter values are ignored rather than failing the page.
    expect(await list(desk, { status: "BOGUS", category: "9", sla: "whenever" })).toHaveLength(3);
  });

  it("the Service Desk home lists my open incidents, those at risk and those breached", async () => {
    const colleague = await makeActor(["SERVICE_DESK"], { partyId: desk.partyId });
    const breached = await raisedIncident(raiser, { category: 3, summary: "Breached one" }); // due 72 h
    const pausedPastDue = await raisedIncident(raiser, { category: 3, summary: "Paused one" });
    await setIncidentStatus(desk, { ref: pausedPastDue.ref, status: "PENDING", pendingWithPartyId: raiser.partyId, pauseWhilePending: true });
    const resolvedLate = await raisedIncident(raiser, { category: 3, summary: "Resolved late" });
    setNow(at(18));
    const atRisk = await raisedIncident(raiser, { category: 3, summary: "At-risk one" }); // due 90 h
    setNow(at(72));
    const mine = await raisedIncident(otherParty, { category: 3, summary: "Mine" });
    const theirs = await raisedIncident(otherParty, { category: 3, summary: "Colleague's" });
    const mineDone = await raisedIncident(otherParty, { category: 3, summary: "Mine, resolved" });
    await assignIncident(desk, { ref: mine.ref, assigneeId: desk.accountId });
    await assignIncident(desk, { ref: theirs.ref, assigneeId: colleague.accountId });
    await assignIncident(desk, { ref: mineDone.ref, assigneeId: desk.accountId });
    await setIncidentStatus(desk, { ref: mineDone.ref, status: "RESOLVED", note: "Done." });
    setNow(at(73));
    await setIncidentStatus(desk, { ref: resolvedLate.ref, status: "RESOLVED", note: "Late." });

    const home = await serviceDeskHome(desk);
    expect(refs(home.mine.rows)).toEqual([mine.ref]);
    expect(refs(home.breached.rows)).toEqual([breached.ref]); // 1 h overdue; the paused and the resolved one are not
    expect(refs(home.atRisk.rows)).toEqual([atRisk.ref]); // 17 h of 72 left
    expect([home.mine.count, home.breached.count, home.atRisk.count]).toEqual([1, 1, 1]);
    expect(home.counts).toEqual(
      expect.arrayContaining([
        { category: 3, status: "NEW", count: 2 },
        { category: 3, status: "RESOLVED", count: 2 },
        { category: 3, status: "ASSIGNED", count: 2 },
        { category: 3, status: "PENDING", count: 1 },
      ]),
    );
    expect(refs((await listIncidents(desk, { sla: "breached" })).page.data)).toEqual([breached.ref]);
    expect(refs((await listIncidents(desk, { sla: "at-risk" })).page.data)).toEqual([atRisk.ref]);
    expect(refs((await listIncidents(desk, { sla: "paused" })).page.data)).toEqual([pausedPastDue.ref]);
  });

  it("the home counts a full panel exactly and leaves closed incidents out of its figures", async () => {
    for (let i = 0; i < HOME_PANEL_SIZE + 2; i++) await raisedIncident(raiser, { category: 3 });
    const closed = await raisedIncident(raiser, { category: 3 });
    await setIncidentStatus(desk, { ref: closed.ref, status: "CLOSED", note: "Not an Incident." });
    setNow(at(73)); // every Category 3 above is 1 h past its 72 h target

    const home = await serviceDeskHome(desk);
    expect(home.breached.rows).toHaveLength(HOME_PANEL_SIZE);
    expect(home.breached.count).toBe(HOME_PANEL_SIZE + 2);
    expect(home.counts).toEqual([{ category: 3, status: "NEW", count: HOME_PANEL_SIZE + 2 }]);
  });

  it("paginates, and the export streams every visible row in batches", async () => {
    const own: string[] = [];
    for (let i = 0; i < 5; i++) own.push((await raisedIncident(raiser, { category: 3 })).ref);
    const foreign = await raisedIncident(otherParty);
    const second = await listIncidents(desk, { page: "2" }, 4);
    expect(second.page).toMatchObject({ count: 6, page: 2, totalPages: 2 });
    expect(second.page.data).toHaveLength(2);

    const batches: string[][] = [];
    for await (const batch of incidentsForExport(raiser, {}, 2)) batches.push(refs(batch));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(batches.flat().sort()).toEqual([...own].sort());
    await addInterestedParty(desk, { ref: foreign.ref, partyId: raiser.partyId });
    const all: string[] = [];
    for await (const batch of incidentsForExport(raiser, {})) all.push(...refs(batch));
    expect(all).toContain(foreign.ref);
    expect(all).toHaveLength(6);
  });
});
