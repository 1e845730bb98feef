// The public SMKI search and retrieval endpoints: JSON lists, PEM downloads, 400 for a bad query, 404 for no such serial.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { issueOrgCertificates } from "@/lib/smki/keys";
import { makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { GET as retrieve } from "./[serial]/route";
import { GET as search } from "./route";

process.env.NEXTAUTH_SECRET = "smki-test-secret";

const get = (query: string) => search(new Request(`http://portal.test/api/v1/smki/certificates${query}`));
const fetchPem = (serial: string) => retrieve(new Request(`http://portal.test/api/v1/smki/certificates/${serial}`), { params: Promise.resolve({ serial }) });

describe("GET /api/v1/smki/certificates", () => {
  beforeEach(resetDatabase);

  it("finds the DCC's XML-signing certificate by EUI-64 and usage, and any certificate by serial, without signing in", async () => {
    const dcc = await makeParty({ isDcc: true });
    const [xml] = await issueOrgCertificates(db(), dcc, { usages: ["XML_SIGNING"] });
    const byEui = await get(`?eui=${formatEui64(dcc.eui64).toLowerCase()}&usage=xml-signing`);
    expect(byEui.status).toBe(200);
    expect(byEui.headers.get("content-type")).toMatch(/application\/json/);
    expect(await byEui.json()).toEqual([
      {
        serial: xml.certificate.serial,
        issuer: "CN=SSI Demo CA,OU=07",
        eui64: dcc.eui64,
        usage: "XML_SIGNING",
        roleCode: "89",
        notBefore: xml.certificate.notBefore.toISOString(),
        notAfter: xml.certificate.notAfter.toISOString(),
        revoked: false,
        pem: xml.certificate.pem,
      },
    ]);
    expect((await (await get(`?serial=${xml.certificate.serial}`)).json()).map((c: { serial: string }) => c.serial)).toEqual([xml.certificate.serial]);
    expect(await (await get("?serial=1234567890")).json()).toEqual([]);
    expect(await (await get(`?eui=${dcc.eui64}&usage=file-signing`)).json()).toEqual([]);
  });

  it("answers a bad query 400 with a short text saying what to send", async () => {
    for (const [query, text] of [
      ["", /Give serial=<decimal>, or eui=<EUI-64>&usage=xml-signing\|digital-signing\|file-signing/],
      ["?serial=12ab", /serial must be the certificate's serial number in decimal/],
      ["?serial=0", /serial must be/],
      ["?serial=1&eui=90B3D51F30000002", /not both/],
      ["?eui=90B3D51F3000", /eui must be an EUI-64/],
      ["?eui=90B3D51F30000002", /usage must be one of xml-signing\|digital-signing\|file-signing/],
      ["?eui=90B3D51F30000002&usage=XML_SIGNING", /usage must be one of/],
      ["?usage=xml-signing", /eui must be an EUI-64/],
    ] as const) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/text\/plain/);
      expect(await response.text(), query).toMatch(text);
    }
  });
});

describe("GET /api/v1/smki/certificates/<serial>", () => {
  beforeEach(resetDatabase);

  it("returns the PEM of a known serial, 404 for an unknown one, 400 for one that is not a decimal", async () => {
    const [cert] = await issueOrgCertificates(db(), await makeParty(), { usages: ["DIGITAL_SIGNING"] });
    const found = await fetchPem(cert.certificate.serial);
    expect(found.status).toBe(200);
    expect(found.headers.get("content-type")).toBe("application/x-pem-file");
    expect(await found.text()).toBe(cert.certificate.pem);
    expect((await fetchPem(`00${cert.certificate.serial}`)).status).toBe(200);
    const missing = await fetchPem("1234567890");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/No certificate with serial 1234567890/);
    expect((await fetchPem("abc")).status).toBe(400);
  });
});
