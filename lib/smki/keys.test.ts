// The small SMKI (D3): certificates the DCC test CA issues, the keys the portal holds for them, and which key signs.
import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { advanceClock, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeParty, resetDatabase } from "@/lib/testing/fixtures";
import {
  certificateBySerial,
  certificateStatus,
  dccSigningKey,
  decryptPrivateKey,
  encryptPrivateKey,
  issueOrgCertificate,
  issueOrgCertificates,
  signingKeyFor,
  statusWhere,
  type CertificateStatus,
} from "./keys";
import { DCC_CA_ISSUER, dccTestCa, parseCertificatePem } from "./x509";

// The portal secret the keys are encrypted under; set here so the tests never create one in the data folder.
process.env.NEXTAUTH_SECRET = "smki-test-secret";

const NOW = new Date("2026-11-24T09:00:00Z");
const DAY = 86_400_000;

const signAndVerify = (privateKey: crypto.KeyObject, pem: string) => {
  const data = Buffer.from("<sr:Request>...</sr:Request>");
  // DUIS signatures are raw r||s (duis.md §3).
  const signature = crypto.sign("sha256", data, { key: privateKey, dsaEncoding: "ieee-p1363" });
  return crypto.verify("sha256", data, { key: new crypto.X509Certificate(pem).publicKey, dsaEncoding: "ieee-p1363" }, signature);
};

