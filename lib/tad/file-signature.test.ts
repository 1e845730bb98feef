// Signed ADT and QCA files: what openssl writes verifies; anything but the party's valid File Signing certificate is
// refused with the reason (processing.md §1.5 a-b, scenarios 20 and 26).
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CertificateUsage } from "@/generated/prisma/enums";
import { setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { issueOrgCertificates, type NewCertificate } from "@/lib/smki/keys";
import { makeParty } from "@/lib/testing/fixtures";
import { verifyFileSignature } from "./file-signature";

process.env.NEXTAUTH_SECRET = "tad-file-signature-test";

const NOW = new Date("2026-12-08T10:00:00Z");
const CSV = "UserId,UserRole,SRV,ThresholdKind,MaxCount,PeriodMinutes\n90-B3-D5-1F-30-01-00-00,IS,7.2,ADT,20,60\n";

let partyId: string;
let keys: Record<CertificateUsage, NewCertificate>;
let other: NewCertificate;

const sign = (data: string, cert: NewCertificate) => crypto.sign("sha256", Buffer.from(data), cert.privateKeyPem);

beforeAll(async () => {
  setNow(NOW);
  const party = await makeParty({ roles: ["IS"] });
  partyId = party.id;
  const issued = await issueOrgCertificates(db(), party);
  keys = Object.fromEntries(issued.map((i) => [i.certificate.usage, i])) as Record<CertificateUsage, NewCertificate>;
  const otherParty = await makeParty({ roles: ["IS"] });
  other = (await issueOrgCertificates(db(), otherParty, { usages: ["FILE_SIGNING"] }))[0];
});

describe("verifyFileSignature", () => {
  it("accepts a file signed by openssl dgst -sha256 -sign with the party's File Signing key, as DER or base64", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adt-"));
    try {
      fs.writeFileSync(path.join(dir, "key.pem"), keys.FILE_SIGNING.privateKeyPem);
      fs.writeFileSync(path.join(dir, "adt.csv"), CSV);
      execFileSync("openssl", ["dgst", "-sha256", "-sign", "key.pem", "-out", "adt.csv.sig", "adt.csv"], { cwd: dir });
      const der = fs.readFileSync(path.join(dir, "adt.csv.sig"));
      const ok = { ok: true, certificateSerial: keys.FILE_SIGNING.certificate.serial };
      expect(await verifyFileSignature(db(), partyId, fs.readFileSync(path.join(dir, "adt.csv")), der)).toEqual(ok);
      expect(await verifyFileSignature(db(), partyId, CSV, der.toString("base64"))).toEqual(ok);
      // node:crypto's default ECDSA encoding is the same DER form.
      expect(await verifyFileSignature(db(), partyId, CSV, sign(CSV, keys.FILE_SIGNING))).toEqual(ok);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a file changed after signing, and a signature that is not DER", async () => {
    const signature = sign(CSV, keys.FILE_SIGNING);
    const tampered = await verifyFileSignature(db(), partyId, CSV.replace("20,60", "99,60"), signature);
    expect(tampered).toEqual({ ok: false, reason: expect.stringContaining("does not match the file") });
    const raw = crypto.sign("sha256", Buffer.from(CSV), { key: keys.FILE_SIGNING.privateKeyPem, dsaEncoding: "ieee-p1363" });
    expect(await verifyFileSignature(db(), partyId, CSV, raw)).toEqual({ ok: false, reason: expect.stringContaining("not a DER-encoded ECDSA signature") });
    expect(await verifyFileSignature(db(), partyId, CSV, "not a signature!")).toEqual({ ok: false, reason: expect.stringContaining("not a DER-encoded") });
  });

  it("refuses another party's File Signing certificate, naming whose it is", async () => {
    const result = await verifyFileSignature(db(), partyId, CSV, sign(CSV, other));
    expect(result).toEqual({ ok: false, reason: expect.stringContaining(`certificate ${other.certificate.serial}, which belongs to`) });
  });

  it("refuses the party's XML and Digital Signing keys: only its File Signing certificate signs files (scenario 26)", async () => {
    for (const usage of ["XML_SIGNING", "DIGITAL_SIGNING"] as const) {
      const result = await verifyFileSignature(db(), partyId, CSV, sign(CSV, keys[usage]));
      expect(result).toEqual({ ok: false, reason: expect.stringContaining("only your File Signing certificate") });
    }
  });

  it("refuses an expired or revoked File Signing certificate, judged at the time the file was received", async () => {
    const signature = sign(CSV, keys.FILE_SIGNING);
    const expired = await verifyFileSignature(db(), partyId, CSV, signature, new Date(keys.FILE_SIGNING.certificate.notAfter.getTime() + 1));
    expect(expired).toEqual({ ok: false, reason: expect.stringContaining("has expired") });

    await db().orgCertificate.update({ where: { id: keys.FILE_SIGNING.certificate.id }, data: { revokedAt: NOW } });
    expect(await verifyFileSignature(db(), partyId, CSV, signature)).toEqual({ ok: false, reason: expect.stringContaining("has been revoked") });
    // Received before the revocation: still valid then.
    expect((await verifyFileSignature(db(), partyId, CSV, signature, new Date(NOW.getTime() - 1))).ok).toBe(true);
  });
});
