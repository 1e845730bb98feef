// Signed DUIS requests over HTTP against a running portal (issue 11 target: >= 500 requests/s answered I99,
// signature verified and checks run, p95 <= 50 ms). Needs BENCH_BASE_URL (e.g. http://localhost:3000 after
// `npm start`) and the demo keys the seed wrote (<data dir>/keys): the DUIS reference supplier sends 4.1.1 to the
// reference ESME, BENCH_DUIS_HTTP_REQUESTS requests (default 5,000), BENCH_DUIS_HTTP_CONCURRENCY in flight (default 20).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { databaseTarget, dataFolder } from "@/lib/database-adapter";
import { freshCounter } from "@/lib/duis/requests";
import { signDuis } from "@/lib/duis/signature";
import { plainQuery, report } from "./harness";

const BASE = process.env.BENCH_BASE_URL;
const N = Number(process.env.BENCH_DUIS_HTTP_REQUESTS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_DUIS_HTTP_CONCURRENCY ?? 20);
/** Sent first, unmeasured: the portal's code and connections warm up. */
const WARMUP = 500;
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
  // Signed before the clock starts: the client's signing is not the gateway's time. autocannon, not fetch, sends
  // them: the client shares this machine's two cores with the portal, and fetch costs it several times more.
  // A few spare: autocannon may prepare a connection's next request before it stops.
  const bodies = Array.from({ length: N + WARMUP + 2 * CONCURRENCY }, request);
  const requestIds = bodies.slice(WARMUP).map((b) => /<sr:RequestID>([^<]+)</.exec(b)![1]);
  let next = 0;
  const run = (amount: number, onAnswer?: (status: number, body: string) => void) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `${BASE}/api/v1/serviceS`,
          connections: CONCURRENCY,
          amount,
          requests: [
            {
              method: "POST",
              headers: { "content-type": "application/xml" },
              setupRequest: (r) => ({ ...r, body: bodies[next++] }),
              onResponse: (status, body) => onAnswer?.(status, body),
            },
          ],
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on("response", (_client, _status, _bytes, ms) => {
        if (!onAnswer) return;
        samples.push(ms);
        lastAnswer = performance.now();
      });
    });
  const samples: number[] = [];
  // autocannon reports when its once-a-second tick sees the last answer: the rate is timed to that answer instead.
  let lastAnswer = 0;
  const codes = new Map<string, number>();
  await run(WARMUP);
  const started = performance.now();
  const result = await run(N, (status, text) => {
    const code = status === 200 ? (/<sr:ResponseCode>([^<]+)</.exec(text)?.[1] ?? "?") : `HTTP ${status}`;
    codes.set(code, (codes.get(code) ?? 0) + 1);
  });
  const seconds = (lastAnswer - started) / 1000;
  const held = await quarantined(requestIds);
  report(`http POST /api/v1/serviceS signed 4.1.1, ${CONCURRENCY} in flight`, samples, undefined, {
    requests_per_s: Math.round(N / seconds),
    i99: codes.get("I99") ?? 0,
    errors: result.errors + result.timeouts,
    ...(held === null ? {} : { quarantined: held }),
  });
  if (codes.size > 1 || !codes.has("I99")) console.error(`duis-http: answers ${JSON.stringify(Object.fromEntries(codes))}`);
  if (held) console.error(`duis-http: ${held} requests were held by TAD (the reference supplier's 4.1.1 ADT is 20,000 an hour): these figures are not of the sending path`);
}

/** How many of the requests TAD held, when DATABASE_URL names the portal's PostgreSQL (null: not known). */
async function quarantined(requestIds: string[]): Promise<number | null> {
  const target = databaseTarget();
  if (target.kind !== "postgres") return null;
  const { query, close } = await plainQuery(target);
  try {
    const [row] = (await query(`SELECT count(*)::int AS n FROM "ServiceRequest" WHERE "requestId" = ANY($1::text[]) AND status = 'QUARANTINED'`, [requestIds])) as { n: number }[];
    return row.n;
  } finally {
    await close();
  }
}
