// End-to-end suite: Debian's Chromium (/usr/bin/chromium) against the production build on port 3100, over a fresh
// embedded database in .data/e2e (wiped by scripts/e2e-server.ts at every start). Run it with `npm run test:e2e`
// (scripts/e2e.ts), which installs Chromium when missing and builds first. Playwright never downloads a browser:
// the one project launches the system Chromium by path.
import { defineConfig } from "@playwright/test";

// E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  // PGlite is single-process: one server, one worker, the tests one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: "list",
  // Several tests drive two browsers (admin and account holder) through a dozen page loads and argon2 sign-ins.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  use: {
    baseURL: BASE_URL,
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // Wipe .data/e2e, then scripts/start.ts: migrate, seed the empty database, build if stale, `next start`.
    command: "node_modules/.bin/tsx scripts/e2e-server.ts",
    url: `${BASE_URL}/login`,
    reuseExistingServer: false,
    // Migrate, the full demo seed (about 20,000 devices, 3,000 incidents and their six months of history) and start:
    // a minute or two on a busy machine (the build is made beforehand).
    timeout: 300_000,
    stdout: "ignore", // request log and demo banner; errors on stderr still show
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      PORT: String(PORT),
      SSI_DATA_DIR: ".data/e2e",
      NEXTAUTH_URL: BASE_URL,
      NEXTAUTH_SECRET: "e2e-only-fixed-secret-never-used-in-production",
      NEXT_TELEMETRY_DISABLED: "1",
      // Every spec signs in from this one address: the limit per address would stop the suite, not an attacker.
      SIGNIN_MAX_FAILURES_PER_ADDRESS: "100000",
    },
  },
});