describe("SMKI certificates and keys", () => {
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
  });

  it("issues a supplier its three certificates from the DCC test CA, each key signing what its certificate verifies", async () => {
    const party = await makeParty({ roles: ["IS", "GS"] });
    const issued = await issueOrgCertificates(db(), party);
    expect(issued.map((i) => i.certificate.usage).sort()).toEqual(["DIGITAL_SIGNING", "FILE_SIGNING", "XML_SIGNING"]);
    const ca = new crypto.X509Certificate((await dccTestCa()).pem);
    for (const { certificate } of issued) {
      expect(certificate).toMatchObject({ eui64: party.eui64, partyId: party.id, roleCode: "02", issuer: DCC_CA_ISSUER, revokedAt: null });
      expect(certificate.notBefore).toEqual(new Date(NOW.getTime() - DAY));
      expect(certificate.notAfter).toEqual(new Date(NOW.getTime() + 730 * DAY));
      const x509 = new crypto.X509Certificate(certificate.pem);
      expect(x509.checkIssued(ca)).toBe(true);
      expect(x509.verify(ca.publicKey)).toBe(true);
      expect(x509.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
      expect(parseCertificatePem(certificate.pem).canSign).toBe(true);
      // A positive serial of 128 bits at most, stored in decimal as DUIS writes it.
      expect(BigInt(`0x${x509.serialNumber}`).toString(10)).toBe(certificate.serial);
      expect(BigInt(certificate.serial) < 2n ** 127n).toBe(true);
      const key = await signingKeyFor(db(), party.eui64, certificate.usage);
      expect(key).toMatchObject({ serial: certificate.serial, issuer: "CN=SSI Demo CA,OU=07", certificatePem: certificate.pem });
      expect(signAndVerify(key!.privateKey, certificate.pem)).toBe(true);
    }
    // Each certificate has its own key.
    const [a, b] = issued;
    expect(signAndVerify((await signingKeyFor(db(), party.eui64, a.certificate.usage))!.privateKey, b.certificate.pem)).toBe(false);
  });

  it("writes the EUI-64 into x500UniqueIdentifier (a BIT STRING, as the SMKI does) and the role code into OU", async () => {
    const party = await makeParty({ roles: ["ED"] });
    const [{ certificate }] = await issueOrgCertificates(db(), party, { usages: ["XML_SIGNING"] });
    const parsed = parseCertificatePem(certificate.pem);
    expect(parsed).toMatchObject({ eui64: party.eui64, roleCode: "03", issuer: "CN=SSI Demo CA,OU=07", keyType: "ECDSA P-256", canSign: true });
    expect(parsed.subject).toBe(`2.5.4.45=#030900${party.eui64},OU=03`);
    // DER: OID 2.5.4.45, then BIT STRING (03), 9 bytes, no unused bits, the 8 bytes of the EUI-64.
    const der = new crypto.X509Certificate(certificate.pem).raw.toString("hex").toUpperCase();
    expect(der).toContain(`060355042D030900${party.eui64}`);
    expect(new crypto.X509Certificate(certificate.pem).subject).toContain("OU=03");
  });

  it("gives each kind of party its role code, and the DCC its XML-signing OU 89 and ACB Digital Signing, no File Signing", async () => {
    const codes = async (roles: Parameters<typeof makeParty>[0]) => {
      const party = await makeParty(roles);
      return Object.fromEntries((await issueOrgCertificates(db(), party)).map(({ certificate }) => [certificate.usage, certificate.roleCode]));
    };
    expect(await codes({ roles: ["GS"] })).toEqual({ XML_SIGNING: "02", DIGITAL_SIGNING: "02", FILE_SIGNING: "02" });
    expect(await codes({ roles: ["ED", "IS"] })).toEqual({ XML_SIGNING: "02", DIGITAL_SIGNING: "02", FILE_SIGNING: "02" });
    expect(await codes({ roles: ["GT"] })).toEqual({ XML_SIGNING: "03", DIGITAL_SIGNING: "03", FILE_SIGNING: "03" });
    expect(await codes({ roles: ["RSA"] })).toEqual({ XML_SIGNING: "7F", DIGITAL_SIGNING: "7F", FILE_SIGNING: "7F" });
    expect(await codes({ roles: ["OU"] })).toEqual({ XML_SIGNING: "7F", DIGITAL_SIGNING: "7F", FILE_SIGNING: "7F" });
    expect(await codes({ isDcc: true })).toEqual({ XML_SIGNING: "89", DIGITAL_SIGNING: "04" });
  });

  it("encrypts private keys under the portal secret, bound to the certificate's serial: another secret or serial cannot read them", async () => {
    const { privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const pkcs8 = privateKey.export({ format: "der", type: "pkcs8" });
    const encrypted = encryptPrivateKey(pkcs8, "12345");
    expect(encrypted).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(encrypted).not.toContain(pkcs8.toString("base64url").slice(10, 40));
    expect(decryptPrivateKey(encrypted, "12345").export({ format: "der", type: "pkcs8" })).toEqual(pkcs8);
    expect(() => decryptPrivateKey(encrypted, "12345", "another-secret")).toThrow(/cannot be decrypted: this portal's secret \(NEXTAUTH_SECRET\)/);
    expect(() => decryptPrivateKey(encrypted, "12346")).toThrow(/cannot be decrypted/);
    // Each encryption has its own IV.
    expect(encryptPrivateKey(pkcs8, "12345")).not.toBe(encrypted);
  });

  it("reads a certificate's status at an instant, and the list filters agree", async () => {
    const party = await makeParty();
    const subject = { eui64: party.eui64, usage: "XML_SIGNING" as const, roleCode: "02", partyId: party.id };
    const valid = (await issueOrgCertificate(db(), subject)).certificate;
    const revoked = await db().orgCertificate.update({
      where: { id: (await issueOrgCertificate(db(), subject)).certificate.id },
      data: { revokedAt: new Date(NOW.getTime() - 1000), revokedReason: "key compromised" },
    });
    const expired = await db().orgCertificate.update({ where: { id: (await issueOrgCertificate(db(), subject)).certificate.id }, data: { notAfter: new Date(NOW.getTime() - 1) } });
    const future = await db().orgCertificate.update({ where: { id: (await issueOrgCertificate(db(), subject)).certificate.id }, data: { notBefore: new Date(NOW.getTime() + DAY) } });
    const expected: [typeof valid, CertificateStatus][] = [
      [valid, "VALID"],
      [revoked, "REVOKED"],
      [expired, "EXPIRED"],
      [future, "NOT_YET_VALID"],
    ];
    for (const [cert, status] of expected) {
      expect(certificateStatus(cert, NOW), status).toBe(status);
      expect((await db().orgCertificate.findMany({ where: { eui64: party.eui64, ...statusWhere(status, NOW) } })).map((c) => c.id), status).toEqual([cert.id]);
    }
    // The bounds: valid through notAfter itself; revoked only from the moment of revocation.
    expect(certificateStatus(valid, valid.notAfter)).toBe("VALID");
    expect(certificateStatus(valid, new Date(valid.notAfter.getTime() + 1))).toBe("EXPIRED");
    expect(certificateStatus(revoked, new Date(NOW.getTime() - 2000))).toBe("VALID");
    // A revoked, expired or future certificate never signs.
    expect((await signingKeyFor(db(), party.eui64, "XML_SIGNING"))!.serial).toBe(valid.serial);
  });

  it("after a rotation both certificates are valid and the newest signs; revoking it hands signing back to the old one at once", async () => {
    const party = await makeParty();
    const subject = { eui64: party.eui64, usage: "DIGITAL_SIGNING" as const, roleCode: "02", partyId: party.id };
    const old = (await issueOrgCertificate(db(), subject)).certificate;
    expect((await signingKeyFor(db(), party.eui64, "DIGITAL_SIGNING"))!.serial).toBe(old.serial);
    advanceClock(60_000);
    const rotated = (await issueOrgCertificate(db(), subject)).certificate;
    const valid = await db().orgCertificate.findMany({ where: { eui64: party.eui64, ...statusWhere("VALID", NOW) } });
    expect(valid.map((c) => c.serial).sort()).toEqual([old.serial, rotated.serial].sort());
    expect((await signingKeyFor(db(), party.eui64, "DIGITAL_SIGNING"))!.serial).toBe(rotated.serial);
    // The decrypted key is cached; revocation is still honoured on the next look-up.
    await db().orgCertificate.update({ where: { id: rotated.id }, data: { revokedAt: NOW } });
    expect((await signingKeyFor(db(), party.eui64, "DIGITAL_SIGNING"))!.serial).toBe(old.serial);
    await db().orgCertificate.update({ where: { id: old.id }, data: { revokedAt: NOW } });
    expect(await signingKeyFor(db(), party.eui64, "DIGITAL_SIGNING")).toBeNull();
    expect(await signingKeyFor(db(), party.eui64, "FILE_SIGNING")).toBeNull();
  });

  it("finds the DCC's XML-signing key from the DCC party, and any certificate by its decimal serial", async () => {
    expect(await dccSigningKey(db())).toBeNull();
    await issueOrgCertificates(db(), await makeParty({ roles: ["IS"] }));
    const dcc = await makeParty({ isDcc: true });
    const issued = await issueOrgCertificates(db(), dcc);
    const xml = issued.find((i) => i.certificate.usage === "XML_SIGNING")!.certificate;
    const key = await dccSigningKey(db());
    expect(key).toMatchObject({ serial: xml.serial, issuer: DCC_CA_ISSUER });
    expect(signAndVerify(key!.privateKey, xml.pem)).toBe(true);
    expect((await certificateBySerial(db(), xml.serial))?.id).toBe(xml.id);
    expect((await certificateBySerial(db(), `000${xml.serial}`))?.id).toBe(xml.id);
    expect(await certificateBySerial(db(), "1234567890")).toBeNull();
    expect(await certificateBySerial(db(), "12ab")).toBeNull();
  });

  it("derives one CA from one secret (every worker issues under the same key) and another from another secret", async () => {
    const a = await dccTestCa("secret-a");
    const again = await dccTestCa("secret-a");
    const b = await dccTestCa("secret-b");
    const spki = async (key: CryptoKey) => Buffer.from(await crypto.webcrypto.subtle.exportKey("spki", key)).toString("hex");
    expect(await spki(again.publicKey)).toBe(await spki(a.publicKey));
    expect(await spki(b.publicKey)).not.toBe(await spki(a.publicKey));
    expect(new crypto.X509Certificate(a.pem).verify(new crypto.X509Certificate(a.pem).publicKey)).toBe(true);
    expect(new crypto.X509Certificate(a.pem).ca).toBe(true);
  });
});
