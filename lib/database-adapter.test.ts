import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openAdapter } from "./database-adapter";

describe("opening an embedded database folder that cannot be used", () => {
  let parent: string;
  let pristine: string;

  /** A working database folder, created once (initdb takes seconds) and copied into each test. */
  beforeAll(async () => {
    pristine = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ssi-pristine-")), "pglite");
    await (await PGlite.create(pristine)).close();
  });

  afterAll(() => fs.rmSync(path.dirname(pristine), { recursive: true, force: true }));

  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), "ssi-data-"));
  });

  afterEach(() => {
    fs.chmodSync(parent, 0o700);
    for (const entry of fs.readdirSync(parent)) fs.chmodSync(path.join(parent, entry), 0o700);
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it("says the data folder cannot be written when a file stands where it should be", () => {
    const dataDir = path.join(parent, "pglite");
    fs.writeFileSync(dataDir, "not a folder");
    expect(() => openAdapter({ kind: "pglite", dataDir })).toThrow(
      `The data folder ${dataDir} cannot be written (EEXIST). The portal keeps its embedded database there`,
    );
  });

  it("says what is wrong with a read-only data folder and what to do", async () => {
    const dataDir = path.join(parent, "pglite");
    fs.cpSync(pristine, dataDir, { recursive: true });
    fs.chmodSync(dataDir, 0o500);
    // Not root: the folder is refused before PGlite opens it. Root may write anyway, but PostgreSQL refuses a data
    // folder whose permissions are not 0700 or 0750: both messages name the folder and the way out.
    const message = await (async () => openAdapter({ kind: "pglite", dataDir }).ready())().then(
      () => "opened",
      (error: Error) => error.message,
    );
    if (process.getuid?.() === 0) expect(message).toMatch(/^The embedded database in .* could not be opened .*permissions 0700/);
    else expect(message).toMatch(/^The data folder .* cannot be written \(EACCES\)/);
    expect(message).toContain(dataDir);
  });

  it("says a damaged database folder could not be opened and how to start afresh", async () => {
    const dataDir = path.join(parent, "pglite");
    fs.cpSync(pristine, dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, "PG_VERSION"), "garbage\n");
    const opened = openAdapter({ kind: "pglite", dataDir });
    await expect(opened.ready()).rejects.toThrow(
      `The embedded database in ${dataDir} could not be opened (RuntimeError: unreachable): its files are damaged`,
    );
    await expect(opened.ready()).rejects.toThrow(`move it aside (mv ${dataDir} ${dataDir}.damaged) and start again to create a fresh demo database`);
  });
});
