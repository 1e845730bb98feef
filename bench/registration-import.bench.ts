// A 60,000-line Registration Data import while the portal keeps serving: how long a small read (a party lookup) and
// a small write (an interactive transaction, as an incident note is) take while the import runs. Target: under 1 s.
// Each probe is timed from when it was due, not from when it started: on the embedded database a statement runs on
// the server's own thread, so a request also waits for the thread before it can even be read. Two users, one
// reading and one writing, each sending a request, reading the answer and pausing briefly.
import { loadActor } from "@/lib/auth/actor";
import { mpanCheckDigit } from "@/lib/identifiers";
import { importRegistrationFile } from "@/lib/registration/import-registration-file";
import { REGISTRATION_COLUMNS } from "@/lib/registration/schemas";
import { DEFAULT_SEED, seedDemoData } from "@/prisma/seed";
import { freshDatabase, report } from "./harness";

const LINES = Number(process.env.BENCH_REGISTRATION_LINES ?? 60_000);
/** A user's pause between requests: each kind of probe waits this long after its last answer before the next. */
const THINK_MS = 100;

function registrationFile(supplier: string, operator: string): string {
  const lines = Array.from({ length: LINES }, (_, i) => {
    const body = String(1_900_000_000_00 + i).padStart(12, "0");
    return `${body}${mpanCheckDigit(body)},2026-06-01,${supplier},${operator},,${i + 1} Bench Road,Coventry,CV4 8DE,`;
  });
  return [REGISTRATION_COLUMNS.join(","), ...lines].join("\n") + "\n";
}

export default async function registrationImportBench() {
  const { db, close } = await freshDatabase();
  try {
    await seedDemoData(db, { seed: DEFAULT_SEED, devices: 0, incidents: 0 });
    const admin = (await loadActor((await db.account.findUniqueOrThrow({ where: { email: "admin@dcc.demo" } })).id))!;
    const party = (name: string) => db.party.findFirstOrThrow({ where: { name }, select: { id: true, eui64: true } });
    const [supplier, operator] = await Promise.all([party("Brightwater Energy"), party("Northern Grid Distribution")]);
    const content = registrationFile(supplier.eui64, operator.eui64);

    for (const fileType of ["REFRESH", "UPDATE"] as const) {
      const reads: number[] = [];
      const writes: number[] = [];
      let running = true;
      const user = async (samples: number[], call: () => Promise<unknown>) => {
        while (running) {
          const due = performance.now() + THINK_MS;
          await new Promise((resolve) => setTimeout(resolve, THINK_MS));
          await call();
          samples.push(performance.now() - due);
        }
      };
      const started = performance.now();
      const importing = importRegistrationFile(admin, { fileName: `bench-${fileType}.csv`, fileType, content });
      const users = Promise.all([
        user(reads, () => db.party.findUnique({ where: { id: supplier.id } })),
        user(writes, () =>
          db.$transaction((tx) =>
            tx.auditEvent.create({ data: { at: new Date(), action: "bench.probe", entityType: "Party", entityId: supplier.id, partyId: supplier.id } }),
          ),
        ),
      ]);
      const result = await importing.finally(() => (running = false));
      const importMs = Math.round(performance.now() - started);
      await users;
      if (result.import.status !== "APPLIED") throw new Error(`the bench file was rejected: ${JSON.stringify(result.import.lineErrors).slice(0, 300)}`);
      const extra = (samples: number[]) => ({ max_ms: Math.round(Math.max(...samples)), import_ms: importMs });
      report(`registration ${fileType} ${LINES} lines: small read during the import`, reads, undefined, extra(reads));
      report(`registration ${fileType} ${LINES} lines: small write transaction during the import`, writes, undefined, extra(writes));
    }
  } finally {
    await close();
  }
}
