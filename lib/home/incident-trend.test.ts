import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { setIncidentStatus } from "@/lib/incidents/manage-incident";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { raisedIncident } from "@/lib/testing/incident-fixtures";
import { openIncidentTrend } from "./incident-trend";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date("2026-11-23T12:00:00Z"); // Monday noon (GMT: London time is UTC)
const daysAgo = (n: number, hours = 0) => new Date(NOW.getTime() - n * DAY + hours * HOUR);

describe("open and breached incidents per day (the desk home's chart)", () => {
  let raiser: Actor;
  let desk: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    raiser = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
  });

  it("counts each day's incidents open at its end, and those past their resolution target; closed history before the window is out", async () => {
    setNow(daysAgo(40));
    const old = await raisedIncident(raiser, { category: 3 });
    setNow(daysAgo(35));
    await setIncidentStatus(desk, { ref: old.ref, status: "CLOSED", note: "Not an Incident." });
    setNow(daysAgo(10));
    const resolved = await raisedIncident(raiser, { category: 3 });
    setNow(daysAgo(8));
    await setIncidentStatus(desk, { ref: resolved.ref, status: "RESOLVED", note: "Restarted the adapter." });
    setNow(daysAgo(5));
    await raisedIncident(raiser, { category: 3 }); // still open: due 72 h later, so breached from 2 days ago
    setNow(daysAgo(3));
    const closedLater = await raisedIncident(raiser, { category: 3 });
    setNow(daysAgo(1));
    await setIncidentStatus(desk, { ref: closedLater.ref, status: "CLOSED", note: "Not an Incident." });
    setNow(NOW);

    const trend = await openIncidentTrend(desk);
    expect(trend).toHaveLength(30);
    expect(trend[0].day).toBe("2026-10-25");
    expect(trend.at(-1)!.day).toBe("2026-11-23");
    const on = (day: string) => trend.find((p) => p.day === day);
    expect(on("2026-11-12")).toMatchObject({ open: 0, breached: 0 }); // before any in the window
    expect(on("2026-11-13")).toMatchObject({ open: 1, breached: 0 }); // raised 10 days ago
    expect(on("2026-11-14")).toMatchObject({ open: 1, breached: 0 });
    expect(on("2026-11-15")).toMatchObject({ open: 0, breached: 0 }); // resolved 8 days ago
    expect(on("2026-11-18")).toMatchObject({ open: 1, breached: 0 });
    expect(on("2026-11-20")).toMatchObject({ open: 2, breached: 0 });
    expect(on("2026-11-21")).toMatchObject({ open: 2, breached: 1 }); // 72 h after 5 days ago is noon 2 days ago
    expect(on("2026-11-22")).toMatchObject({ open: 1, breached: 1 }); // the other closed yesterday
    expect(on("2026-11-23")).toMatchObject({ open: 1, breached: 1 });
  });

  it("is the Service Desk's only", async () => {
    await expect(openIncidentTrend(raiser)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
