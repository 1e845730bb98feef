// `npm run bench [-- filter]`: run every bench/*.bench.ts (or those whose name contains the filter) in turn.
import fs from "node:fs";
import path from "node:path";

async function main() {
  const filter = process.argv[2];
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter)))
    .sort();
  for (const file of files) {
    console.error(`# ${file}`);
    const mod = (await import(path.join(__dirname, file))) as { default: () => Promise<void> };
    await mod.default();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
