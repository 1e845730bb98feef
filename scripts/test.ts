// `npm test`: type-check, lint, unit tests (PGlite, a fresh database per file) and the Playwright suite in
// Chromium against a production build. Stops at the first failing stage and says which.
import path from "node:path";
import { ensurePrismaClient, root, run } from "./tasks";

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

const stages: [string, () => Promise<void>][] = [
  ["prisma client", ensurePrismaClient],
  ["type-check", async () => {
    await run(bin("next"), ["typegen"]);
    await run(bin("tsc"), ["--noEmit"]);
  }],
  ["lint", () => run(bin("eslint"), ["--max-warnings=0", "."])],
  ["unit tests", () => run(bin("vitest"), ["run"])],
  ["end-to-end tests", () => run(bin("tsx"), [path.join(root, "scripts", "e2e.ts")])],
];

async function main() {
  const timings: string[] = [];
  for (const [name, stage] of stages) {
    console.log(`\n━━ ${name} ━━`);
    const started = Date.now();
    try {
      await stage();
    } catch (error) {
      console.error(`\n✗ npm test failed at "${name}": ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    }
    timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(`\n✓ all stages passed: ${timings.join(" · ")}`);
}

void main();
