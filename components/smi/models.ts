// CPL model helpers shared by server pages and client forms (plain module: no "use client").
import type { CplDeviceType, CplStatus, DeviceType } from "@/generated/prisma/enums";

export interface ModelOption {
  id: string;
  deviceType: CplDeviceType;
  manufacturer: string;
  model: string;
  hardwareVersion: string;
  firmwareVersion: string;
  status: CplStatus;
}

/** The CPL list a device type's model comes from (a CH model covers its CHF and GPF). */
export const CPL_TYPE_FOR: Record<DeviceType, CplDeviceType | null> = {
  ESME: "ESME",
  GSME: "GSME",
  PPMID: "PPMID",
  HCALCS: "HCALCS",
  CHF: "CH",
  GPF: "CH",
  IHD: null,
  CAD: null,
};

export const modelLabel = (m: Pick<ModelOption, "manufacturer" | "model" | "hardwareVersion" | "firmwareVersion">) =>
  `${m.manufacturer} ${m.model} (hardware ${m.hardwareVersion}, firmware ${m.firmwareVersion})`;

