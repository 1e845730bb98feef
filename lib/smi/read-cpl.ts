import { z } from "zod";
import { CplDeviceType, CplStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { db } from "@/lib/db";

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
  return models.map((m) => ({ ...m, deviceCount: byModel.get(m.id) ?? 0 }));
}

/** One CPL entry with its devices counted per SMI Status. */
export async function readCplModel(actor: Actor, id: string) {
  authorize(actor, "cpl.manage");
  const model = await db().deviceModel.findUnique({ where: { id } });
  if (!model) return null;
  const byStatus = await db().device.groupBy({ by: ["status"], where: { modelId: id }, _count: { _all: true } });
  return {
    model,
    byStatus: byStatus.map((s) => ({ status: s.status, count: s._count._all })),
    deviceCount: byStatus.reduce((n, s) => n + s._count._all, 0),
  };
}

/** CPL entries for the pre-notification form and search filter: every user may see the list (it is published). */
export async function cplModelOptions(actor: Actor) {
  authorize(actor, "smi.search");
  return db().deviceModel.findMany({
    select: { id: true, deviceType: true, manufacturer: true, model: true, hardwareVersion: true, firmwareVersion: true, status: true },
    orderBy: [{ deviceType: "asc" }, { model: "asc" }],
  });
}
