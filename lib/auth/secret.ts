import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataFolder } from "@/lib/database-adapter";

/**
 * NEXTAUTH_SECRET when set; otherwise a secret generated once and kept in the data folder, so sessions survive
 * restarts without any setup.
 */
export function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataFolder(), "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process wrote it first (parallel test files, worker start-up): theirs is the secret.
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
      throw error;
    }
    return secret;
  }
}
