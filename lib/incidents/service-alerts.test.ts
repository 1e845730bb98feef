import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { concurrently } from "@/lib/testing/concurrently";
import { makeAccount, makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { raisedIncident, refusal } from "@/lib/testing/incident-fixtures";
import { newDeviceId, newMpan } from "@/lib/testing/smi-fixtures";
import { relatedOpenIncidents } from "./read-incidents";
import { endServiceAlert, listServiceAlerts, publishServiceAlert, requestInterestedParty } from "./service-alerts";

const T = new Date("2026-11-26T10:00:00Z");
const MINUTE = 60_000;

const alertInput = (overrides: Partial<Parameters<typeof publishServiceAlert>[1]> = {}) => ({
  title: "ESME reads delayed in the Central region",
  description: "Service Requests to ESMEs in the Central CSP region answer late. No workaround.",
  service: "SR 4.1 Read Instantaneous Values",
  ...overrides,
});

describe("Service Alerts (service.md L37, AG 2.1.4, §7 scenario 30)", () => {
  let desk: Actor;
  let admin: Actor;
  let party: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(T);
    desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
    admin = await makeActor(["DCC_ADMIN"], { partyId: desk.partyId });
    party = await makeActor(["PARTY_USER"], { roles: ["IS"] });
  });

  describe("publishing", () => {
    it("the Service Desk publishes an alert naming a device, an MPxN and an incident; it is audited", async () => {
      const incident = await raisedIncident(party);
      const deviceId = newDeviceId();
      const mpan = newMpan();
      const alert = await publishServiceAlert(desk, alertInput({ deviceId: deviceId.match(/.{2}/g)!.join("-").toLowerCase(), mpxn: ` ${mpan} `, incidentRef: incident.ref.toLowerCase() }));
      expect(alert).toMatchObject({
        title: "ESME reads delayed in the Central region",
        service: "SR 4.1 Read Instantaneous Values",
        deviceId,
        mpxn: mpan,
        incidentId: incident.id,
        activeFrom: T,
        endedAt: null,
        createdById: desk.accountId,
      });
      const rows = await db().auditEvent.findMany({ where: { action: "service-alert.publish", entityId: alert.id } });
      expect(rows).toMatchObject([{ actorId: desk.accountId, entityType: "ServiceAlert", partyId: null }]);
      expect(rows[0].after).toMatchObject({ title: alert.title, deviceId });
    });

    it("a DCC admin may publish too (audited); optional fields left blank are stored as none", async () => {
      const alert = await publishServiceAlert(admin, alertInput({ deviceId: "", mpxn: "  ", incidentRef: "" }));
      expect(alert).toMatchObject({ deviceId: null, mpxn: null, incidentId: null, createdById: admin.accountId });
      expect(await db().auditEvent.count({ where: { action: "service-alert.publish", entityId: alert.id, actorId: admin.accountId } })).toBe(1);
    });

    it("a party user may not publish (FORBIDDEN) and nothing is written", async () => {
      expect((await refusal(publishServiceAlert(party, alertInput()))).code).toBe("FORBIDDEN");
      expect(await db().serviceAlert.count()).toBe(0);
      expect(await db().auditEvent.count({ where: { action: "service-alert.publish" } })).toBe(0);
    });

    it("refuses bad input field by field", async () => {
      const blank = await refusal(publishServiceAlert(desk, { title: " ", description: "", service: "" }));
      expect(blank.code).toBe("INVALID");
      expect(blank.fieldErrors).toMatchObject({
        title: "A title is required.",
        description: "Describe the issue and its effect on Services.",
        service: "Name the affected Service.",
      });
      const identifiers = await refusal(publishServiceAlert(desk, alertInput({ deviceId: "0A-1C-ZZ", mpxn: "1234" })));
      expect(identifiers.fieldErrors).toMatchObject({ deviceId: "Enter a 16-digit hexadecimal Device ID.", mpxn: "Enter a valid MPAN or MPRN." });
      const unknown = await refusal(publishServiceAlert(desk, alertInput({ incidentRef: "INC9999999" })));
      expect(unknown).toMatchObject({ code: "INVALID", message: "Incident INC9999999 does not exist.", fieldErrors: { incidentRef: "No such incident." } });
      expect(await db().serviceAlert.count()).toBe(0);
    });
  });

  describe("ending and listing", () => {
    it("ends an active alert once (audited); ending it again is refused, as is ending by a party or an unknown id", async () => {
      const alert = await publishServiceAlert(desk, alertInput());
      expect((await refusal(endServiceAlert(party, { id: alert.id }))).code).toBe("FORBIDDEN");
      setNow(new Date(T.getTime() + 30 * MINUTE));
      const ended = await endServiceAlert(admin, { id: alert.id });
      expect(ended.endedAt).toEqual(new Date(T.getTime() + 30 * MINUTE));
      const rows = await db().auditEvent.findMany({ where: { action: "service-alert.end", entityId: alert.id } });
      expect(rows).toMatchObject([{ actorId: admin.accountId, entityType: "ServiceAlert", partyId: null }]);
      expect(await refusal(endServiceAlert(desk, { id: alert.id }))).toMatchObject({ code: "CONFLICT", message: "That Service Alert has already ended." });
      expect((await refusal(endServiceAlert(desk, { id: "no-such-alert" }))).code).toBe("NOT_FOUND");
      expect(await db().auditEvent.count({ where: { action: "service-alert.end" } })).toBe(1);
    });

    it("two admins ending one alert at the same moment: it ends once, with one audit row; the other is told", async () => {
      const alert = await publishServiceAlert(desk, alertInput());
      const race = await concurrently([() => endServiceAlert(admin, { id: alert.id }), () => endServiceAlert(desk, { id: alert.id })]);
      expect(race.succeeded).toHaveLength(1);
      expect(race.refused.map((e) => e.message)).toEqual(["That Service Alert has already ended."]);
      expect(await db().auditEvent.count({ where: { action: "service-alert.end", entityId: alert.id } })).toBe(1);
    });

    it("lists the active alerts, newest first, to everyone with incident.view; includeEnded adds the ended ones", async () => {
      const older = await publishServiceAlert(desk, alertInput({ title: "Older alert" }));
      setNow(new Date(T.getTime() + MINUTE));
      const newer = await publishServiceAlert(desk, alertInput({ title: "Newer alert" }));
      setNow(new Date(T.getTime() + 2 * MINUTE));
      const over = await publishServiceAlert(desk, alertInput({ title: "Ended alert" }));
      await endServiceAlert(desk, { id: over.id });

      for (const viewer of [party, desk, admin]) {
        expect((await listServiceAlerts(viewer)).map((a) => a.id)).toEqual([newer.id, older.id]);
      }
      const all = await listServiceAlerts(desk, { includeEnded: true });
      expect(all.map((a) => a.id)).toEqual([over.id, newer.id, older.id]);
      expect(all[0].endedAt).not.toBeNull();

      const noView = await makeActor(["CH_ORDERING"]);
      expect((await refusal(listServiceAlerts(noView))).code).toBe("FORBIDDEN");
    });
  });

  describe("related to what is being raised (relatedOpenIncidents)", () => {
    it("finds an active alert by Device ID, by MPxN and by a word of the summary, but not an ended one", async () => {
      const deviceId = newDeviceId();
      const mpan = newMpan();
      const byDevice = await publishServiceAlert(desk, alertInput({ title: "Hub offline", description: "One hub.", deviceId }));
      const byMpxn = await publishServiceAlert(desk, alertInput({ title: "Meter point issue", description: "One point.", mpxn: mpan }));
      const byWord = await publishServiceAlert(desk, alertInput({ title: "Firmware rollout paused", description: "Nationwide." }));

      expect((await relatedOpenIncidents(party, { deviceId: deviceId.toLowerCase() })).serviceAlerts.map((a) => a.id)).toEqual([byDevice.id]);
      expect((await relatedOpenIncidents(party, { mpxn: mpan })).serviceAlerts.map((a) => a.id)).toEqual([byMpxn.id]);
      expect((await relatedOpenIncidents(party, { summary: "ESMEs reject the FIRMWARE image" })).serviceAlerts.map((a) => a.id)).toEqual([byWord.id]);
      expect((await relatedOpenIncidents(party, { summary: "Unrelated prepayment question" })).serviceAlerts).toEqual([]);
      expect(await relatedOpenIncidents(party, {})).toEqual({ visible: [], elsewhere: 0, serviceAlerts: [] });

      await endServiceAlert(desk, { id: byDevice.id });
      await endServiceAlert(desk, { id: byWord.id });
      expect((await relatedOpenIncidents(party, { deviceId })).serviceAlerts).toEqual([]);
      expect((await relatedOpenIncidents(party, { summary: "ESMEs reject the firmware image" })).serviceAlerts).toEqual([]);
      expect((await relatedOpenIncidents(party, { deviceId, mpxn: mpan })).serviceAlerts.map((a) => a.id)).toEqual([byMpxn.id]);
    });
  });

  describe("asking the Service Desk to add the party as an Interested Party", () => {
    it("emails every active Service Desk account through the outbox and audits the request", async () => {
      const secondDesk = await makeAccount(desk.partyId, ["SERVICE_DESK"]);
      const disabledDesk = await makeAccount(desk.partyId, ["SERVICE_DESK"]);
      await db().account.update({ where: { id: disabledDesk.id }, data: { disabled: true } });
      // A party account holding SERVICE_DESK (bad data) is not the DCC's Service Desk.
      await makeAccount(party.partyId, ["SERVICE_DESK"]);

      const result = await requestInterestedParty(party, { subject: "ESME reads delayed in the Central region", message: "  Our ESMEs time out too.  " });
      expect(result).toEqual({ notified: 2 });
      const emails = await db().outboxEmail.findMany({ where: { eventType: "incident.interest-request" } });
      expect(emails.map((e) => e.toAccountId).sort()).toEqual([desk.accountId, secondDesk.id].sort());
      for (const email of emails) {
        expect(email).toMatchObject({ partyId: null, status: "PENDING", subject: `Interested Party request from ${party.partyName}` });
        expect(email.body).toContain(`${party.name} (${party.partyName}, ${party.email}) asks to be added as an Interested Party`);
        expect(email.body).toContain("about ESME reads delayed in the Central region.");
        expect(email.body).toContain("Our ESMEs time out too.");
      }
      const rows = await db().auditEvent.findMany({ where: { action: "incident.interest-request" } });
      expect(rows).toMatchObject([{ actorId: party.accountId, partyId: party.partyId, entityType: "Party", entityId: party.partyId }]);
      expect(rows[0].after).toEqual({ subject: "ESME reads delayed in the Central region", message: "Our ESMEs time out too." });
    });

    it("is refused for the Service Desk itself (it does not raise incidents) and for an empty subject", async () => {
      expect((await refusal(requestInterestedParty(desk, { subject: "anything" }))).code).toBe("FORBIDDEN");
      expect((await refusal(requestInterestedParty(party, { subject: "  " }))).code).toBe("INVALID");
      expect(await db().outboxEmail.count({ where: { eventType: "incident.interest-request" } })).toBe(0);
      expect(await db().auditEvent.count({ where: { action: "incident.interest-request" } })).toBe(0);
    });
  });
});
