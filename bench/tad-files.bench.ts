// ADT Files (issue 13 target: a 10,000-row file validated and applied in < 1 s). One File per User Role with no
// (Role, SRV, Kind) twice caps a valid file at about two rows per SRV the role may send, so the 10,000 rows are timed
// twice: a 10,000-row ADT File through the whole upload (signature, certificate, every row's format check; refused on
// its repeated rows, nothing applied), and 10,000 DCC packet ranges validated and applied as one version. Then the
// largest valid ADT File (every device SRV of an Import Supplier, ADT and Warning) uploaded and applied, and the
// activeThresholds read the pipeline makes per batch.
import crypto from "node:crypto";
import type { UserRole } from "@/generated/prisma/enums";
import { loadActor } from "@/lib/auth/actor";
import { SRV_CATALOGUE } from "@/lib/duis/catalogue";
import { formatEui64 } from "@/lib/identifiers";
import { issueOrgCertificates } from "@/lib/smki/keys";
import { ADT_HEADER } from "@/lib/tad/adt-file-format";
import { raiseAdtSmsr, uploadAdtFile } from "@/lib/tad/adt-files";
import { activeThresholds, setDccThresholds } from "@/lib/tad/thresholds";
import { freshDatabase, measure } from "./harness";

process.env.NEXTAUTH_SECRET ??= "tad-files-bench";
const ROWS = 10_000;
const ROLE: UserRole = "IS";

export default async function tadFilesBench() {
  const { db, close } = await freshDatabase();
  try {
    const party = await db.party.create({ data: { name: "Bench Supplier", eui64: "90B3D51F30990000", roles: [ROLE] } });
    const dcc = await db.party.create({ data: { name: "DCC", eui64: "00DCC00000000000", roles: [], isDcc: true } });
    const account = (partyId: string, permissions: ("ARO" | "DCC_ADMIN")[]) =>
      db.account.create({ data: { partyId, permissions, email: `${crypto.randomBytes(4).toString("hex")}@bench.test`, name: "Bench", passwordHash: "x" } }).then((a) => loadActor(a.id));
    const aro = (await account(party.id, ["ARO"]))!;
    const admin = (await account(dcc.id, ["DCC_ADMIN"]))!;
    const key = (await issueOrgCertificates(db, party, { usages: ["FILE_SIGNING"] }))[0].privateKeyPem;
    const id = formatEui64(party.eui64);
    const srvs = [...SRV_CATALOGUE.values()].filter((e) => !e.nonDevice && e.roles.includes(ROLE)).map((e) => e.srv);
    const file = (lines: string[]) => [ADT_HEADER, ...lines].join("\n") + "\n";
    const upload = async (csv: string) => {
      const smsr = await raiseAdtSmsr(aro, { fastTrack: false });
      const signature = crypto.sign("sha256", Buffer.from(csv), key).toString("base64");
      return uploadAdtFile(aro, { submissionId: smsr.id, fileName: "adt.csv", csv, signature });
    };

    const large = file(Array.from({ length: ROWS }, (_, i) => `${id},${ROLE},${srvs[i % srvs.length]},${i % 2 ? "WARNING" : "ADT"},${100 + (i % 50)},60`));
    await measure(`ADT File of ${ROWS.toLocaleString("en-GB")} rows: signature, certificate, every row's format check (refused)`, 5, async () => {
      const smsr = await upload(large);
      if (smsr.status !== "VALIDATION_FAILED") throw new Error(`expected the repeated rows to be refused, got ${smsr.status}`);
    });

    const ranges = Array.from({ length: ROWS }, (_, i) => ({ kind: "PACKET" as const, srv: "1.5", param: `Value${i}`, minValue: -500, maxValue: 500 }));
    await measure(`DCC thresholds, ${ROWS.toLocaleString("en-GB")} packet ranges validated and applied as one version`, 5, () => setDccThresholds(admin, { rows: ranges }));

    const valid = file(srvs.flatMap((srv) => [`${id},${ROLE},${srv},ADT,100,60`, `${id},${ROLE},${srv},WARNING,50,60`]));
    await measure(`Largest valid ADT File (${srvs.length * 2} rows, ${ROLE}): validated and applied`, 10, async () => {
      const smsr = await upload(valid);
      if (smsr.status !== "APPLIED") throw new Error(`expected the file to apply, got ${smsr.status}: ${smsr.reason}`);
    });

    await measure(`activeThresholds with ${ROWS.toLocaleString("en-GB")} DCC ranges and ${srvs.length * 2} User thresholds in force`, 20, () => activeThresholds(db));
  } finally {
    await close();
  }
}
