import fs from "node:fs";
import path from "node:path";

/** The committed migration SQL, in order: tests build their databases from exactly what production applies. */
export function migrationScripts(): string[] {
  const dir = path.resolve(__dirname, "../../prisma/migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
}
