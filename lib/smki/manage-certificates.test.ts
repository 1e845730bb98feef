// DCC admins keep the SMKI repository: import (PEM, every refusal explained), rotate, revoke exactly once; an ARO sees
// only its own party's certificates.
import "reflect-metadata";
import crypto from "node:crypto";
import * as x509 from "@peculiar/x509";
import { beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Party } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { CORPUS_NOTE, hasDuisCorpus, readCorpusFile } from "@/lib/duis/testing/corpus";
import { AppError } from "@/lib/errors";
import { concurrently } from "@/lib/testing/concurrently";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { issueOrgCertificates, signingKeyFor } from "./keys";
import { importCertificate, revokeCertificate, rotateCertificate } from "./manage-certificates";
import { listCertificates, readCertificate, searchCertificates } from "./read-certificates";

process.env.NEXTAUTH_SECRET = "smki-test-secret";

const NOW = new Date("2026-11-24T09:00:00Z");

/** A self-signed test certificate with the given key and subject. */
async function testCertificate(opts: { key?: EcKeyGenParams | RsaHashedKeyGenParams; subject?: x509.JsonName; usages?: number } = {}) {
  const algorithm = opts.key ?? { name: "ECDSA", namedCurve: "P-256" };
  const keys = (await crypto.webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: crypto.randomBytes(16).toString("hex").replace(/^./, "1"),
    name: opts.subject ?? [{ OU: ["02"] }, { "2.5.4.45": ["#03090090B3D51F30099999"] }],
    keys,
    signingAlgorithm: algorithm.name === "ECDSA" ? { name: "ECDSA", hash: "SHA-256" } : algorithm,
    notBefore: new Date("2026-01-01T00:00:00Z"),
    notAfter: new Date("2028-01-01T00:00:00Z"),
    extensions: [new x509.KeyUsagesExtension(opts.usages ?? x509.KeyUsageFlags.digitalSignature, true)],
  });
  return certificate.toString("pem");
}

