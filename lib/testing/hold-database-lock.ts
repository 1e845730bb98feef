// Run as a process of its own by the lock tests: lock the folder named by argv[2] and hold it until killed.
import { lockDatabaseFolder } from "@/lib/database-lock";

try {
  lockDatabaseFolder(process.argv[2]);
  console.log("locked");
  setInterval(() => undefined, 60_000);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
