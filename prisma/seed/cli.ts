// `npm run seed` seeds demo data into the configured database when it is empty (`--seed N` changes the random seed).
import { parseArgs } from "node:util";
import { PrismaClient } from "@/generated/prisma/client";
import { describeTarget, openAdapter } from "@/lib/database-adapter";
import { DEFAULT_SEED, isDatabaseEmpty, seedDemoData } from "./index";

const { values } = parseArgs({
  options: { seed: { type: "string" } },
  allowPositionals: false,
});

async function main() {
  const opened = openAdapter();
  const db = new PrismaClient({ adapter: opened.adapter });
  try {
  if (!(await isDatabaseEmpty(db))) {
    console.log(`${describeTarget()} already holds data; nothing seeded.`);
  } else {
    await seedDemoData(db, { seed: values.seed ? Number(values.seed) : DEFAULT_SEED, log: console.log });
  }
  } finally {
    await db.$disconnect();
    await opened.pglite?.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
