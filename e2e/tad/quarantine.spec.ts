// Quarantine review (issue 13 item 4): the DUIS reference supplier's system sends Disable Supply (7.2) over its User
// ADT of 20 per 60 minutes (seeded), so its latest Signed Pre-Command is held; its SRO finds it in /quarantine with its
// RequestID, releases it and sees it released. Another party's user gets the 404 page for the item and its incident.
// The requests go over HTTP to the gateway, signed with the keys the e2e server's seed writes (.data/e2e/keys).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ENDPOINT_FOR_CV } from "@/lib/duis/catalogue";
import { signPreCommand } from "@/lib/duis/gbcs";
import { freshCounter, readAnswer, signedPreCommandXml } from "@/lib/duis/requests";
import { signDuis } from "@/lib/duis/signature";
import { DEMO, demoEmail, expect, expectNotFound, signIn, test } from "../support";

const KEYS_DIR = path.resolve(__dirname, "../../.data/e2e/keys");
const SUPPLIER = "90-B3-D5-1F-30-01-00-00";
const REFERENCE_ESME = "00-DB-12-34-56-78-90-A0";
/** The seeded User ADT on 7.2 for the reference supplier: more than this many in 60 minutes are quarantined. */
const ADT = 20;
const SUPPLIER_SRO = demoEmail("sro", "rtds-supplier.demo");

function signer(kind: "" | ".digital-signing") {
  const certificate = new crypto.X509Certificate(fs.readFileSync(path.join(KEYS_DIR, `${SUPPLIER}${kind}.crt.pem`)));
  return {
    privateKey: fs.readFileSync(path.join(KEYS_DIR, `${SUPPLIER}${kind}.key.pem`), "utf8"),
    issuer: certificate.issuer.split("\n").join(","),
    serial: BigInt(`0x${certificate.serialNumber}`).toString(),
  };
}

/** One 7.2 Disable Supply as the supplier's system sends it: Transform, then the Signed Pre-Command. Returns its RequestID. */
async function disableSupply(base: string): Promise<string> {
  const requestId = `${SUPPLIER}:${REFERENCE_ESME}:${freshCounter()}`;
  const xml =
    `<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4"><sr:Header><sr:RequestID>${requestId}</sr:RequestID>` +
    `<sr:CommandVariant>4</sr:CommandVariant><sr:ServiceReference>7.2</sr:ServiceReference><sr:ServiceReferenceVariant>7.2</sr:ServiceReferenceVariant></sr:Header>` +
    `<sr:Body><sr:DisableSupply/></sr:Body></sr:Request>`;
  const post = async (cv: number, body: string) => {
    const response = await fetch(`${base}/api/v1/${ENDPOINT_FOR_CV[cv]}`, { method: "POST", headers: { "content-type": "application/xml" }, body });
    expect(response.status, `HTTP status of CV ${cv}`).toBe(200);
    return readAnswer(await response.text());
  };
  const transform = await post(4, signDuis(xml, signer("")));
  expect(transform.code).toBe("I0");
  const payload = signPreCommand(Buffer.from(transform.preCommandPayload!, "base64"), signer(".digital-signing").privateKey).toString("base64");
  expect((await post(5, signDuis(signedPreCommandXml(xml, payload), signer("")))).code).toBe("I99");
  return requestId;
}

test("an SRO releases a quarantined command and sees it released; another party gets 404", async ({ page, signedIn, baseURL }) => {
  test.setTimeout(120_000);
  // More than the ADT within the hour: the last one is held whatever was sent before.
  let held = "";
  for (let i = 0; i <= ADT; i++) held = await disableSupply(baseURL!);

  await signIn(page, SUPPLIER_SRO);
  await page.goto("/quarantine");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quarantine");
  const row = page.locator(`[data-testid="quarantine-item"][data-request-id="${held}"]`);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("SRV 7.2");
  await expect(row).toContainText(REFERENCE_ESME);
  await expect(row.getByTestId("countdown")).toContainText(/^4d 23:\d\d:\d\d left$/);
  const itemPath = await row.getByRole("link", { name: held }).getAttribute("href");
  const incidentPath = await page.getByTestId("quarantine-group").filter({ has: row }).getByRole("link").first().getAttribute("href");

  await row.getByRole("checkbox", { name: `Select ${held}` }).check();
  await page.getByTestId("decision-bar").getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("decision-result").locator('[data-outcome="done"]')).toContainText(held);
  await expect(page.getByTestId("decision-bar")).toContainText("1 released.");

  await page.goto(itemPath!);
  await expect(page.getByTestId("quarantine-request-id")).toHaveText(held);
  await expect(page.getByTestId("quarantine-status")).toHaveText("Released");
  await expect(page.getByRole("button", { name: "Release" })).toHaveCount(0);

  const other = await signedIn(DEMO.otherSupplierUser);
  await expectNotFound(other, itemPath!);
  await expectNotFound(other, incidentPath!);
});