/** The refusal the call throws, as the form shows it (an input error is a ZodError until the action maps it). */
async function refusal(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => null,
    (e: unknown) => (e instanceof ZodError ? AppError.fromZod(e) : e),
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("SMKI repository management", () => {
  let admin: Actor;
  let supplier: Party;
  let aro: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    supplier = await makeParty({ roles: ["IS"] });
    aro = await makeActor(["ARO"], { partyId: supplier.id });
  });

  it("imports a P-256 certificate: serial, issuer, validity, EUI-64 and OU read from it, linked to the party of that EUI, no key", async () => {
    const party = await db().party.update({ where: { id: supplier.id }, data: { eui64: "90B3D51F30099999" } });
    const pem = await testCertificate();
    const parsed = new x509.X509Certificate(pem);
    const imported = await importCertificate(admin, { pem: `Some text before\n${pem}\nand after`, usage: "XML_SIGNING" });
    expect(imported).toMatchObject({
      serial: BigInt(`0x${parsed.serialNumber}`).toString(10),
      issuer: "2.5.4.45=#03090090B3D51F30099999,OU=02",
      usage: "XML_SIGNING",
      eui64: "90B3D51F30099999",
      roleCode: "02",
      partyId: party.id,
      encryptedKey: null,
      notBefore: new Date("2026-01-01T00:00:00Z"),
      notAfter: new Date("2028-01-01T00:00:00Z"),
    });
    expect(imported.pem).toBe(parsed.toString("pem"));
    // The portal holds no key for it, so it never signs.
    expect(await signingKeyFor(db(), "90B3D51F30099999", "XML_SIGNING")).toBeNull();
    expect(await db().auditEvent.count({ where: { action: "certificate.import", entityId: imported.id, actorId: admin.accountId, partyId: party.id } })).toBe(1);
  });

  it("refuses what is not one P-256 signing certificate with an EUI-64, a duplicate, and a party of another EUI, each saying why", async () => {
    const pem = await testCertificate();
    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [() => importCertificate(admin, { pem: "", usage: "XML_SIGNING" }), "pem", /Paste the certificate in PEM form/],
      [() => importCertificate(admin, { pem: "hello", usage: "XML_SIGNING" }), "pem", /not a PEM certificate/],
      [() => importCertificate(admin, { pem: `${pem}\n${pem}`, usage: "XML_SIGNING" }), "pem", /one certificate at a time/],
      [() => importCertificate(admin, { pem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", usage: "XML_SIGNING" }), "pem", /not a readable X\.509 certificate/],
      [() => importCertificate(admin, { pem, usage: "SIGNING" as never }), "usage", /Choose what the certificate is for/],
      [
        async () => importCertificate(admin, { pem: await testCertificate({ key: { name: "ECDSA", namedCurve: "P-384" } }), usage: "XML_SIGNING" }),
        "pem",
        /key is ECDSA P-384: Organisation Certificates use ECDSA P-256/,
      ],
      [
        async () => importCertificate(admin, {
          pem: await testCertificate({ key: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" } }),
          usage: "XML_SIGNING",
        }),
        "pem",
        /key is RSASSA-PKCS1-v1_5: Organisation Certificates use ECDSA P-256/,
      ],
      [async () => importCertificate(admin, { pem: await testCertificate({ subject: [{ CN: ["No EUI"] }] }), usage: "XML_SIGNING" }), "pem", /no x500UniqueIdentifier holding an EUI-64/],
      [async () => importCertificate(admin, { pem: await testCertificate({ usages: x509.KeyUsageFlags.keyCertSign }), usage: "XML_SIGNING" }), "pem", /does not include digitalSignature/],
      [() => importCertificate(admin, { pem, partyId: supplier.id, usage: "XML_SIGNING" }), "partyId", /is for EUI-64 90-B3-D5-1F-30-09-99-99, not .*'s /],
      [() => importCertificate(admin, { pem, partyId: "nope", usage: "XML_SIGNING" }), "partyId", /Choose a party/],
    ];
    for (const [call, field, message] of cases) {
      const error = await refusal(call());
      expect(error.code, String(message)).toBe("INVALID");
      expect(error.fieldErrors[field] ?? error.message, String(message)).toMatch(message);
    }
    await importCertificate(admin, { pem, usage: "XML_SIGNING" });
    const duplicate = await refusal(importCertificate(admin, { pem, usage: "DIGITAL_SIGNING" }));
    expect(duplicate.fieldErrors.pem).toMatch(/serial \d+ is already in the SMKI repository/);
    expect((await refusal(importCertificate(aro, { pem, usage: "XML_SIGNING" }))).code).toBe("FORBIDDEN");
    expect(await db().orgCertificate.count()).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "certificate.import" } })).toBe(1);
  });

  it.skipIf(!hasDuisCorpus)(`imports DCC Boxed's ZAZ1 certificates as they are (issuer "CN=Z1,OU=07", OU 87 or 02) ${CORPUS_NOTE}`, async () => {
    const xml = await importCertificate(admin, { pem: readCorpusFile("certs", "xml-sign-90B3D51F30010000-ds.pem"), usage: "XML_SIGNING" });
    expect(xml).toMatchObject({ issuer: "CN=Z1,OU=07", eui64: "90B3D51F30010000", roleCode: "87", partyId: null, serial: BigInt("0x14BE4AD2EA1D0E4EC7F7156BD24624A7").toString(10) });
    const ds = await importCertificate(admin, { pem: readCorpusFile("certs", "Z1-supplier-ds.pem"), usage: "DIGITAL_SIGNING" });
    expect(ds).toMatchObject({ issuer: "CN=Z1,OU=07", eui64: "90B3D51F30010000", roleCode: "02" });
  });

  it("rotates a certificate the portal issued: a new serial for the same EUI, usage and role, both valid; an imported one is refused", async () => {
    const [xml] = await issueOrgCertificates(db(), supplier, { usages: ["XML_SIGNING"] });
    setNow(new Date(NOW.getTime() + 60_000));
    const rotated = await rotateCertificate(admin, { certificateId: xml.certificate.id });
    expect(rotated).toMatchObject({ eui64: supplier.eui64, usage: "XML_SIGNING", roleCode: "02", partyId: supplier.id });
    expect(rotated.serial).not.toBe(xml.certificate.serial);
    const page = await listCertificates(admin, "smki.manage", { partyId: supplier.id, status: "VALID" });
    expect(page.data.map((c) => c.serial).sort()).toEqual([xml.certificate.serial, rotated.serial].sort());
    expect((await signingKeyFor(db(), supplier.eui64, "XML_SIGNING"))!.serial).toBe(rotated.serial);
    expect(await db().auditEvent.count({ where: { action: "certificate.rotate", entityId: rotated.id, partyId: supplier.id } })).toBe(1);

    const imported = await importCertificate(admin, { pem: await testCertificate(), usage: "XML_SIGNING" });
    expect((await refusal(rotateCertificate(admin, { certificateId: imported.id }))).message).toMatch(/was imported/);
    expect((await refusal(rotateCertificate(admin, { certificateId: "nope" }))).code).toBe("NOT_FOUND");
    expect((await refusal(rotateCertificate(aro, { certificateId: xml.certificate.id }))).code).toBe("FORBIDDEN");
  });

  it("revokes once, with its reason: revoked certificates no longer sign, and revoking again is a conflict", async () => {
    const [xml] = await issueOrgCertificates(db(), supplier, { usages: ["XML_SIGNING"] });
    expect((await refusal(revokeCertificate(admin, { certificateId: xml.certificate.id, reason: " " }))).fieldErrors.reason).toMatch(/Give the reason/);
    const revoked = await revokeCertificate(admin, { certificateId: xml.certificate.id, reason: "Key compromised" });
    expect(revoked).toMatchObject({ revokedAt: NOW, revokedReason: "Key compromised" });
    expect(await signingKeyFor(db(), supplier.eui64, "XML_SIGNING")).toBeNull();
    const again = await refusal(revokeCertificate(admin, { certificateId: xml.certificate.id, reason: "Again" }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/already revoked/);
    expect((await refusal(revokeCertificate(admin, { certificateId: "nope", reason: "x" }))).code).toBe("NOT_FOUND");
    expect((await refusal(revokeCertificate(aro, { certificateId: xml.certificate.id, reason: "x" }))).code).toBe("FORBIDDEN");
    expect(await db().auditEvent.count({ where: { action: "certificate.revoke", entityId: xml.certificate.id, partyId: supplier.id } })).toBe(1);
  });

  it("two admins revoking one certificate at once: one revocation, one audit row, the other told it is already revoked", async () => {
    const [xml] = await issueOrgCertificates(db(), supplier, { usages: ["XML_SIGNING"] });
    const rival = await makeActor(["DCC_ADMIN"], { partyId: admin.partyId });
    const race = await concurrently(
      [admin, rival].map((actor, i) => () => revokeCertificate(actor, { certificateId: xml.certificate.id, reason: `Reason ${i}` })),
    );
    expect(race.succeeded).toHaveLength(1);
    expect(race.refused.map((e) => e.code)).toEqual(["CONFLICT"]);
    expect((await db().orgCertificate.findUniqueOrThrow({ where: { id: xml.certificate.id } })).revokedReason).toBe(race.succeeded[0].revokedReason);
    expect(await db().auditEvent.count({ where: { action: "certificate.revoke", entityId: xml.certificate.id } })).toBe(1);
  });

  it("an ARO lists and reads only its own party's certificates; another party's reads as not found", async () => {
    const mine = await issueOrgCertificates(db(), supplier);
    const other = await issueOrgCertificates(db(), await makeParty({ roles: ["ED"] }));
    const page = await listCertificates(aro, "smki.view", { partyId: other[0].certificate.partyId });
    expect(page.data.map((c) => c.id).sort()).toEqual(mine.map((m) => m.certificate.id).sort());
    expect(page.data[0]).not.toHaveProperty("encryptedKey");
    const read = await readCertificate(aro, "smki.view", mine[0].certificate.id);
    expect(read).toMatchObject({ id: mine[0].certificate.id, status: "VALID", holdsKey: true, pem: mine[0].certificate.pem });
    expect(read).not.toHaveProperty("encryptedKey");
    expect((await refusal(readCertificate(aro, "smki.view", other[0].certificate.id))).code).toBe("NOT_FOUND");
    expect((await refusal(readCertificate(aro, "smki.manage", mine[0].certificate.id))).code).toBe("FORBIDDEN");
    expect((await readCertificate(admin, "smki.manage", other[0].certificate.id)).id).toBe(other[0].certificate.id);
    expect((await refusal(listCertificates(admin, "smki.view", {}))).code).toBe("FORBIDDEN");
    expect((await listCertificates(admin, "smki.manage", { usage: "FILE_SIGNING" })).count).toBe(2);
  });

  it("searches the public repository by serial and by EUI-64 and usage, newest first, revocation shown", async () => {
    const [first] = await issueOrgCertificates(db(), supplier, { usages: ["DIGITAL_SIGNING"] });
    setNow(new Date(NOW.getTime() + 1000));
    const second = await rotateCertificate(admin, { certificateId: first.certificate.id });
    await revokeCertificate(admin, { certificateId: first.certificate.id, reason: "Superseded" });
    const found = await searchCertificates({ eui64: supplier.eui64, usage: "DIGITAL_SIGNING" });
    expect(found.map((c) => [c.serial, c.revoked])).toEqual([
      [second.serial, false],
      [first.certificate.serial, true],
    ]);
    expect(found[0]).toEqual({
      serial: second.serial,
      issuer: "CN=SSI Demo CA,OU=07",
      eui64: supplier.eui64,
      usage: "DIGITAL_SIGNING",
      roleCode: "02",
      notBefore: second.notBefore.toISOString(),
      notAfter: second.notAfter.toISOString(),
      revoked: false,
      pem: second.pem,
    });
    expect((await searchCertificates({ serial: `0${second.serial}` })).map((c) => c.serial)).toEqual([second.serial]);
    expect(await searchCertificates({ eui64: supplier.eui64, usage: "XML_SIGNING" })).toEqual([]);
  });
});
