// The DCC's reference test data replayed as a User's test suite would run it (issue 11 item 1): all 297 request
// templates of ../shared/duis/templates against the reference premises of the demo data, each re-signed with its
// originator's demo key and a fresh counter, ExecutionDateTimes moved into the 30-day horizon (the cancellation
// marker kept), in an order that makes sense: reads and configuration first; 5.1 before 5.2 and 5.3 (with the
// DSPScheduleID 5.1 returned); future-dated requests before their cancellations; last, the ones that change the
// premises for good. Critical requests run the whole flow (Transform, sign the Pre-Command, send the SPC).
import { beforeAll, describe, expect, it } from "vitest";
import { resetClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { seedDemoData } from "@/prisma/seed";
import { signingKeyFor } from "@/lib/smki/keys";
import { ENDPOINT_FOR_CV } from "./catalogue";
import { submitXml } from "./gateway";
import { signPreCommand } from "./gbcs";
import { readAnswer, requestIdOf, signedPreCommandXml, withCounter, withExecutionDateTime } from "./requests";
import { signDuis } from "./signature";
import { CORPUS_NOTE, corpusFiles, hasDuisCorpus, readCorpusFile } from "./testing/corpus";

/**
 * Templates the seed's rules refuse, with the code each gets and why (docs/decisions.md, "Reference templates the
 * DCC refuses" names the same list).
 */
const EXPECTED_REFUSALS: Record<string, { code: string; rule: string }> = {
  // 8.14.4 (no-fault return, earlier in the run) and 8.14.3 (fault return, near the end) both name CHF A2; a CH is
  // notified for return once (CHIMSM 9.x: one open returns record per CH).
  "8.14.3_COMMUNICATIONS_HUB_STATUS_UPDATE_FAULT_RETURN_REQUEST_DUIS.XML": { code: "E081402", rule: "one open return per CH" },
  // Sent by 90-B3-D5-1F-30-03-00-00 (a second supplier) to the GPF of an MPRN whose registered Gas Supplier is
  // 90-B3-D5-1F-30-01-00-00: AB 6.1(f), the sender is not an Eligible User for the device.
  "GCS16b_4.14_URP_SUCCESS_REQUEST_DUIS.XML": { code: "E4", rule: "AB 6.1(f) Eligible User" },
};

/** The requests that change the premises for good run last, in this order (issue 11 item 1). */
const LAST = [
  "8.14.3_COMMUNICATIONS_HUB_STATUS_UPDATE_FAULT_RETURN_REQUEST_DUIS.XML",
  "8.3_DECOMMISSION_DEVICE_REQUEST_DUIS.XML",
  "12.2_DEVICE_PRE_NOTIFICATION_REQUEST_DUIS.XML",
  "8.4_UPDATE_INVENTORY_REQUEST_DUIS.XML",
];

function rank(file: string): number {
  if (LAST.includes(file)) return 100 + LAST.indexOf(file);
  if (/_5\.1\./.test(file)) return 1;
  if (/^5\.[23]_/.test(file)) return 2;
  if (/FUTURE_DATED|CANCELLATION/.test(file)) return 3;
  return 0;
}

/**
 * Within the future-dated group, each request is followed by its own cancellation: a cancellation cancels every
 * pending request of its SRV on the device, so two pairs on one SRV and device must not interleave.
 */
const pairKey = (file: string) => `${file.replace(/_(FUTURE_DATED|CANCELLATION)/, "")}|${file.includes("CANCELLATION") ? 1 : 0}`;

const replayOrder = (a: string, b: string) => rank(a) - rank(b) || (rank(a) === 3 ? pairKey(a).localeCompare(pairKey(b)) : a.localeCompare(b));

const commandVariantOf = (xml: string) => Number(/<(?:\w+:)?CommandVariant>\s*(\d+)\s*</.exec(xml)![1]);

async function sendSigned(xml: string): Promise<{ code: string | null; xml: string | undefined; status: number }> {
  const originator = requestIdOf(xml).split(":")[0].replaceAll("-", "");
  const key = await signingKeyFor(db(), originator, "XML_SIGNING");
  if (!key) throw new Error(`no demo key for originator ${originator}`);
  const cv = commandVariantOf(xml);
  const answer = await submitXml(ENDPOINT_FOR_CV[cv], signDuis(xml, key));
  const read = answer.xml ? readAnswer(answer.xml) : { code: null, preCommandPayload: null };
  if (cv !== 4 || read.code !== "I0" || !read.preCommandPayload) return { code: read.code, xml: answer.xml, status: answer.status };
  const digital = await signingKeyFor(db(), originator, "DIGITAL_SIGNING");
  const spcPayload = signPreCommand(Buffer.from(read.preCommandPayload, "base64"), digital!.privateKey).toString("base64");
  const spc = await submitXml("serviceS", signDuis(signedPreCommandXml(xml, spcPayload), key));
  // The Transform's synchronous answer is the template's; the SPC completes it so that cancellations find it.
  return { code: spc.xml ? (readAnswer(spc.xml).code === "I99" ? "I0" : readAnswer(spc.xml).code) : null, xml: spc.xml, status: spc.status };
}

describe.skipIf(!hasDuisCorpus)(`the 297 DUIS reference templates ${CORPUS_NOTE}`, () => {
  beforeAll(async () => {
    resetClock();
    await seedDemoData(db(), { devices: 0, incidents: 0, orders: false });
  }, 120_000);

  it("are answered I0 or I99 synchronously, except the documented refusals", async () => {
    const files = corpusFiles("templates").sort(replayOrder);
    expect(files).toHaveLength(297);
    const inHorizon = new Date(Date.now() + 86_400_000);
    let scheduleId: string | null = null;
    const refused: Record<string, string> = {};
    for (const file of files) {
      let xml = withExecutionDateTime(withCounter(readCorpusFile("templates", file)), inHorizon);
      if (scheduleId && /^5\.[23]_/.test(file)) xml = xml.replace(/<sr:DSPScheduleID>\d+<\/sr:DSPScheduleID>/, `<sr:DSPScheduleID>${scheduleId}</sr:DSPScheduleID>`);
      const answer = await sendSigned(xml);
      if (/_5\.1\./.test(file) && answer.xml) scheduleId = /<sr:DSPScheduleID>(\d+)</.exec(answer.xml)?.[1] ?? null;
      if (answer.code !== "I0" && answer.code !== "I99") refused[file] = answer.code ?? `HTTP ${answer.status}`;
    }
    expect(refused).toEqual(Object.fromEntries(Object.entries(EXPECTED_REFUSALS).map(([file, { code }]) => [file, code])));
    expect(297 - Object.keys(refused).length).toBeGreaterThanOrEqual(290);
  }, 600_000);
});
