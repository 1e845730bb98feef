// The TAD specs' supplier: the DUIS reference test supplier's system, signing with the keys the e2e server's seed
// writes (.data/e2e/keys), sends Disable Supply (7.2) over HTTP until its seeded User ADT holds some in quarantine.
// Only specs in e2e/tad hold commands: they use up the supplier's 7.2s for the hour, and run after the Critical flow
// spec (e2e/service-requests), whose one 7.2 must pass.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ENDPOINT_FOR_CV } from "@/lib/duis/catalogue";
import { signPreCommand } from "@/lib/duis/gbcs";
import { freshCounter, readAnswer, signedPreCommandXml } from "@/lib/duis/requests";
import { signDuis } from "@/lib/duis/signature";
import { demoEmail, expect } from "../support";

export const KEYS_DIR = path.resolve(__dirname, "../../.data/e2e/keys");
export const SUPPLIER = "90-B3-D5-1F-30-01-00-00";
export const REFERENCE_ESME = "00-DB-12-34-56-78-90-A0";
/** The seeded User ADT on 7.2 for the reference supplier: more than this many in 60 minutes are quarantined. */
export const ADT = 20;
export const SUPPLIER_SRO = demoEmail("sro", "rtds-supplier.demo");

function signer(kind: "" | ".digital-signing") {
  const certificate = new crypto.X509Certificate(fs.readFileSync(path.join(KEYS_DIR, `${SUPPLIER}${kind}.crt.pem`)));
  return {
    privateKey: fs.readFileSync(path.join(KEYS_DIR, `${SUPPLIER}${kind}.key.pem`), "utf8"),
    issuer: certificate.issuer.split("\n").join(","),
    serial: BigInt(`0x${certificate.serialNumber}`).toString(),
  };
}

/** One 7.2 Disable Supply as the supplier's system sends it: Transform, then the Signed Pre-Command. Returns its RequestID. */
export async function disableSupply(base: string): Promise<string> {
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

/** More than the ADT within the hour: the last one is held whatever was sent before. Returns its RequestID. */
export async function holdOneCommand(base: string): Promise<string> {
  let held = "";
  for (let i = 0; i <= ADT; i++) held = await disableSupply(base);
  return held;
}
