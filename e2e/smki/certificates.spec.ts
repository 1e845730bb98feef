// The SMKI in the portal: a party's ARO sees and downloads its own Organisation Certificates (never a key), another
// party's certificate is not found, and a DCC admin imports and revokes a certificate (of a party this spec creates,
// so the seeded parties' signing certificates stay as they are for the other specs).
import "reflect-metadata";
import crypto from "node:crypto";
import fs from "node:fs";
import * as x509 from "@peculiar/x509";
import { formatEui64 } from "@/lib/identifiers";
import { DEMO, createParty, demoEmail, expect, expectNotFound, navEntry, partyIdByName, signIn, test } from "../support";

const BRIGHTWATER_ARO = demoEmail("aro", "brightwater.demo");

/** A self-signed ECDSA P-256 certificate for the EUI-64, OU 02, as a party's own CA might issue (the key is thrown away). */
async function certificateFor(eui64: string): Promise<string> {
  const keys = (await crypto.webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `1${crypto.randomBytes(15).toString("hex")}`,
    name: [{ OU: ["02"] }, { "2.5.4.45": [`#030900${eui64}`] }],
    keys,
    signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  }, crypto.webcrypto as Crypto);
  return certificate.toString("pem");
}

test("an ARO sees its party's three certificates and downloads one; the portal never offers a private key", async ({ page }) => {
  await signIn(page, BRIGHTWATER_ARO);
  await navEntry(page, "Certificates").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Certificates");
  const rows = page.locator("table tbody tr");
  await expect(rows).toHaveCount(3);
  for (const usage of ["XML signing", "Digital Signing", "File Signing"]) await expect(rows.getByRole("link", { name: usage, exact: true })).toHaveCount(1);

  const xmlRow = rows.filter({ has: page.getByRole("link", { name: "XML signing", exact: true }) });
  const [download] = await Promise.all([page.waitForEvent("download"), xmlRow.getByRole("link", { name: /^Download the XML signing certificate/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^[0-9A-F]{2}(-[0-9A-F]{2}){7}\.xml-signing\.\d+\.crt\.pem$/);
  const pem = fs.readFileSync((await download.path())!, "utf8");
  expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n?$/);
  const certificate = new crypto.X509Certificate(pem);
  expect(certificate.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  expect(certificate.issuer).toContain("CN=SSI Demo CA");

  // The same certificate on its page and from the public SMKI search; nowhere a private key.
  await xmlRow.getByRole("link", { name: "XML signing", exact: true }).click();
  await expect(page.getByTestId("certificate-pem")).toHaveText(pem.trim());
  await expect(page.getByText("BEGIN PRIVATE KEY")).toHaveCount(0);
  await expect(page.getByText("BEGIN EC PRIVATE KEY")).toHaveCount(0);
  const serial = (await page.getByTestId("certificate-serial").innerText()).trim();
  const search = await page.request.get(`/api/v1/smki/certificates?serial=${serial}`);
  expect(await search.json()).toMatchObject([{ serial, usage: "XML_SIGNING", revoked: false, pem }]);
});

test("another party's certificate is not found for an ARO, its page or its download", async ({ page, signedIn }) => {
  const admin = await signedIn(DEMO.admin);
  const northgate = await partyIdByName(admin, "Northgate Power");
  await admin.goto(`/admin/certificates?partyId=${northgate}&usage=XML_SIGNING`);
  const href = await admin.locator("table tbody tr").first().getByRole("link", { name: "XML signing", exact: true }).getAttribute("href");
  const id = href!.split("/").pop()!;

  await signIn(page, BRIGHTWATER_ARO);
  await expectNotFound(page, `/certificates/${id}`);
  expect((await page.request.get(`/certificates/${id}/download`)).status()).toBe(404);
  // The admin pages are the DCC's.
  expect((await page.goto("/admin/certificates"))?.status()).toBe(403);
});

test("a DCC admin imports a party's certificate (errors shown), then revokes it with a reason", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const party = await createParty(page, { roles: ["IS"] });
  await navEntry(page, "SMKI").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("SMKI certificates");

  const form = page.getByRole("form", { name: "Import a certificate" });
  await form.getByLabel("Certificate (PEM)").fill("not a certificate");
  await form.getByLabel("Usage").selectOption({ label: "XML signing" });
  await form.getByRole("button", { name: "Import certificate" }).click();
  await expect(form.getByTestId("pem-error")).toContainText("This is not a PEM certificate");
  await expect(form.getByLabel("Certificate (PEM)")).toHaveValue("not a certificate");

  const pem = await certificateFor(party.eui64.toUpperCase());
  await form.getByLabel("Certificate (PEM)").fill(pem);
  await form.getByLabel("Usage").selectOption({ label: "XML signing" });
  await form.getByRole("button", { name: "Import certificate" }).click();
  await expect(page.getByTestId("done-message")).toHaveText("Certificate imported.");
  await expect(page.getByText(party.name).first()).toBeVisible();
  await expect(page.getByText(formatEui64(party.eui64.toUpperCase())).first()).toBeVisible();
  const serial = (await page.getByTestId("certificate-serial").innerText()).trim();

  const revoke = page.getByRole("form", { name: "Revoke the certificate" });
  await revoke.getByRole("button", { name: "Revoke certificate" }).click();
  await expect(revoke.getByTestId("reason-error")).toContainText("Give the reason for revoking");
  await revoke.getByLabel("Reason").fill("E2E: key compromised");
  await revoke.getByRole("button", { name: "Revoke certificate" }).click();
  await expect(page.getByTestId("done-message")).toContainText("Certificate revoked.");
  await expect(page.getByText("Revoked", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("E2E: key compromised")).toBeVisible();
  await expect(page.getByRole("form", { name: "Revoke the certificate" })).toHaveCount(0);

  const search = await page.request.get(`/api/v1/smki/certificates?serial=${serial}`);
  expect(await search.json()).toMatchObject([{ serial, revoked: true }]);
});
