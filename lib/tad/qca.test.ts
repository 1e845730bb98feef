// QCA Files and the quarantine's end of life: processing.md §7 scenarios 16-22, the receipt rule (P2) and the
// all-or-nothing check (P6). Files are signed as the User's ARO would, with the party's File Signing key.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { Party } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { issueOrgCertificates } from "@/lib/smki/keys";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { refusal } from "@/lib/testing/incident-fixtures";
import { archiveQuarantine } from "./archive";
import { deleteAsAdvised, recordDccAdvice } from "./dcc-advice";
import { releaseQuarantined } from "./decide";
import { QCA_HEADER, qcaFile, uploadQca } from "./qca";
import { commandJobsFor, quarantineBatch } from "./testing";

process.env.NEXTAUTH_SECRET = "tad-qca-test";

const HOUR = 3_600_000;
const T0 = new Date("2026-12-07T09:00:00Z");

/** The downloaded file with each row's Action filled in (by RequestID; default `action`). */
function marked(csv: string, action: string, per: Record<string, string> = {}): string {
  const [header, ...rows] = csv.trimEnd().split("\n");
  return [header, ...rows.map((row) => `${row}${per[row.split(",")[1]] ?? action}`)].join("\n") + "\n";
}

describe("QCA Files", () => {
  let party: Party;
  let sro: Actor;
  let signingKey: string;
  const sign = (csv: string, key = signingKey) => crypto.sign("sha256", Buffer.from(csv), key).toString("base64");

  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(T0);
    party = await makeParty({ roles: ["IS"] });
    signingKey = (await issueOrgCertificates(db(), party)).find((c) => c.certificate.usage === "FILE_SIGNING")!.privateKeyPem;
    sro = await makeActor(["SRO"], { partyId: party.id });
  });

  async function upload(incidentId: string, csv: string, signature = sign(csv), actor = sro) {
    return uploadQca(actor, { incidentId, fileName: "qca.csv", csv, signature });
  }

  it("downloads the incident's quarantined items in the QCA columns, Action empty; another party's incident is not found", async () => {
    const { incidentId, items, deviceId } = await quarantineBatch(party, { count: 2 });
    const file = await qcaFile(sro, { incidentId });
    const [header, ...rows] = file.csv.trimEnd().split("\n");
    expect(header).toBe(QCA_HEADER.join(","));
    expect(header).toBe("IncidentRef,CommunicationId,UserId,UserRole,SRV,DeviceId,ReceivedAt,QuarantinedAt,AdtBreached,Action");
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(rows).toEqual(
      items.map((i) => `${incident.ref},${i.serviceRequest.requestId},${party.eui64.match(/../g)!.join("-")},IS,7.2,${deviceId},${T0.toISOString()},${T0.toISOString()},USER,`),
    );
    const stranger = await makeActor(["SRO"]);
    expect((await refusal(qcaFile(stranger, { incidentId }))).code).toBe("NOT_FOUND");
    expect((await refusal(upload(incidentId, marked(file.csv, "Release"), undefined, stranger))).code).toBe("NOT_FOUND");
    expect((await refusal(qcaFile(await makeActor(["PARTY_USER"], { partyId: party.id }), { incidentId }))).code).toBe("FORBIDDEN");
  });

  it("scenario 16: a valid signed QCA marking Release within 120 h sends the Command and closes the incident (signed by openssl, uploaded by the ARO)", async () => {
    const { incidentId, items } = await quarantineBatch(party);
    const csv = marked((await qcaFile(sro, { incidentId })).csv, "Release");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qca-"));
    fs.writeFileSync(path.join(dir, "key.pem"), signingKey);
    fs.writeFileSync(path.join(dir, "qca.csv"), csv);
    execFileSync("openssl", ["dgst", "-sha256", "-sign", "key.pem", "-out", "qca.csv.sig", "qca.csv"], { cwd: dir });
    const aro = await makeActor(["ARO"], { partyId: party.id });
    const result = await upload(incidentId, csv, fs.readFileSync(path.join(dir, "qca.csv.sig")).toString("base64"), aro);
    fs.rmSync(dir, { recursive: true });
    expect(result).toMatchObject({ accepted: true, released: 1, deleted: 0 });
    expect(await db().quarantineItem.findUniqueOrThrow({ where: { id: items[0].id } })).toMatchObject({ status: "RELEASED", decidedVia: "QCA", decidedById: aro.accountId });
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: items[0].serviceRequestId } })).toMatchObject({ status: "COMMAND_SENT" });
    expect(await commandJobsFor([items[0].serviceRequestId])).toBe(1);
    expect(await db().qcaUpload.findUniqueOrThrow({ where: { id: result.uploadId } })).toMatchObject({ accepted: true, reasons: null, fileCsv: csv });
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId }, include: { events: true } });
    expect(incident.status).toBe("CLOSED");
    expect(incident.events.some((e) => e.text?.includes("QCA File qca.csv accepted"))).toBe(true);
  });

  it("scenario 17: Delete rows: DELETED_BY_USER and never sent; a file may mix Release and Delete", async () => {
    const { incidentId, items } = await quarantineBatch(party, { count: 2 });
    const csv = marked((await qcaFile(sro, { incidentId })).csv, "Delete", { [items[1].serviceRequest.requestId]: "Release" });
    expect(await upload(incidentId, csv)).toMatchObject({ accepted: true, released: 1, deleted: 1 });
    expect(await db().quarantineItem.findUniqueOrThrow({ where: { id: items[0].id } })).toMatchObject({ status: "DELETED_BY_USER" });
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: items[0].serviceRequestId } })).toMatchObject({ status: "DELETED" });
    expect(await commandJobsFor([items[0].serviceRequestId])).toBe(0);
  });

  it("scenario 18 and P2: expiry is judged at receipt; a row for an item past 120 h refuses the whole file, hands the incident back, sends nothing", async () => {
    const old = await quarantineBatch(party, { quarantinedAt: new Date(T0.getTime() - 121 * HOUR) });
    const fresh = await quarantineBatch(party, { incidentId: old.incidentId });
    // The file was downloaded while both were actionable.
    setNow(new Date(T0.getTime() - 2 * HOUR));
    const csv = marked((await qcaFile(sro, { incidentId: old.incidentId })).csv, "Release");
    setNow(T0);
    const result = await upload(old.incidentId, csv);
    expect(result.accepted).toBe(false);
    expect(result).toMatchObject({ reasons: [expect.stringMatching(new RegExp(`^Line 2: ${old.items[0].serviceRequest.requestId} was archived: its 120 hours ended`))] });
    for (const item of [...old.items, ...fresh.items]) expect(await db().quarantineItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "QUARANTINED", version: 0 });
    expect(await db().serviceRequest.count({ where: { status: "COMMAND_SENT" } })).toBe(0);
    const incident = await db().incident.findUniqueOrThrow({ where: { id: old.incidentId }, include: { events: true } });
    expect(incident).toMatchObject({ status: "PENDING", pendingWithPartyId: party.id });
    expect(incident.events.some((e) => e.text?.includes("QCA File qca.csv refused") && e.text.includes("was archived"))).toBe(true);
    expect(await db().qcaUpload.findUniqueOrThrow({ where: { id: result.uploadId } })).toMatchObject({ accepted: false, reasons: (result as { reasons: string[] }).reasons });

    // The same file for the fresh item alone, received one second before its 120 hours end: accepted.
    const freshOnly = marked((await qcaFile(sro, { incidentId: old.incidentId })).csv, "Release");
    setNow(new Date(T0.getTime() + 120 * HOUR - 1000));
    expect(await upload(old.incidentId, freshOnly)).toMatchObject({ accepted: true, released: 1 });
  });

  it("scenario 19 and P6: 'Approve', a missing row, a duplicate or unknown id, a wrong header: the whole file is refused with every reason", async () => {
    const { incidentId, items } = await quarantineBatch(party, { count: 3 });
    const file = (await qcaFile(sro, { incidentId })).csv;
    const [header, row1, row2] = file.trimEnd().split("\n");
    const bad = [header, `${row1}Approve`, `${row2}Release`, `${row2}Delete`, `${row1.replace(items[0].serviceRequest.requestId, "90-B3-D5-1F-30-01-00-00:00-00-00-00-00-00-00-01:1")}Delete`].join("\n");
    const result = await upload(incidentId, bad);
    expect(result.accepted).toBe(false);
    expect((result as { reasons: string[] }).reasons).toEqual([
      'Line 2: Action "Approve" is not allowed: write exactly Release or Delete.',
      `Line 4: ${items[1].serviceRequest.requestId} has a second row; give each communication one action.`,
      `Line 5: 90-B3-D5-1F-30-01-00-00:00-00-00-00-00-00-00-01:1 is not a quarantined communication of ${(await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).ref}.`,
      `${items[2].serviceRequest.requestId} has no row: every quarantined communication of ${(await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).ref} needs Release or Delete.`,
    ]);
    expect(await db().quarantineItem.count({ where: { status: "QUARANTINED" } })).toBe(3);
    const wrongHeader = marked(file, "Release").replace("AdtBreached", "Threshold");
    expect(await upload(incidentId, wrongHeader)).toMatchObject({ accepted: false, reasons: [expect.stringContaining("The header must be exactly IncidentRef,CommunicationId")] });
  });

  it("scenario 20: a bad signature or a revoked File Signing certificate refuses the file; the items stay quarantined", async () => {
    const { incidentId, items } = await quarantineBatch(party);
    const csv = marked((await qcaFile(sro, { incidentId })).csv, "Release");
    const tampered = await upload(incidentId, csv, sign(csv.replace("Release", "Delete")));
    expect(tampered).toMatchObject({ accepted: false, reasons: [expect.stringContaining("The signature does not match the file")] });
    await db().orgCertificate.updateMany({ where: { partyId: party.id, usage: "FILE_SIGNING" }, data: { revokedAt: new Date(T0.getTime() - HOUR) } });
    expect(await upload(incidentId, csv)).toMatchObject({ accepted: false, reasons: [expect.stringContaining("has been revoked")] });
    expect(await db().quarantineItem.findUniqueOrThrow({ where: { id: items[0].id } })).toMatchObject({ status: "QUARANTINED" });
    expect(await db().qcaUpload.count({ where: { accepted: false } })).toBe(2);
  });

  it("scenario 21: a QCA Release against the DCC's MUST_DELETE advice is refused; the DCC deletes, closes and tells the User", async () => {
    const dcc = await makeActor(["DCC_ADMIN"], { isDcc: true });
    const { incidentId, items } = await quarantineBatch(party, { breach: "DCC" });
    await recordDccAdvice(dcc, { incidentId, advice: "MUST_DELETE" });
    const csv = marked((await qcaFile(sro, { incidentId })).csv, "Release");
    expect(await upload(incidentId, csv)).toMatchObject({ accepted: false, reasons: [expect.stringContaining("the DCC advised that it must be deleted")] });
    expect(await deleteAsAdvised(dcc, { incidentId })).toEqual({ deleted: 1 });
    expect(await db().quarantineItem.findUniqueOrThrow({ where: { id: items[0].id } })).toMatchObject({ status: "DELETED_BY_DCC" });
    expect((await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).status).toBe("CLOSED");
  });

  it("scenario 22: untouched for 120 h the item is archived (no longer downloadable, its request never sent); 30 days later purged to an audit stub", async () => {
    const { incidentId, items } = await quarantineBatch(party, { count: 2 });
    expect((await releaseQuarantined(sro, { ids: [items[0].id] })).decided).toHaveLength(1);
    setNow(new Date(T0.getTime() + 120 * HOUR));
    expect(await archiveQuarantine()).toEqual({ archived: 1, purged: 0 });
    expect(await archiveQuarantine()).toEqual({ archived: 0, purged: 0 });
    expect(await db().quarantineItem.findUniqueOrThrow({ where: { id: items[1].id } })).toMatchObject({ status: "ARCHIVED" });
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: items[1].serviceRequestId } })).toMatchObject({ status: "DELETED" });
    expect((await qcaFile(sro, { incidentId })).rows).toBe(0);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).status).toBe("CLOSED");

    setNow(new Date(T0.getTime() + 120 * HOUR + 30 * 24 * HOUR));
    expect(await archiveQuarantine()).toEqual({ archived: 0, purged: 1 });
    expect(await db().quarantineItem.findUniqueOrThrow({ where: { id: items[1].id } })).toMatchObject({ status: "PURGED" });
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: items[1].serviceRequestId } })).toMatchObject({ requestXml: "", spcXml: null });
    const stub = await db().auditEvent.findFirstOrThrow({ where: { action: "tad.quarantine.purge", entityId: items[1].id } });
    expect(stub.after).toMatchObject({ requestId: items[1].serviceRequest.requestId, srv: "7.2" });
    // The released one is untouched by either step.
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: items[0].serviceRequestId } })).toMatchObject({ status: "COMMAND_SENT" });
    expect(await archiveQuarantine()).toEqual({ archived: 0, purged: 0 });
  });
});
