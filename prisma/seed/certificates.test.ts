// The SMKI seed: every party's certificates, and with a keys folder the files a User's tools sign with.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { authenticateApiKey } from "@/lib/api-keys/api-keys";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { dccSigningKey, signingKeyFor } from "@/lib/smki/keys";
import { parseCertificatePem } from "@/lib/smki/x509";
import { DEFAULT_SEED, seedDemoData } from "./index";

process.env.NEXTAUTH_SECRET = "smki-test-secret";

const keysDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ssi-keys-")), "keys");
afterAll(() => fs.rmSync(path.dirname(keysDir), { recursive: true, force: true }));

const signs = (keyPem: string, certPem: string) => {
  const data = Buffer.from("payload");
  const signature = crypto.sign("sha256", data, { key: crypto.createPrivateKey(keyPem), dsaEncoding: "ieee-p1363" });
  return crypto.verify("sha256", data, { key: new crypto.X509Certificate(certPem).publicKey, dsaEncoding: "ieee-p1363" }, signature);
};

describe("SMKI demo data", () => {
  it("issues every party its certificates and writes each party's keys, certificates and API key into the keys folder", async () => {
    const created = await seedDemoData(db(), { seed: DEFAULT_SEED, devices: 0, incidents: 0, orders: false, keysDir });
    const parties = await db().party.findMany();
    expect(created["smki certificates"]).toEqual({ certificates: parties.length * 3 - 1, "demo API keys": parties.length });
    const files = new Set(fs.readdirSync(keysDir));
    expect(files.has("dcc-test-ca.crt.pem")).toBe(true);
    for (const party of parties) {
      const name = formatEui64(party.eui64);
      const stems = party.isDcc ? ["", ".digital-signing"] : ["", ".digital-signing", ".file-signing"];
      const expected = [...stems.flatMap((stem) => [`${name}${stem}.key.pem`, `${name}${stem}.crt.pem`]), `${name}.api-key`];
      expect(expected.filter((f) => !files.has(f)), party.name).toEqual([]);
      if (party.isDcc) expect(files.has(`${name}.file-signing.key.pem`)).toBe(false);
      for (const stem of stems) {
        const keyPem = fs.readFileSync(path.join(keysDir, `${name}${stem}.key.pem`), "utf8");
        const certPem = fs.readFileSync(path.join(keysDir, `${name}${stem}.crt.pem`), "utf8");
        expect(keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/); // PKCS#8
        expect(fs.statSync(path.join(keysDir, `${name}${stem}.key.pem`)).mode & 0o077).toBe(0);
        expect(parseCertificatePem(certPem).eui64).toBe(party.eui64);
        expect(signs(keyPem, certPem), `${name}${stem}`).toBe(true);
      }
      // The XML-signing files are the certificate the portal signs with for that party.
      const xml = await signingKeyFor(db(), party.eui64, "XML_SIGNING");
      expect(xml!.certificatePem).toBe(fs.readFileSync(path.join(keysDir, `${name}.crt.pem`), "utf8"));
      const apiKey = fs.readFileSync(path.join(keysDir, `${name}.api-key`), "utf8").trim();
      expect(await authenticateApiKey(`Bearer ${apiKey}`, "SEND")).toMatchObject({ partyId: party.id });
    }
    const dcc = parties.find((p) => p.isDcc)!;
    expect((await dccSigningKey(db()))!.certificatePem).toBe(fs.readFileSync(path.join(keysDir, `${formatEui64(dcc.eui64)}.crt.pem`), "utf8"));
  });
});
