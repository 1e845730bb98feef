// The SMKI's demo data (D3): Organisation Certificates for every party, the DCC's included, issued by the DCC test CA
// with keys stored encrypted under the portal secret. `npm start` and `npm run seed` also write each party's keys and
// certificates, and a demo API key, to `<data dir>/keys/`, so that a User's own tools (curl, `npm run duis`) can act
// as a demo party.
// Keys are random: unlike the rest of the demo data, the same seed gives new certificates each time.
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/generated/prisma/client";
import type { CertificateUsage } from "@/generated/prisma/enums";
import { issueDemoApiKey } from "@/lib/api-keys/api-keys";
import { formatEui64 } from "@/lib/identifiers";
import { issueOrgCertificates, type NewCertificate } from "@/lib/smki/keys";
import { dccTestCa } from "@/lib/smki/x509";
import type { SeedOptions } from "./index";

/** File name stem per usage: XML signing is the key a DUIS client needs first, so it has the plain name. */
const FILE_STEMS: Record<CertificateUsage, string> = {
  XML_SIGNING: "",
  DIGITAL_SIGNING: ".digital-signing",
  FILE_SIGNING: ".file-signing",
};

export async function seedCertificates(db: PrismaClient, opts: Pick<SeedOptions, "keysDir">) {
  const parties = await db.party.findMany({ orderBy: { eui64: "asc" } });
  if (opts.keysDir) {
    fs.mkdirSync(opts.keysDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(opts.keysDir, "dcc-test-ca.crt.pem"), (await dccTestCa()).pem);
  }
  let certificates = 0;
  for (const party of parties) {
    const issued = await issueOrgCertificates(db, party);
    certificates += issued.length;
    // An API key is shown once: without a folder to write it to, nobody would ever hold it.
    if (opts.keysDir) writeKeys(opts.keysDir, party.eui64, issued, await issueDemoApiKey(db, party.id));
  }
  return { certificates, ...(opts.keysDir ? { "demo API keys": parties.length } : {}) };
}

function writeKeys(keysDir: string, eui64: string, issued: NewCertificate[], apiKey: string) {
  const name = formatEui64(eui64);
  for (const { certificate, privateKeyPem } of issued) {
    const stem = path.join(keysDir, `${name}${FILE_STEMS[certificate.usage]}`);
    fs.writeFileSync(`${stem}.key.pem`, privateKeyPem, { mode: 0o600 });
    fs.writeFileSync(`${stem}.crt.pem`, certificate.pem);
  }
  fs.writeFileSync(path.join(keysDir, `${name}.api-key`), `${apiKey}\n`, { mode: 0o600 });
}
