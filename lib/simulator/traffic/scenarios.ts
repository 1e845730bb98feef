// The traffic generator's named scenarios (issue 12 item 6): what each sends, at what rate by default, how many in
// all, and what it resolves and does once when it starts (which supplier, which model; the CH recall itself).
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { removeCplModel } from "@/lib/smi/cpl";
import { signingKeyFor } from "@/lib/smki/keys";
import { optionalReference, wholeNumber } from "@/lib/validation";
import { compromisedSupplierDraw, firmwareCampaignDraw, normalDayDraw, recalledReadDraw, type Draw } from "./draws";
import { busiestSupplier, campaignMeters, largestFleet, smallestChModel } from "./targets";

/** The one supplier of the compromised-supplier scenario and of the firmware campaign. */
export interface SupplierParams {
  partyId: string;
  partyEui64: string;
  partyName: string;
}
export interface CampaignParams extends SupplierParams {
  modelId: string;
  firmwareVersion: string;
  meters: number;
}
export interface RecallParams {
  modelId: string;
  modelName: string;
}

/** Most Device IDs one 11.1 may list (DUIS). */
export const MAX_FIRMWARE_DEVICES = 50_000;

export interface Scenario {
  label: string;
  description: string;
  ratePerSecond: number;
  /** Requests in all by default; null: until stopped. */
  total: number | null;
  /** The scenario's own parameters, checked before it starts. */
  params: z.ZodType<Record<string, unknown>>;
  /** Fills in the defaults (stored with the run, so that it repeats) and does the scenario's one-off action. */
  prepare: (actor: Actor, params: Record<string, unknown>) => Promise<{ params: Record<string, unknown>; total?: number }>;
  draw: (seed: number, index: number) => Draw;
}

const noParams = z.object({}).strip();

/** A supplier the portal can send as: it exists, holds a supplier role and its keys are the portal's (demo parties). */
async function supplierParams(partyId: string | null | undefined, field: string): Promise<SupplierParams> {
  const id = partyId ?? (await busiestSupplier());
  if (!id) throw new AppError("INVALID", "No supplier is registered for a Commissioned meter: there is nobody to send as.");
  const party = await db().party.findUnique({ where: { id } });
  if (!party) throw new AppError("INVALID", "That party does not exist.", { [field]: "That party does not exist." });
  if (!party.roles.some((role) => role === "IS" || role === "GS")) {
    throw new AppError("INVALID", `${party.name} is not a supplier (Import or Gas Supplier).`, { [field]: "Choose a supplier." });
  }
  if (!(await signingKeyFor(db(), party.eui64, "XML_SIGNING")) || !(await signingKeyFor(db(), party.eui64, "DIGITAL_SIGNING"))) {
    throw new AppError("INVALID", `The portal holds no signing keys of ${party.name}: the simulator cannot send as them.`, { [field]: "Choose a party whose keys the portal holds." });
  }
  return { partyId: party.id, partyEui64: party.eui64, partyName: party.name };
}

const supplierSchema = z.object({ partyId: optionalReference() }).strip();

export const SCENARIOS = {
  "normal-day": {
    label: "Normal day",
    description:
      "Suppliers read their meters (4.1.1, 4.8.1, 4.17, 7.4, 11.2, 6.2.7), push tariffs (1.1.1), top up prepayment meters (2.2), install (8.11 then 8.1.1) and update firmware in small batches (11.1); Network Operators read meters (4.1.1).",
    ratePerSecond: 1,
    total: null,
    params: noParams,
    prepare: async () => ({ params: {} }),
    draw: normalDayDraw,
  },
  "compromised-supplier": {
    label: "Compromised supplier",
    description: "One supplier's system sends hundreds of Disable Supply commands (7.2, Critical) to its meters in ten minutes.",
    ratePerSecond: 1,
    total: 600,
    params: supplierSchema,
    prepare: async (_actor, params) => ({ params: { ...(await supplierParams(params.partyId as string | undefined, "partyId")) } }),
    draw: compromisedSupplierDraw,
  },
  "firmware-campaign": {
    label: "Firmware campaign",
    description: "A supplier sends one Update Firmware (11.1) naming up to 10,000 of its meters of one model, then activates it meter by meter (11.3, Critical).",
    ratePerSecond: 10,
    total: null,
    params: z
      .object({
        partyId: optionalReference(),
        modelId: optionalReference(),
        meters: z.preprocess((v) => (v === "" || v === null ? undefined : v), wholeNumber("The number of meters", { min: 1, max: MAX_FIRMWARE_DEVICES }).optional()),
      })
      .strip(),
    prepare: async (_actor, params) => {
      const fleet = params.modelId
        ? { partyId: (params.partyId as string | undefined) ?? (await largestFleet())?.partyId, modelId: params.modelId as string }
        : await largestFleet(params.partyId as string | undefined);
      if (!fleet?.partyId) throw new AppError("INVALID", "No supplier has Commissioned ESMEs: there is nothing to update.");
      const supplier = await supplierParams(fleet.partyId, "partyId");
      const model = await db().deviceModel.findUnique({ where: { id: fleet.modelId } });
      if (!model || model.deviceType !== "ESME") throw new AppError("INVALID", "Choose an ESME model on the CPL.", { modelId: "Choose an ESME model on the CPL." });
      const wanted = (params.meters as number | undefined) ?? 10_000;
      const meters = (await campaignMeters({ partyId: supplier.partyId, modelId: model.id }, 0, wanted)).length;
      if (!meters) throw new AppError("INVALID", `${supplier.partyName} has no Commissioned ${model.manufacturer} ${model.model} meters.`, { modelId: "The supplier has no Commissioned meters of this model." });
      const campaign: CampaignParams = { ...supplier, modelId: model.id, firmwareVersion: model.firmwareVersion.slice(0, 8), meters };
      return { params: { ...campaign }, total: meters + 1 };
    },
    draw: firmwareCampaignDraw,
  },
  "ch-model-recalled": {
    label: "CH model recalled",
    description: "The DCC removes a Communications Hub model from the CPL, which suspends its CHFs and GPFs (T16); suppliers keep sending reads to them, refused E5.",
    ratePerSecond: 2,
    total: 300,
    params: z.object({ modelId: optionalReference() }).strip(),
    prepare: async (actor, params) => {
      const modelId = (params.modelId as string | undefined) ?? (await smallestChModel());
      if (!modelId) throw new AppError("INVALID", "No Communications Hub model on the CPL has a Commissioned CHF.");
      const model = await db().deviceModel.findUnique({ where: { id: modelId } });
      if (!model || model.deviceType !== "CH") throw new AppError("INVALID", "Choose a Communications Hub model on the CPL.", { modelId: "Choose a CH model on the CPL." });
      // Already removed (a second run of the scenario): the reads go on against the devices it suspended.
      if (model.status === "CURRENT") await removeCplModel(actor, { modelId });
      const recall: RecallParams = { modelId, modelName: `${model.manufacturer} ${model.model}` };
      return { params: { ...recall } };
    },
    draw: recalledReadDraw,
  },
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];
export const isScenario = (name: string): name is ScenarioName => Object.hasOwn(SCENARIOS, name);
