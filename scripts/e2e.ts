// `npm run test:e2e`: Debian's Chromium (installed when missing and running as root), the production build, then
// the Playwright suite (playwright.config.ts). Extra arguments go to `playwright test`, e.g.
// `npm run test:e2e -- e2e/admin` or `-- --grep lock`. Exits with Playwright's exit code.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureBuild, ensurePrismaClient, root, run, step } from "./tasks";

const CHROMIUM = "/usr/bin/chromium";

async function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    console.error("Install Debian's chromium: sudo apt-get install -y chromium");
    process.exit(1);
  }
  step("Installing Debian's chromium (about a minute)");
  await run("sh", ["-c", "apt-get update && apt-get install -y chromium"], { DEBIAN_FRONTEND: "noninteractive" });
}

/** `playwright test` with the given arguments; resolves to its exit code. */
function playwrightTest(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "playwright"), ["test", ...args], {
      cwd: root,
      stdio: "inherit",
      // Belt and braces: the config launches Debian's Chromium by path, so no browser is ever fetched.
      env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
    });
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  await ensureChromium();
  await ensurePrismaClient();
  await ensureBuild();
  step(`Running the end-to-end suite in ${CHROMIUM}`);
  process.exit(await playwrightTest(process.argv.slice(2)));
}

main().catch((error) => {
  console.error(`\nnpm run test:e2e failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
