// Signed DUIS requests over HTTP against a running portal (issue 11 target: >= 500 requests/s answered I99,
// signature verified and checks run, p95 <= 50 ms). Needs BENCH_BASE_URL (e.g. http://localhost:3000 after
// `npm start`) and the demo keys the seed wrote (<data dir>/keys): the DUIS reference supplier sends 4.1.1 to the
// reference ESME, BENCH_DUIS_HTTP_REQUESTS requests (default 5,000), BENCH_DUIS_HTTP_CONCURRENCY in flight (default 32).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { dataFolder } from "@/lib/database-adapter";
import { freshCounter } from "@/lib/duis/requests";
import { signDuis } from "@/lib/duis/signature";
import { report } from "./harness";

const BASE = process.env.BENCH_BASE_URL;
const N = Number(process.env.BENCH_DUIS_HTTP_REQUESTS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_DUIS_HTTP_CONCURRENCY ?? 32);
const SUPPLIER = "90-B3-D5-1F-30-01-00-00";
const ESME = "00-DB-12-34-56-78-90-A0";

export default async function main() {
  const keys = path.join(dataFolder(), "keys");
  if (!BASE || !fs.existsSync(path.join(keys, `${SUPPLIER}.key.pem`))) {
    console.error("duis-http: skipped (set BENCH_BASE_URL to a running portal whose demo keys are in <data dir>/keys)");
    return;
  }
  const certificate = new crypto.X509Certificate(fs.readFileSync(path.join(keys, `${SUPPLIER}.crt.pem`)));
  const signer = { privateKey: crypto.createPrivateKey(fs.readFileSync(path.join(keys, `${SUPPLIER}.key.pem`))), issuer: certificate.issuer.split("\n").join(","), serial: BigInt(`0x${certificate.serialNumber}`).toString() };
  const request = () =>
    signDuis(
      `<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4"><sr:Header><sr:RequestID>${SUPPLIER}:${ESME}:${freshCounter()}</sr:RequestID>` +
        `<sr:CommandVariant>1</sr:CommandVariant><sr:ServiceReference>4.1</sr:ServiceReference><sr:ServiceReferenceVariant>4.1.1</sr:ServiceReferenceVariant></sr:Header>` +
        `<sr:Body><sr:ReadInstantaneousImportRegisters/></sr:Body></sr:Request>`,
      signer,
    );
  // Signed before the clock starts: the client's signing is not the gateway's time.
  const bodies = Array.from({ length: N }, request);
  const samples: number[] = [];
  const codes = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const sent = performance.now();
        const response = await fetch(`${BASE}/api/v1/serviceS`, { method: "POST", headers: { "content-type": "application/xml" }, body });
        const text = await response.text();
        samples.push(performance.now() - sent);
        const code = response.status === 200 ? (/<sr:ResponseCode>([^<]+)</.exec(text)?.[1] ?? "?") : `HTTP ${response.status}`;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  report(`http POST /api/v1/serviceS signed 4.1.1, ${CONCURRENCY} in flight`, samples, undefined, { requests_per_s: Math.round(N / seconds), i99: codes.get("I99") ?? 0 });
  if (codes.size > 1 || !codes.has("I99")) console.error(`duis-http: answers ${JSON.stringify(Object.fromEntries(codes))}`);
}
