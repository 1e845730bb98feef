"use server";

// Thin server actions for the CPL pages: a DCC admin marks a Device Model removed from the CPL or current again.
import { revalidatePath } from "next/cache";
import { withActor } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/errors";
import { plural } from "@/lib/format";
import { removeCplModel, restoreCplModel } from "@/lib/smi/cpl";

export async function removeCplModelAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const modelId = String(form.get("modelId") ?? "");
  return withActor(async (actor) => {
    const { devicesChanged } = await removeCplModel(actor, { modelId });
    revalidatePath("/admin/cpl", "layout");
    return {
      ok: true,
      message: `Marked removed from the CPL. ${plural(devicesChanged, "device")} Suspended; N28 sent to their Responsible Suppliers and Network Operators.`,
    };
  });
}

export async function restoreCplModelAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const modelId = String(form.get("modelId") ?? "");
  return withActor(async (actor) => {
    const { devicesChanged } = await restoreCplModel(actor, { modelId });
    revalidatePath("/admin/cpl", "layout");
    return {
      ok: true,
      message: `Marked current on the CPL again. ${plural(devicesChanged, "device")} restored to the status held before suspension; N29 sent.`,
    };
  });
}
