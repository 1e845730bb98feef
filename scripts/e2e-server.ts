// Playwright's web server (playwright.config.ts sets PORT, SSI_DATA_DIR, NEXTAUTH_URL, NEXTAUTH_SECRET): wipe the
// e2e data folder so every run starts from a fresh embedded database, then do exactly what `npm start` does
// (scripts/start.ts: generate, migrate, seed the empty database, build if stale, `next start`).
import fs from "node:fs";
import path from "node:path";
import { root } from "./tasks";

function fail(message: string): never {
  console.error(`e2e server: ${message}`);
  process.exit(1);
}

if (!process.env.PORT || !process.env.SSI_DATA_DIR) fail("PORT and SSI_DATA_DIR must be set (playwright.config.ts sets them)");

const dataDir = path.resolve(root, process.env.SSI_DATA_DIR);
// Only ever wipe a folder of its own inside .data/, never .data/ itself: `npm start`'s database lives there.
if (path.dirname(dataDir) !== path.join(root, ".data")) fail(`SSI_DATA_DIR must be a folder directly inside .data/ (got ${dataDir})`);
fs.rmSync(dataDir, { recursive: true, force: true });

process.env.SSI_DATA_DIR = dataDir;
delete process.env.DATABASE_URL; // always the embedded database in that folder, whatever the shell has set
// No background traffic unless a test run asks for it: the specs count what they send themselves.
process.env.SIM_DEMO_RATE ??= "0";

// Imported after the environment is settled: start.ts reads PORT and NEXTAUTH_URL when it loads.
import("./start")
  .then(({ startPortal }) => startPortal())
  .catch((error) => fail(error instanceof Error ? error.message : String(error)));
