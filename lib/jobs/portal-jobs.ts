import { deliverDueEmails } from "@/lib/notifications/sender";
import type { Job } from "./scheduler";

/** The jobs the portal server runs. Later features register theirs here. */
export const PORTAL_JOBS: Job[] = [{ name: "outbox-sender", everyMs: 5_000, run: deliverDueEmails }];
