import { addMonths, differenceInCalendarDays } from "date-fns";
import { z } from "zod";
import { CplDeviceType, CplStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";

/** The Panel's last warning comes 6 months before a CPA Certificate expires (inventory.md §3.4): from then it is near. */
export const CPA_EXPIRY_WARNING_MONTHS = 6;

export type CpaExpiry = { state: "expired" | "near"; days: number } | null;

/** Whether a model's CPA Certificate has expired or expires within the warning period, with the days past or left. */
export function cpaExpiry(expiresOn: Date | null, at: Date = now()): CpaExpiry {
  if (!expiresOn) return null;
  const days = differenceInCalendarDays(expiresOn, at);
  if (days < 0) return { state: "expired", days: -days };
  return expiresOn <= addMonths(at, CPA_EXPIRY_WARNING_MONTHS) ? { state: "near", days } : null;
}

const filters = z.object({
  type: z.enum(CplDeviceType).optional().catch(undefined),
  status: z.enum(CplStatus).optional().catch(undefined),
});

/** CPL entries with their device counts (DCC admin). */
export async function listCplModels(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, "cpl.manage");
  const params = filters.parse(input);
  const [models, counts] = await Promise.all([
    db().deviceModel.findMany({
      where: { ...(params.type ? { deviceType: params.type } : {}), ...(params.status ? { status: params.status } : {}) },
      orderBy: [{ deviceType: "asc" }, { manufacturer: "asc" }, { model: "asc" }],
    }),
    db().device.groupBy({ by: ["modelId"], _count: { _all: true } }),
  ]);
  const byModel = new Map(counts.map((c) => [c.modelId, c._count._all]));
  const at = now();
  return models.map((m) => ({ ...m, deviceCount: byModel.get(m.id) ?? 0, cpaExpiry: cpaExpiry(m.cpaExpiresOn, at) }));
}

/** One CPL entry with its devices counted per SMI Status. */
export async function readCplModel(actor: Actor, id: string) {
  authorize(actor, "cpl.manage");
  const model = await db().deviceModel.findUnique({ where: { id } });
  if (!model) return null;
  const byStatus = await db().device.groupBy({ by: ["status"], where: { modelId: id }, _count: { _all: true } });
  return {
    model,
    cpaExpiry: cpaExpiry(model.cpaExpiresOn),
    byStatus: byStatus.map((s) => ({ status: s.status, count: s._count._all })),
    deviceCount: byStatus.reduce((n, s) => n + s._count._all, 0),
  };
}

/** CPL entries for the pre-notification form and search filter: every user may see the list (it is published). */
export async function cplModelOptions(actor: Actor) {
  authorize(actor, "smi.search");
  // Raw: the SMI search page reads it on every request, and a model query costs more to compile than to run. Ordered
  // by the enum (its declared order), as the model query was, not by its text.
  return db().$queryRaw<{ id: string; deviceType: CplDeviceType; manufacturer: string; model: string; hardwareVersion: string; firmwareVersion: string; status: CplStatus }[]>`
    SELECT m.id, m."deviceType"::text AS "deviceType", m.manufacturer, m.model, m."hardwareVersion", m."firmwareVersion", m.status::text AS status
    FROM "DeviceModel" m ORDER BY m."deviceType", m.model`;
}
