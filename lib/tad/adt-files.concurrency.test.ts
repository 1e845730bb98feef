// The SRO's decision on an out-of-guidance ADT File is taken exactly once, with the competing calls fired at the same
// moment (they race on PostgreSQL; PGlite runs them one after another): one version applied, one SSC email. A
// double-submitted "Raise SMSR" form raises one SMSR.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { issueOrgCertificates } from "@/lib/smki/keys";
import { concurrently } from "@/lib/testing/concurrently";
import { makeActor, makeParty } from "@/lib/testing/fixtures";
import { ADT_HEADER } from "./adt-file-format";
import { confirmAdtSubmission, declineAdtSubmission, raiseAdtSmsr, uploadAdtFile } from "./adt-files";

process.env.NEXTAUTH_SECRET = "tad-adt-concurrency-test";

let aro: Actor;
let sros: Actor[];
let awaiting: () => Promise<string>;

beforeAll(async () => {
  setNow("2026-12-08T10:00:00Z");
  const party = await makeParty({ roles: ["IS"] });
  aro = await makeActor(["ARO"], { partyId: party.id });
  sros = [await makeActor(["SRO"], { partyId: party.id }), await makeActor(["SRO"], { partyId: party.id })];
  const key = (await issueOrgCertificates(db(), party, { usages: ["FILE_SIGNING"] }))[0].privateKeyPem;
  // One ADT only: outside guidance (the mandatory SRVs are not covered), so it awaits the SRO.
  const csv = `${ADT_HEADER}\n${formatEui64(party.eui64)},IS,7.2,ADT,20,60\n`;
  const signature = crypto.sign("sha256", Buffer.from(csv), key).toString("base64");
  awaiting = async () => {
    const smsr = await raiseAdtSmsr(aro, { fastTrack: false });
    const uploaded = await uploadAdtFile(aro, { submissionId: smsr.id, fileName: "adt.csv", csv, signature });
    expect(uploaded.status).toBe("AWAITING_SRO_CONFIRMATION");
    return smsr.id;
  };
});

const appliedFrom = (submissionId: string) => db().thresholdSet.count({ where: { submissionId } });
const sscEmails = (submissionId: string) =>
  db().adtSubmission.findUniqueOrThrow({ where: { id: submissionId } }).then((s) => db().outboxEmail.count({ where: { eventType: "tad.adt.applied", subject: { contains: s.reference } } }));

describe("raising an SMSR once per form", () => {
  it("a double-submitted form raises one SMSR: every submission gets the first one's; a new rendering raises another", async () => {
    const formKey = crypto.randomUUID();
    const raised = () => db().adtSubmission.count({ where: { partyId: aro.partyId } });
    const before = await raised();
    const { succeeded } = await concurrently([() => raiseAdtSmsr(aro, { fastTrack: false, formKey }), () => raiseAdtSmsr(aro, { fastTrack: false, formKey })]);
    expect(succeeded.map((s) => s.reference)).toEqual([succeeded[0].reference, succeeded[0].reference]);
    expect((await raiseAdtSmsr(aro, { fastTrack: false, formKey })).id).toBe(succeeded[0].id);
    expect(await raised()).toBe(before + 1);
    expect(await db().auditEvent.count({ where: { action: "tad.smsr.raise", entityId: succeeded[0].id } })).toBe(1);
    expect((await raiseAdtSmsr(aro, { fastTrack: false, formKey: crypto.randomUUID() })).id).not.toBe(succeeded[0].id);
    expect(await raised()).toBe(before + 2);
  });
});

describe("SRO confirmation exactly once", () => {
  it("two SROs confirming at once: one applies, the other is refused", async () => {
    const submissionId = await awaiting();
    const { succeeded, refused } = await concurrently(sros.map((sro) => () => confirmAdtSubmission(sro, { submissionId })));
    expect(succeeded).toHaveLength(1);
    expect(refused.map((e) => e.code)).toEqual(["CONFLICT"]);
    expect(await appliedFrom(submissionId)).toBe(1);
    expect(await sscEmails(submissionId)).toBe(1);
  });

  it("a confirmation and a decline at once: exactly one of them is taken", async () => {
    const submissionId = await awaiting();
    const { succeeded, refused } = await concurrently([
      () => confirmAdtSubmission(sros[0], { submissionId }),
      () => declineAdtSubmission(sros[1], { submissionId, reason: "Not these values" }),
    ]);
    expect(succeeded).toHaveLength(1);
    expect(refused.map((e) => e.code)).toEqual(["CONFLICT"]);
    const final = await db().adtSubmission.findUniqueOrThrow({ where: { id: submissionId } });
    expect(await appliedFrom(submissionId)).toBe(final.status === "APPLIED" ? 1 : 0);
    expect(final.decidedById).toBe(succeeded[0].decidedById);
  });

  it("two files for the same role confirmed at once (one SRO each): one version in force, never two", async () => {
    const [a, b] = [await awaiting(), await awaiting()];
    const { succeeded, refused } = await concurrently([() => confirmAdtSubmission(sros[0], { submissionId: a }), () => confirmAdtSubmission(sros[1], { submissionId: b })]);
    // On PostgreSQL the later one may lose to the partial unique index (CONFLICT, rolled back: its SMSR still awaits).
    expect(succeeded.length + refused.length).toBe(2);
    expect(refused.every((e) => e.code === "CONFLICT")).toBe(true);
    expect(await db().thresholdSet.count({ where: { partyId: aro.partyId, userRole: "IS", active: true } })).toBe(1);
  });
});
