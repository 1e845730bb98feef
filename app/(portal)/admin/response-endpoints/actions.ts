"use server";

// Thin server action for the DCC admin's decision on a Receive Response URL.
import { revalidatePath } from "next/cache";
import { withActor } from "@/lib/auth/session";
import { decideResponseEndpoint } from "@/lib/duis/endpoints";
import type { ActionResult } from "@/lib/errors";

export async function decideResponseEndpointAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return withActor(async (actor) => {
    const endpoint = await decideResponseEndpoint(actor, { id: String(form.get("id") ?? ""), decision: String(form.get("decision") ?? "") as "APPROVE" | "REJECT" });
    revalidatePath("/admin/response-endpoints");
    revalidatePath("/integration");
    return { ok: true, message: `${endpoint.url} ${endpoint.status === "APPROVED" ? "approved" : "rejected"}.` };
  });
}
