// The CSV export of an SMI search: the "Export CSV" link of the results downloads the whole result, one row per
// device, under the same access rules as the page (a signed-out request is refused).
import fs from "node:fs";
import { formatEui64 } from "@/lib/identifiers";
import { DEMO_INVENTORY } from "@/prisma/seed/inventory";
import { DEMO, expect, searchSmi, signIn, test } from "../support";

const DUAL = DEMO_INVENTORY.dualFuel;
const DEVICES = [DUAL.esme, DUAL.gsme, DUAL.chf, DUAL.gpf, DUAL.ihd].map(formatEui64).sort();

function parseCsv(text: string): string[][] {
  // The export quotes only when needed; none of these values holds a comma or a quote.
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(","));
}

test("the Export CSV link of an MPAN search downloads the devices found", async ({ page, browser, baseURL }) => {
  await signIn(page, DEMO.supplierUser);
  await searchSmi(page, DUAL.mpan);
  const link = page.getByRole("link", { name: "Export CSV" });
  await expect(link).toHaveAttribute("href", new RegExp(`^/smi/export\\?q=${DUAL.mpan}`));

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^smi-devices-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(fs.readFileSync(await download.path(), "utf8"));
  const [header, ...body] = rows;
  expect(header).toEqual(["device_id", "device_type", "smi_status", "manufacturer", "model", "cpl_status", "mpxn", "address", "postcode", "csp_region"]);
  expect(body.map((r) => r[0]).sort()).toEqual(DEVICES);
  const esme = body.find((r) => r[0] === formatEui64(DUAL.esme))!;
  expect(esme.slice(1, 3)).toEqual(["ESME", "Commissioned"]);
  expect(esme[4]).toBe(DUAL.esmeModel);
  expect(esme[6]).toBe(DUAL.mpan);
  expect(esme[7]).toBe(DUAL.addressLine);
  expect(esme[8]).toBe(DUAL.postcode);
  // The page is still the search (a download, not a navigation).
  await expect(page).toHaveURL((url) => url.pathname === "/smi" && url.searchParams.get("q") === DUAL.mpan);

  // The same URL with the page's cookies answers the CSV; filters apply; a bad key is an HTTP error, not a file.
  const filtered = await page.request.get(`/smi/export?q=${DUAL.mpan}&type=IHD`);
  expect(filtered.status()).toBe(200);
  expect(filtered.headers()["content-type"]).toContain("text/csv");
  expect(parseCsv(await filtered.text()).slice(1).map((r) => r[0])).toEqual([formatEui64(DUAL.ihd)]);
  const invalid = await page.request.get(`/smi/export?q=${DUAL.mpan.slice(0, 12)}${(Number(DUAL.mpan[12]) + 1) % 10}`);
  expect(invalid.status()).toBe(422);
  expect((await invalid.json()).message).toContain("check digit");

  // Without a session: no CSV.
  const anonymous = await browser.newContext({ baseURL });
  try {
    const response = await anonymous.request.get(`/smi/export?q=${DUAL.mpan}`, { maxRedirects: 0 });
    expect(response.status()).not.toBe(200);
    expect(await response.text()).not.toContain(formatEui64(DUAL.esme));
  } finally {
    await anonymous.close();
  }
});
