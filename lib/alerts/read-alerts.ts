import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { partyScope } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { pageWindow, toPage } from "@/lib/lists";
import { parseEui64 } from "@/lib/identifiers";
import { optionalText, pageNumber } from "@/lib/validation";
import { DCC_ALERT_NAMES } from "./dcc-alerts";

const filters = z.object({
  code: z.enum(Object.keys(DCC_ALERT_NAMES) as [keyof typeof DCC_ALERT_NAMES]).optional().catch(undefined),
  deviceId: optionalText("The Device ID", 100).catch(undefined),
  page: pageNumber(),
});

/** The DCC Alerts addressed to the actor's party (DCC admins: every party's), newest first. */
export async function listDccAlerts(actor: Actor, input: Record<string, unknown>) {
  const params = filters.parse(input);
  const deviceId = params.deviceId ? parseEui64(params.deviceId) : undefined;
  const where = {
    ...partyScope(actor, "alerts.view"),
    ...(params.code ? { code: params.code } : {}),
    ...(params.deviceId ? { deviceId: deviceId ?? "-" } : {}),
  };
  const [data, count] = await Promise.all([
    db().dccAlert.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageWindow(params.page), include: { party: { select: { name: true } } } }),
    db().dccAlert.count({ where }),
  ]);
  return toPage(data, count, params.page);
}
