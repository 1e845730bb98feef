// QCA round trip (issue 13 item 5): the reference supplier's system sends Disable Supply over its User ADT, so several
// commands are held; its SRO downloads the incident's QCA File from /quarantine, writes an action on every row and
// signs it with openssl and the party's File Signing key (as the portal shows). A file with "Approve" on a row is
// refused whole, with the reason, and nothing changes; the corrected file is applied and its result itemised.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "../support";
import { ADT, KEYS_DIR, SUPPLIER, SUPPLIER_SRO, disableSupply } from "./helpers";

/** Commands held beyond the ADT (the window counts quarantined ones too, so each one over it is held). */
const HELD = 3;

/** The downloaded QCA File with `action(requestId)` in each row's Action column, signed as the portal's command says. */
function signedQca(dir: string, csv: string, action: (requestId: string) => string) {
  const [header, ...rows] = parse(csv) as string[][];
  const file = path.join(dir, "qca.csv");
  fs.writeFileSync(file, stringify([header, ...rows.map((row) => [...row.slice(0, -1), action(row[1])])]));
  execFileSync("openssl", ["dgst", "-sha256", "-sign", path.join(KEYS_DIR, `${SUPPLIER}.file-signing.key.pem`), "-out", `${file}.sig`, file]);
  return { file, signature: `${file}.sig` };
}

async function upload(page: Page, files: { file: string; signature: string }) {
  const form = page.getByRole("form", { name: "Upload a QCA File" });
  await form.getByLabel("QCA File (CSV)").setInputFiles(files.file);
  await form.getByLabel("Signature (the .sig file openssl wrote)").setInputFiles(files.signature);
  await form.getByRole("button", { name: "Upload QCA File" }).click();
}

test("an SRO decides quarantined commands by an openssl-signed QCA File; a file with Approve is refused whole", async ({ page, baseURL }) => {
  test.setTimeout(150_000);
  const held: string[] = [];
  for (let i = 0; i < ADT + HELD; i++) held.push(await disableSupply(baseURL!));
  const ours = held.slice(-HELD);

  await signIn(page, SUPPLIER_SRO);
  await page.goto("/quarantine");
  const first = page.locator(`[data-testid="quarantine-item"][data-request-id="${ours[0]}"]`);
  await page.getByTestId("quarantine-group").filter({ has: first }).getByRole("link").first().click();
  await expect(page.getByTestId("openssl-command")).toContainText(`openssl dgst -sha256 -sign ${SUPPLIER}.file-signing.key.pem`);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the QCA File" }).click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const requestIds = (parse(csv) as string[][]).slice(1).map((row) => row[1]);
  expect(requestIds).toEqual(expect.arrayContaining(ours));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qca-"));

  // "Approve" on one row: the whole file is refused with that reason; every command stays in quarantine.
  await upload(page, signedQca(dir, csv, (id) => (id === ours[1] ? "Approve" : "Release")));
  const result = page.getByTestId("qca-result");
  await expect(result).toContainText("QCA File refused: nothing was released or deleted.");
  await expect(result).toContainText('Action "Approve" is not allowed: write exactly Release or Delete.');
  await page.reload();
  for (const id of ours) await expect(page.locator(`[data-testid="quarantine-item"][data-request-id="${id}"]`).getByTestId("quarantine-status")).toHaveText("Quarantined");
  await expect(page.getByTestId("qca-uploads")).toContainText("Refused");

  // Release the first of ours, delete every other row: each communication is reported with what was done.
  await upload(page, signedQca(dir, csv, (id) => (id === ours[0] ? "Release" : "Delete")));
  await expect(result).toContainText(`QCA File accepted: 1 released, ${requestIds.length - 1} deleted.`);
  await expect(result.locator('[data-testid="qca-decided"] li[data-action="release"]')).toHaveText([`${ours[0]}: Released (Command sent)`]);
  await expect(result.locator('[data-testid="qca-decided"] li[data-action="delete"]')).toHaveCount(requestIds.length - 1);
  await expect(result.getByTestId("qca-decided")).toContainText(`${ours[2]}: Deleted`);

  await page.goto(`/quarantine?view=decided`);
  await expect(page.locator(`[data-testid="quarantine-item"][data-request-id="${ours[0]}"]`).getByTestId("quarantine-status")).toHaveText("Released");
  await expect(page.locator(`[data-testid="quarantine-item"][data-request-id="${ours[1]}"]`).getByTestId("quarantine-status")).toHaveText("Deleted by the User");
});
