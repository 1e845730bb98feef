// `npm start`: everything a fresh checkout needs, then the production server. No environment variables needed.
//   - generates the Prisma client and builds when needed
//   - applies migrations and seeds an empty database (embedded PGlite in .data/ unless DATABASE_URL is set)
//   - keeps its own auth secret in the data folder unless NEXTAUTH_SECRET is set
// `--dev` runs `next dev` instead of the production build.
import { spawn } from "node:child_process";
import path from "node:path";
import { authSecret } from "@/lib/auth/secret";
import { describeTarget } from "@/lib/database-adapter";
import { DEMO_PARTIES, demoAccountsFor, DEMO_PASSWORD } from "@/prisma/seed/parties";
import { claimEmbeddedDatabase, ensureBuild, ensurePrismaClient, migrate, root, seedIfEmpty, step } from "./tasks";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const url = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;

/** One login per persona for the banner; the README lists them all. */
const BANNER_LOGINS = ["admin@dcc.demo", "servicedesk@dcc.demo", "user@brightwater.demo", "sro@brightwater.demo", "orders@brightwater.demo", "user@northerngrid.demo"];

function printBanner() {
  const logins = DEMO_PARTIES.flatMap((party) =>
    demoAccountsFor(party)
      .map((a) => ({ email: `${a.local}@${party.domain}`, permissions: a.permissions.join(", "), party: party.name }))
      .filter((a) => BANNER_LOGINS.includes(a.email)),
  ).map((a) => `    ${a.email.padEnd(26)} ${a.permissions.padEnd(14)} ${a.party}`);
  console.log(
    [
      "",
      `  SSI portal ready at ${url}   (${describeTarget()})`,
      "",
      `  Demo logins (password for all: ${DEMO_PASSWORD}):`,
      ...logins,
      "    ...every demo party has user@, aro@, sro@ (suppliers also orders@, deliveries@): see README.md",
      "",
    ].join("\n"),
  );
}

async function waitUntilServing(deadline = Date.now() + 60_000) {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/login`);
      if (res.ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Everything `npm start` does; scripts/e2e-server.ts reuses it against its own data folder and port. */
export async function startPortal() {
  claimEmbeddedDatabase();
  const env = { NEXTAUTH_SECRET: authSecret(), NEXTAUTH_URL: url, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) };
  await ensurePrismaClient();
  await migrate();
  await seedIfEmpty();
  if (!dev) await ensureBuild();

  step(`Starting ${dev ? "next dev" : "next start"} on port ${port}`);
  const server = spawn(path.join(root, "node_modules", ".bin", "next"), [dev ? "dev" : "start", "-p", String(port)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
  if (await waitUntilServing()) printBanner();
}

if (require.main === module) {
  startPortal().catch((error) => {
    console.error(`\nnpm start failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
