import path from "node:path";
import { defineConfig } from "prisma/config";
import { openAdapter } from "./lib/database-adapter";

// Prisma 6.19 runs its schema engine as WASM through the same driver adapter the app uses: nothing is downloaded.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => {
    const opened = openAdapter(undefined, { forCli: true });
    await opened.ready();
    return opened.adapter;
  },
});
