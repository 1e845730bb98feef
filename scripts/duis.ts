// `npm run duis -- send FILE [--url BASE] [--keep-counter]` and `npm run duis -- reset [--url BASE]`: a DUIS client
// with no JVM and no database, only the keys folder the seed writes (<data dir>/keys, SSI_DATA_DIR or .data).
// send: fresh counter (unless --keep-counter), signed with the originator's key, posted to the web service of its
// Command Variant; a Critical request (CV 4) runs the whole flow: Transform, sign the Pre-Command, send the SPC.
// Prints each answer's XML; exits 0 when the last answer is I0 or I99.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataFolder } from "@/lib/database-adapter";
import { ENDPOINT_FOR_CV } from "@/lib/duis/catalogue";
import { signPreCommand } from "@/lib/duis/gbcs";
import { readAnswer, requestIdOf, signedPreCommandXml, withCounter } from "@/lib/duis/requests";
import { signDuis } from "@/lib/duis/signature";
import { formatEui64, parseEui64 } from "@/lib/identifiers";

const keysFolder = () => path.join(dataFolder(), "keys");

function keyFile(eui: string, suffix: string) {
  const file = path.join(keysFolder(), `${formatEui64(parseEui64(eui) ?? eui)}${suffix}`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run the portal once (npm start) so that the seed writes the demo keys.`);
  return fs.readFileSync(file, "utf8");
}

/** The signer of an EUI's XML-signing or Digital Signing key pair, as KeyInfo names its certificate. */
function signer(eui: string, kind: "" | ".digital-signing") {
  const certificate = new crypto.X509Certificate(keyFile(eui, `${kind}.crt.pem`));
  return {
    privateKey: keyFile(eui, `${kind}.key.pem`),
    issuer: certificate.issuer.split("\n").join(","),
    serial: BigInt(`0x${certificate.serialNumber}`).toString(),
  };
}

async function post(base: string, cv: number, xml: string): Promise<string> {
  const endpoint = ENDPOINT_FOR_CV[cv];
  if (!endpoint) throw new Error(`Command Variant ${cv} has no web service`);
  const response = await fetch(`${base}/api/v1/${endpoint}`, { method: "POST", headers: { "content-type": "application/xml" }, body: xml });
  const text = await response.text();
  if (response.status === 202) return "(202: silently rejected: the signature or certificate was not accepted)";
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text}`);
  return text;
}

const commandVariantOf = (xml: string) => Number(/<(?:\w+:)?CommandVariant>\s*(\d+)\s*</.exec(xml)?.[1]);

async function send(file: string, base: string, keepCounter: boolean): Promise<boolean> {
  let xml = fs.readFileSync(file, "utf8");
  if (!keepCounter) xml = withCounter(xml);
  const originator = requestIdOf(xml).split(":")[0];
  const cv = commandVariantOf(xml);
  const first = await post(base, cv, signDuis(xml, signer(originator, "")));
  console.log(first);
  const answer = first.startsWith("(") ? { code: null, preCommandPayload: null } : readAnswer(first);
  if (cv !== 4 || answer.code !== "I0" || !answer.preCommandPayload) return answer.code === "I0" || answer.code === "I99";
  const digital = signer(originator, ".digital-signing");
  const spcPayload = signPreCommand(Buffer.from(answer.preCommandPayload, "base64"), digital.privateKey).toString("base64");
  const spc = await post(base, 5, signDuis(signedPreCommandXml(xml, spcPayload), signer(originator, "")));
  console.log(spc);
  const code = spc.startsWith("(") ? null : readAnswer(spc).code;
  return code === "I0" || code === "I99";
}

async function reset(base: string): Promise<boolean> {
  const key = keyFile("90B3D51F30000002", ".api-key").trim();
  const response = await fetch(`${base}/api/v1/admin/reference-premises/reset`, { method: "POST", headers: { authorization: `Bearer ${key}` } });
  console.log(await response.text());
  return response.ok;
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const base = (option("--url") ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
  const keepCounter = args.includes("--keep-counter");
  const [command, file] = args.filter((a) => a !== "--keep-counter");
  if (command === "send" && file) return send(file, base, keepCounter);
  if (command === "reset") return reset(base);
  console.error("usage: npm run duis -- send FILE [--url BASE] [--keep-counter]\n       npm run duis -- reset [--url BASE]");
  return false;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(`npm run duis failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
