// ADT Files with SRO confirmation (issue 13 items 1 and 6): Fenland Gas's ARO raises an ADT SMSR and uploads an ADT
// File outside DCC guidance, signed as its ARO would sign it: `openssl dgst -sha256 -sign` with the party's File
// Signing key, which the e2e server's seed writes to its data folder's keys/. The file waits for the party's SRO,
// who confirms it in the portal, and the SMSR shows Applied. Another party's user gets 404 on the SMSR.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO, demoEmail, expect, expectNotFound, signIn, test } from "../support";

/** Where the e2e server's seed writes the demo keys: playwright.config.ts's SSI_DATA_DIR, then keys/. */
const KEYS_DIR = path.resolve(__dirname, "../../.data/e2e/keys");

const ARO = demoEmail("aro", "fenland.demo");
const SRO = demoEmail("sro", "fenland.demo");

const status = (page: Page) => page.getByRole("term").filter({ hasText: /^Status$/ }).locator("xpath=following-sibling::*[1]");

/** Writes the ADT File and signs it with openssl, exactly as the SMSR page's command says; returns both paths. */
function signedAdtFile(eui: string, rows: string[]): { csv: string; sig: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adt-"));
  const csv = path.join(dir, "adt.csv");
  const sig = path.join(dir, "adt.csv.sig");
  fs.writeFileSync(csv, ["UserId,UserRole,SRV,ThresholdKind,MaxCount,PeriodMinutes", ...rows].join("\n") + "\n");
  execFileSync("openssl", ["dgst", "-sha256", "-sign", path.join(KEYS_DIR, `${eui}.file-signing.key.pem`), "-out", sig, csv]);
  return { csv, sig };
}

test("an ARO's ADT File outside guidance waits for the SRO, who confirms it: Applied; another party gets 404", async ({ page, signedIn }) => {
  await signIn(page, ARO);
  await page.goto("/tad/new");
  await page.getByRole("button", { name: "Raise SMSR" }).click();
  // The new SMSR's page, named by its reference.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^SMSR\d{7}$/);
  const smsrUrl = new URL(page.url()).pathname;
  const reference = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
  await expect(status(page)).toHaveText("Open: awaiting the ADT File");

  // The command the page shows names the party's File Signing key by its EUI-64.
  const command = (await page.getByTestId("openssl-command").innerText()).trim();
  const eui = /-sign (\S+)\.file-signing\.key\.pem/.exec(command)![1];
  // Only Disable Supply for the Gas Supplier role: every other mandatory SRV is missing, so outside guidance.
  const file = signedAdtFile(eui, [`${eui},GS,7.2,ADT,30,60`, `${eui},GS,7.2,WARNING,10,60`]);
  await page.locator('input[name="csv"]').setInputFiles(file.csv);
  await page.locator('input[name="signature"]').setInputFiles(file.sig);
  await page.getByRole("button", { name: "Upload and validate" }).click();
  // The page moves on from the upload form to the SMSR's new state.
  await expect(status(page)).toHaveText("Awaiting SRO confirmation");
  await expect(page.locator('input[name="csv"]')).toHaveCount(0);
  await expect(page.getByTestId("guidance-issues")).toContainText("No ADT for");
  // The ARO uploads; only the SRO decides.
  await expect(page.getByRole("button", { name: "Confirm and apply" })).toHaveCount(0);

  // The SRO finds it among the party's SMSRs.
  const sro = await signedIn(SRO);
  await sro.goto("/tad");
  await sro.getByRole("link", { name: reference, exact: true }).click();
  await expect(sro).toHaveURL(new RegExp(`${smsrUrl}$`));
  await expect(status(sro)).toHaveText("Awaiting SRO confirmation");
  await sro.getByRole("button", { name: "Confirm and apply" }).click();
  await expect(status(sro)).toHaveText("Applied (closed)");
  await expect(sro.getByRole("button", { name: "Confirm and apply" })).toHaveCount(0);
  await expect(sro.getByRole("link", { name: /GS version \d+ \(in force\)/ })).toBeVisible();

  await page.reload();
  await expect(status(page)).toHaveText("Applied (closed)");

  const other = await signedIn(DEMO.otherSupplierUser);
  await expectNotFound(other, smsrUrl);
});
