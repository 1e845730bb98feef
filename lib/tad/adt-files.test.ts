// ADT submissions end to end on PGlite: processing.md scenarios 23-26, the SRO's decision, cross-party 404s, and the
// thresholds each applied file leaves in force.
import crypto from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { advanceClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { issueOrgCertificates, type NewCertificate } from "@/lib/smki/keys";
import { makeActor, makeParty } from "@/lib/testing/fixtures";
import { ADT_HEADER, mandatorySrvs } from "./adt-file-format";
import { confirmAdtSubmission, declineAdtSubmission, listAdtSubmissions, raiseAdtSmsr, readAdtSubmission, uploadAdtFile } from "./adt-files";
import { activeThresholds, restorePreviousThresholds, setDccThresholds, sscEmail, userScope } from "./thresholds";

process.env.NEXTAUTH_SECRET = "tad-adt-files-test";

const T = new Date("2026-12-08T10:00:00Z");
const HOUR = 3_600_000;

let party: { id: string; eui64: string };
let aro: Actor;
let sro: Actor;
let secondSro: Actor;
let fileKey: NewCertificate;
let xmlKey: NewCertificate;

/** A file covering every mandatory SRV of the role (ADT 20 per 60 min, a Warning of 10 on 7.2): within guidance. */
function adtFile(role: UserRole, rows: string[] = []) {
  const id = formatEui64(party.eui64);
  const base = mandatorySrvs(role).map((srv) => `${id},${role},${srv},ADT,20,60`);
  return [ADT_HEADER, ...base, ...rows].join("\n") + "\n";
}
const signed = (csv: string, key = fileKey) => ({ csv, signature: crypto.sign("sha256", Buffer.from(csv), key.privateKeyPem).toString("base64") });

async function submit(csv: string, opts: { fastTrack?: boolean; temporary?: boolean; key?: NewCertificate } = {}) {
  const smsr = await raiseAdtSmsr(aro, { fastTrack: !!opts.fastTrack, temporary: opts.temporary, justification: opts.fastTrack ? "SMKI recovery: credentials replacement this afternoon" : undefined });
  return uploadAdtFile(aro, { submissionId: smsr.id, fileName: "adt.csv", ...signed(csv, opts.key) });
}

beforeAll(async () => {
  setNow(T);
  const p = await makeParty({ roles: ["IS", "GS"] });
  party = p;
  aro = await makeActor(["ARO"], { partyId: p.id });
  sro = await makeActor(["SRO"], { partyId: p.id });
  secondSro = await makeActor(["SRO"], { partyId: p.id });
  const issued = await issueOrgCertificates(db(), p);
  fileKey = issued.find((i) => i.certificate.usage === "FILE_SIGNING")!;
  xmlKey = issued.find((i) => i.certificate.usage === "XML_SIGNING")!;
});

beforeEach(() => setNow(T));

describe("raising an ADT SMSR", () => {
  it("gives each SMSR a reference and refuses a Fast-Track without its justification (scenario 25)", async () => {
    const a = await raiseAdtSmsr(aro, { fastTrack: false });
    const b = await raiseAdtSmsr(aro, { fastTrack: false });
    expect(a.reference).toMatch(/^SMSR\d{7}$/);
    expect(Number(b.reference.slice(4))).toBe(Number(a.reference.slice(4)) + 1);
    await expect(raiseAdtSmsr(aro, { fastTrack: true })).rejects.toThrow(/justification/);
    await expect(raiseAdtSmsr(sro, { fastTrack: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("uploading the ADT File", () => {
  it("applies a valid file within guidance at once: a new active version for the role, SMSR closed, the SSC notified", async () => {
    const csv = adtFile("IS", [`${formatEui64(party.eui64)},IS,7.2,WARNING,10,60`]);
    const smsr = await submit(csv);
    expect(smsr).toMatchObject({ status: "APPLIED", appliedAt: T, receivedAt: T, deadline: new Date(T.getTime() + 72 * HOUR), certificateSerial: fileKey.certificate.serial });
    const sets = await db().thresholdSet.findMany({ where: { partyId: party.id, userRole: "IS" }, orderBy: { version: "asc" } });
    expect(sets.at(-1)).toMatchObject({ active: true, submissionId: smsr.id });
    const active = await activeThresholds(db());
    expect(active.user.get(userScope(party.id, "IS"))?.get("7.2")).toMatchObject({ adt: { maxCount: 20, periodMinutes: 60 }, warning: { maxCount: 10, periodMinutes: 60 } });
    const email = await db().outboxEmail.findFirst({ where: { eventType: "tad.adt.applied", subject: { contains: smsr.reference } } });
    expect(email?.toAddress).toBe(sscEmail());

    // A second file replaces the first for the role: one active version, the old one kept.
    const second = await submit(adtFile("IS"));
    const after = await db().thresholdSet.findMany({ where: { partyId: party.id, userRole: "IS" }, orderBy: { version: "asc" } });
    expect(after.filter((s) => s.active)).toEqual([expect.objectContaining({ submissionId: second.id, version: sets.at(-1)!.version + 1 })]);
    expect((await activeThresholds(db())).user.get(userScope(party.id, "IS"))?.get("7.2")?.warning).toBeUndefined();
  });

  it("scenario 23: a missing header or a non-numeric MaxCount fails validation with the reason and changes no thresholds", async () => {
    const before = await db().threshold.count();
    const noHeader = await submit(adtFile("IS").split("\n").slice(1).join("\n"));
    expect(noHeader).toMatchObject({ status: "VALIDATION_FAILED", reason: expect.stringContaining("header"), appliedAt: null });

    const id = formatEui64(party.eui64);
    const bad = await submit(adtFile("IS", [`${id},IS,7.1,ADT,lots,60`, `${id},IS,8.2,ADT,5,60`, `${id},IS,7.2,ADT,5,0`, `${id},ED,4.1.1,ADT,5,60`, `00-00-00-00-00-00-00-01,IS,7.2,WARNING,5,60`]));
    expect(bad.status).toBe("VALIDATION_FAILED");
    const errors = (await readAdtSubmission(aro, bad.id)).lineErrors;
    const first = mandatorySrvs("IS").length + 2;
    expect(errors.map((e) => e.line)).toEqual([first, first + 1, first + 2, first + 3, first + 4]);
    expect(errors[0].message).toMatch(/MaxCount lots is not a whole number/);
    expect(errors[1].message).toMatch(/Non-Device/);
    expect(errors[2].message).toMatch(/PeriodMinutes 0/);
    expect(errors[2].message).toMatch(/A second ADT for IS SRV 7.2/);
    expect(errors[3].message).toMatch(/does not hold the ED User Role/);
    expect(errors[4].message).toMatch(/is not your organisation's/);
    expect(await db().threshold.count()).toBe(before);
  });

  it("refuses a file mixing User Roles: one file per role", async () => {
    const smsr = await submit(adtFile("IS", [`${formatEui64(party.eui64)},GS,7.2,ADT,5,60`]));
    expect((await readAdtSubmission(aro, smsr.id)).lineErrors[0].message).toMatch(/a file holds one User Role \(IS/);
  });

  it("scenario 24: outside guidance awaits the SRO; confirmed, it is applied and the SSC notified", async () => {
    const id = formatEui64(party.eui64);
    // 7.2 left out (a mandatory Critical SRV) and a Warning above its ADT.
    const csv = adtFile("GS").split("\n").filter((l) => !l.includes(",7.2,")).join("\n") + `${id},GS,1.5,WARNING,30,60\n`;
    const smsr = await submit(csv);
    expect(smsr.status).toBe("AWAITING_SRO_CONFIRMATION");
    const read = await readAdtSubmission(sro, smsr.id);
    expect(read.guidanceIssues).toEqual({ missingSrvs: ["7.2"], warningNotBelowAdt: [{ srv: "1.5", warning: "30 per 60 min", adt: "20 per 60 min" }] });
    expect(await db().outboxEmail.count({ where: { eventType: "tad.adt.awaiting-sro", subject: { contains: smsr.reference } } })).toBe(2);
    expect((await activeThresholds(db())).user.get(userScope(party.id, "GS"))).toBeUndefined();

    await expect(confirmAdtSubmission(aro, { submissionId: smsr.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    advanceClock(5 * HOUR);
    const confirmed = await confirmAdtSubmission(sro, { submissionId: smsr.id });
    expect(confirmed).toMatchObject({ status: "APPLIED", decidedById: sro.accountId, appliedAt: new Date(T.getTime() + 5 * HOUR) });
    expect((await activeThresholds(db())).user.get(userScope(party.id, "GS"))?.get("1.5")?.warning?.maxCount).toBe(30);
    expect(await db().outboxEmail.count({ where: { eventType: "tad.adt.applied", subject: { contains: smsr.reference } } })).toBe(1);
    // Exactly once: the second SRO is told who decided.
    await expect(confirmAdtSubmission(secondSro, { submissionId: smsr.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Test Person") });
    await expect(declineAdtSubmission(secondSro, { submissionId: smsr.id, reason: "Too late" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("scenario 24: declined, nothing is applied, the SMSR is closed and the file cannot be uploaded to it again", async () => {
    const before = await activeThresholds(db());
    const smsr = await submit(adtFile("IS").split("\n").filter((l) => !l.includes(",7.1,")).join("\n"));
    expect(smsr.status).toBe("AWAITING_SRO_CONFIRMATION");
    await expect(declineAdtSubmission(sro, { submissionId: smsr.id, reason: " " })).rejects.toThrow(/Say why/);
    const declined = await declineAdtSubmission(sro, { submissionId: smsr.id, reason: "7.1 must have an ADT" });
    expect(declined).toMatchObject({ status: "DECLINED", reason: "7.1 must have an ADT", appliedAt: null });
    expect(await activeThresholds(db())).toEqual(before);
    expect(await db().outboxEmail.count({ where: { eventType: "tad.adt.declined", toAccountId: aro.accountId, subject: { contains: smsr.reference } } })).toBe(1);
    await expect(uploadAdtFile(aro, { submissionId: smsr.id, fileName: "adt.csv", ...signed(adtFile("IS")) })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("scenario 25: the deadline runs from receipt, 24 h for Fast-Track and 72 h otherwise", async () => {
    const fast = await submit(adtFile("IS"), { fastTrack: true });
    expect(fast).toMatchObject({ status: "APPLIED", deadline: new Date(T.getTime() + 24 * HOUR), appliedAt: T });
    const smsr = await raiseAdtSmsr(aro, { fastTrack: false });
    advanceClock(10 * HOUR);
    const standard = await uploadAdtFile(aro, { submissionId: smsr.id, fileName: "adt.csv", ...signed(adtFile("IS")) });
    expect(standard).toMatchObject({ receivedAt: new Date(T.getTime() + 10 * HOUR), deadline: new Date(T.getTime() + 82 * HOUR) });
  });

  it("scenario 26: a file signed with a key other than the ARO's File Signing key fails at certificate validity", async () => {
    const smsr = await submit(adtFile("IS"), { key: xmlKey });
    expect(smsr).toMatchObject({ status: "VALIDATION_FAILED", reason: expect.stringContaining("only your File Signing certificate"), certificateSerial: null });
    const tampered = await raiseAdtSmsr(aro, { fastTrack: false });
    const { signature } = signed(adtFile("IS"));
    const refused = await uploadAdtFile(aro, { submissionId: tampered.id, fileName: "adt.csv", csv: adtFile("IS").replace(",20,", ",99,"), signature });
    expect(refused).toMatchObject({ status: "VALIDATION_FAILED", reason: expect.stringContaining("does not match the file") });
  });

  it("refuses oversize and empty input before reading the SMSR", async () => {
    const smsr = await raiseAdtSmsr(aro, { fastTrack: false });
    await expect(uploadAdtFile(aro, { submissionId: smsr.id, fileName: "adt.csv", csv: "x".repeat(2 * 1024 * 1024 + 1), signature: "MEUCIQ==" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(uploadAdtFile(aro, { submissionId: smsr.id, fileName: "adt.csv", csv: "", signature: "MEUCIQ==" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(uploadAdtFile(aro, { submissionId: smsr.id, fileName: "adt.csv", csv: "a", signature: "" })).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("a temporary ADT File", () => {
  it("applies as a temporary version that the party's ARO restores once: the previous rows back as a new version, audited, the SSC told", async () => {
    const id = formatEui64(party.eui64);
    const enduring = await submit(adtFile("GS", [`${id},GS,7.2,WARNING,10,60`]));
    const temporary = await submit(adtFile("GS").replaceAll(",ADT,20,60", ",ADT,500,60"), { temporary: true });
    expect(temporary).toMatchObject({ status: "APPLIED", temporary: true });
    const set = await db().thresholdSet.findFirstOrThrow({ where: { submissionId: temporary.id } });
    expect(set).toMatchObject({ active: true, temporary: true });
    expect((await activeThresholds(db())).user.get(userScope(party.id, "GS"))?.get("7.2")?.adt?.maxCount).toBe(500);

    // Only the party's ARO (or the DCC): another party's ARO finds nothing, the SRO may not.
    const otherAro = await makeActor(["ARO"], { partyId: (await makeParty({ roles: ["GS"] })).id });
    await expect(restorePreviousThresholds(otherAro, { setId: set.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(restorePreviousThresholds(sro, { setId: set.id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const restored = await restorePreviousThresholds(aro, { setId: set.id });
    expect(restored).toMatchObject({ partyId: party.id, userRole: "GS", version: set.version + 1, temporary: false, active: true });
    const inForce = (await activeThresholds(db())).user.get(userScope(party.id, "GS"))?.get("7.2");
    expect(inForce).toMatchObject({ adt: { maxCount: 20 }, warning: { maxCount: 10 } });
    expect(await db().thresholdSet.count({ where: { submissionId: { in: [enduring.id, temporary.id] } } })).toBe(2);
    expect(await db().auditEvent.findFirst({ where: { action: "tad.thresholds.restore", entityId: restored.id } })).toMatchObject({
      actorId: aro.accountId,
      partyId: party.id,
      after: { version: restored.version, restoredFrom: set.version - 1 },
    });
    expect(await db().outboxEmail.findFirst({ where: { eventType: "tad.adt.restored", subject: { contains: "GS" } } })).toMatchObject({ toAddress: sscEmail() });
    await expect(restorePreviousThresholds(aro, { setId: set.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("the DCC's own temporary thresholds read as missing to a party's ARO", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    await setDccThresholds(admin, { rows: [{ kind: "ADT", srv: "7.2", maxCount: 10_000, periodMinutes: 60 }] });
    const dcc = await setDccThresholds(admin, { temporary: true, rows: [{ kind: "ADT", srv: "7.2", maxCount: 20_000, periodMinutes: 60 }] });
    await expect(restorePreviousThresholds(aro, { setId: dcc.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("another party's SMSRs", () => {
  it("are not found: read, upload, confirm; and its list holds only its own", async () => {
    const mine = await raiseAdtSmsr(aro, { fastTrack: false });
    const otherParty = await makeParty({ roles: ["IS"] });
    const otherAro = await makeActor(["ARO"], { partyId: otherParty.id });
    const otherSro = await makeActor(["SRO"], { partyId: otherParty.id });
    await expect(readAdtSubmission(otherAro, mine.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(uploadAdtFile(otherAro, { submissionId: mine.id, fileName: "adt.csv", ...signed(adtFile("IS")) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(confirmAdtSubmission(otherSro, { submissionId: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listAdtSubmissions(otherAro, { page: 1 })).count).toBe(0);
    const desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
    expect((await readAdtSubmission(desk, mine.id)).reference).toBe(mine.reference);
  });
});
