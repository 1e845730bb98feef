// Each test file gets a database of its own: a copy of the migrated PGlite dump, or on PostgreSQL a database
// created from the migrated template database named by DATABASE_URL. No mocks: real Postgres either way.
import crypto from "node:crypto";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { resetClock } from "@/lib/clock";
import { databaseTarget, openAdapter } from "@/lib/database-adapter";
import { setDatabase, type DatabaseConnection } from "@/lib/db";

let client: PrismaClient | undefined;
let connection: DatabaseConnection | undefined;
let cleanup: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const target = databaseTarget();
  if (target.kind === "postgres") {
    const template = new URL(target.url);
    const templateName = template.pathname.slice(1);
    const name = `${templateName}_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: Object.assign(new URL(template), { pathname: "/postgres" }).toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
    await admin.end();
    const url = Object.assign(new URL(template), { pathname: `/${name}` }).toString();
    connection = { target: { kind: "postgres", url } };
    client = new PrismaClient({ adapter: openAdapter(connection.target).adapter });
    cleanup = async () => {
      await client?.$disconnect();
      const dropper = new pg.Client({ connectionString: Object.assign(new URL(template), { pathname: "/postgres" }).toString() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    };
  } else {
    const dump = inject("pgliteDump");
    if (!dump) throw new Error("global setup did not provide the migrated PGlite dump");
    const pglite = new PGlite({ loadDataDir: new Blob([fs.readFileSync(dump)]) });
    connection = { target: { kind: "pglite", dataDir: null }, pglite };
    client = new PrismaClient({ adapter: openAdapter(connection.target, { pglite }).adapter });
    cleanup = async () => {
      await client?.$disconnect();
      await pglite.close();
    };
  }
  setDatabase(client, connection);
});

afterAll(async () => {
  resetClock();
  await cleanup?.();
});
