// Smart Metering Inventory demo data (issue 3; spec/inventory.md §1-§2): the CPL, premises with a Communications
// Hub, meters and HAN devices, meter points with Registration Data, Associations and SMI Status histories.
// Generated rows go in bulk (multi-row INSERT ... SELECT FROM unnest(...), one statement per batch), so a million
// devices take minutes on PostgreSQL, not hours. The same seed always builds the same inventory; timestamps count
// back from the start of the current (clock) day, so pending devices stay inside their 12 months.
import type { PrismaClient } from "@/generated/prisma/client";
import type { CplDeviceType, CplStatus, CspRegion, DeviceType, EsmeVariant, MpxnRole, SmiStatus } from "@/generated/prisma/enums";
import { now } from "@/lib/clock";
import { mpanCheckDigit, mprnCheckDigit } from "@/lib/identifiers";
import { REGIONS } from "@/lib/orders/catalog";
import { seededFaker } from "./random";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

const withMpanCheck = (first12: string) => `${first12}${mpanCheckDigit(first12)}`;
const withMprnCheck = (body: string) => `${body}${mprnCheckDigit(body)}`;

// ─── Certified Products List ─────────────────────────────────────────────────────────────────────────────────────

export interface CplEntry {
  /** `cpl_<type>_NN`: the `model` field of the DeviceModel row (its id is `dm_<model>`). */
  model: string;
  deviceType: CplDeviceType;
  manufacturer: string;
  hardwareVersion: string;
  firmwareVersion: string;
  technicalSpecVersion: string;
  gbcsVersion: string;
  zigbeeCertificateId: string;
  dlmsCertificateId?: string;
  cpaCertificateId?: string;
  cpaExpiresOn?: string;
  /** Instead of a fixed date: the CPA Certificate expires this many days after the seed day (negative: expired). */
  cpaExpiresInDays?: number;
  status: CplStatus;
  /** CH only: the WAN technology of the hub, and the CSP regions it is installed in. */
  wanTechnology?: string;
  regions?: CspRegion[];
  /** ESME only: the variant the model is built as. */
  variant?: EsmeVariant;
  /** Relative share among the generated devices of its kind; 0: never used by generated devices. */
  weight: number;
}

const NORTH_ONLY: CspRegion[] = ["NORTH"];
const CENTRAL_SOUTH: CspRegion[] = ["CENTRAL", "SOUTH"];

function cpl(
  model: string,
  deviceType: CplDeviceType,
  manufacturer: string,
  hardwareVersion: string,
  firmwareVersion: string,
  extra: Partial<CplEntry> & { weight: number },
  index: number,
): CplEntry {
  const spec = deviceType === "CH" ? "CHTS v1.3" : index % 3 === 0 ? "SMETS2 v5.0" : "SMETS2 v4.2";
  const needsCpa = deviceType !== "PPMID";
  return {
    model,
    deviceType,
    manufacturer,
    hardwareVersion,
    firmwareVersion,
    technicalSpecVersion: spec,
    gbcsVersion: index % 4 === 3 ? "v3.2" : "v4.0",
    zigbeeCertificateId: `ZIG-SE-${String(21_400 + index * 37)}`,
    dlmsCertificateId: deviceType === "ESME" ? `DLMS-${String(5_200 + index * 11)}` : undefined,
    cpaCertificateId: needsCpa ? `CPA-${String(1_800 + index * 23)}` : undefined,
    cpaExpiresOn: needsCpa ? `${2027 + (index % 5)}-${String(1 + ((index * 5) % 12)).padStart(2, "0")}-28` : undefined,
    status: "CURRENT",
    ...extra,
  };
}

type CplRow = [string, CplDeviceType, string, string, string, Partial<CplEntry> & { weight: number }];

/** The 30 Device Models on the demo CPL. */
export const CPL_MODELS: CplEntry[] = (
  [
  ["cpl_ch_01", "CH", "Wrenfield Communications", "WCH-N1 rev B", "2.4.1", { wanTechnology: "Long Range Radio", regions: NORTH_ONLY, weight: 5 }],
  ["cpl_ch_02", "CH", "Wrenfield Communications", "WCH-N2 rev A", "3.0.2", { wanTechnology: "Long Range Radio", regions: NORTH_ONLY, weight: 3 }],
  ["cpl_ch_03", "CH", "Tamarisk Hub Systems", "THS-C200", "1.8.0", { wanTechnology: "Cellular", regions: CENTRAL_SOUTH, weight: 5 }],
  ["cpl_ch_04", "CH", "Tamarisk Hub Systems", "THS-C300 Dual Band", "2.1.3", { wanTechnology: "Cellular Dual Band (2.4 GHz + Sub-GHz)", regions: CENTRAL_SOUTH, weight: 3.5 }],
  ["cpl_ch_05", "CH", "Orrell Telemetry", "OT-MESH 4", "4.2.0", { wanTechnology: "Cellular with Mesh (SIMCH)", regions: CENTRAL_SOUTH, cpaExpiresInDays: 160, weight: 1.5 }],
  ["cpl_ch_06", "CH", "Wrenfield Communications", "WCH-N3 Dual Band", "1.0.7", { wanTechnology: "Long Range Radio Dual Band (2.4 GHz + Sub-GHz)", regions: NORTH_ONLY, weight: 2 }],
  ["cpl_esme_01", "ESME", "Ashbury Meters", "AM-E100", "5.1.2", { variant: "SINGLE_ELEMENT", weight: 6 }],
  ["cpl_esme_02", "ESME", "Ashbury Meters", "AM-E110", "5.3.0", { variant: "SINGLE_ELEMENT", weight: 4 }],
  ["cpl_esme_03", "ESME", "Kelvin Metering", "KM-1PH-2", "2.0.9", { variant: "SINGLE_ELEMENT", weight: 5 }],
  ["cpl_esme_04", "ESME", "Kelvin Metering", "KM-TWIN-1", "1.4.4", { variant: "TWIN_ELEMENT", weight: 3 }],
  ["cpl_esme_05", "ESME", "Holloway Instruments", "HI-S5", "7.0.1", { variant: "SINGLE_ELEMENT", status: "REMOVED", cpaExpiresInDays: -60, weight: 0 }],
  ["cpl_esme_06", "ESME", "Holloway Instruments", "HI-P3 Polyphase", "7.2.0", { variant: "POLYPHASE", cpaExpiresInDays: -12, weight: 1 }],
  ["cpl_esme_07", "ESME", "Kelvin Metering", "KM-1PH-3", "3.1.0", { variant: "SINGLE_ELEMENT", weight: 0 }],
  ["cpl_esme_08", "ESME", "Ashbury Meters", "AM-E200", "6.0.4", { variant: "SINGLE_ELEMENT", weight: 3 }],
  ["cpl_esme_09", "ESME", "Severn Smart Devices", "SSD-E1", "1.9.3", { variant: "SINGLE_ELEMENT", weight: 3 }],
  ["cpl_esme_10", "ESME", "Severn Smart Devices", "SSD-E1T", "1.9.3", { variant: "TWIN_ELEMENT", weight: 1 }],
  ["cpl_gsme_01", "GSME", "Ashbury Meters", "AM-G100", "4.0.6", { weight: 5 }],
  ["cpl_gsme_02", "GSME", "Ashbury Meters", "AM-G120", "4.2.1", { weight: 3 }],
  ["cpl_gsme_03", "GSME", "Kelvin Metering", "KM-GAS-U6", "2.2.0", { cpaExpiresInDays: 75, weight: 4 }],
  ["cpl_gsme_04", "GSME", "Kelvin Metering", "KM-GAS-U6B", "2.3.5", { weight: 2 }],
  ["cpl_gsme_05", "GSME", "Pennant Gas Instruments", "PGI-U6 Ultrasonic", "8.1.0", { weight: 3 }],
  ["cpl_gsme_06", "GSME", "Pennant Gas Instruments", "PGI-U6 Ultrasonic", "8.2.2", { weight: 2 }],
  ["cpl_gsme_07", "GSME", "Pennant Gas Instruments", "PGI-U16", "1.0.3", { weight: 1 }],
  ["cpl_gsme_08", "GSME", "Severn Smart Devices", "SSD-G1", "1.1.8", { weight: 2 }],
  ["cpl_gsme_09", "GSME", "Severn Smart Devices", "SSD-G2", "0.9.1", { status: "REMOVED", weight: 0 }],
  ["cpl_ppmid_01", "PPMID", "Glowline Displays", "GD-PP5", "3.4.0", { weight: 3 }],
  ["cpl_ppmid_02", "PPMID", "Glowline Displays", "GD-PP7", "1.2.2", { weight: 2 }],
  ["cpl_ppmid_03", "PPMID", "Kelvin Metering", "KM-PPMID-1", "2.0.0", { weight: 1 }],
  ["cpl_hcalcs_01", "HCALCS", "Loadstar Controls", "LC-ALCS-32", "1.6.1", { weight: 2 }],
  ["cpl_hcalcs_02", "HCALCS", "Loadstar Controls", "LC-ALCS-63", "2.0.3", { weight: 1 }],
  ] satisfies CplRow[]
).map(([model, type, manufacturer, hw, fw, extra], index) => cpl(model, type, manufacturer, hw, fw, extra, index));

const CPL_BY_MODEL = new Map(CPL_MODELS.map((m) => [m.model, m]));
const modelRowId = (model: string) => `dm_${model}`;

/** Type 2 devices have no CPL entry; the seed still records who made them. */
const TYPE2_MAKES = {
  IHD: [
    { manufacturer: "Glowline Displays", firmwareVersion: "3.1.0" },
    { manufacturer: "Glowline Displays", firmwareVersion: "4.0.2" },
    { manufacturer: "Hearthside Electronics", firmwareVersion: "2.7.5" },
  ],
  CAD: [{ manufacturer: "Hearthside Electronics", firmwareVersion: "1.3.0" }],
};

// ─── Fixed demo records (README and e2e tests rely on these) ──────────────────────────────────────────────────────

const CENTRAL_NETWORKS = "Central Networks Distribution";

export const DEMO_INVENTORY = {
  /** Brightwater Energy dual-fuel premises: all Commissioned, GSME joined to GPF, IHD joined to ESME. */
  dualFuel: {
    supplier: "Brightwater Energy",
    supplierAccount: "user@brightwater.demo",
    addressLine: "14 Larkspur Road",
    town: "Ashbury",
    postcode: "CV4 8DE",
    uprn: "100071234567",
    mpan: withMpanCheck("140012345678"),
    mprn: withMprnCheck("712345678"),
    esme: "0A1C4DDE00000101",
    gsme: "0A1C4DDE00000102",
    chf: "0A6E95DE00000101",
    gpf: "0A6E95DE00000102",
    ihd: "0A92C8DE00000101",
    esmeModel: "cpl_esme_01",
    gsmeModel: "cpl_gsme_01",
    chModel: "cpl_ch_03",
    cspRegion: "CENTRAL",
    distributor: CENTRAL_NETWORKS,
    transporter: "Pennine Gas Networks",
    agent: "Metercraft Services",
  },
  /** Northgate Power electricity-only premises: ESME and CH (CHF + GPF), Commissioned, no agent. */
  electricityOnly: {
    supplier: "Northgate Power",
    supplierAccount: "user@northgate.demo",
    addressLine: "3 Mill Lane",
    town: "Ashbury",
    postcode: "CV4 8DF",
    uprn: "100071234581",
    mpan: withMpanCheck("160023456781"),
    esme: "0A2E51DE00000201",
    chf: "0A5D84DE00000201",
    gpf: "0A5D84DE00000202",
    esmeModel: "cpl_esme_03",
    chModel: "cpl_ch_04",
    cspRegion: "CENTRAL",
    distributor: CENTRAL_NETWORKS,
  },
  /** A Pending ESME pre-notified 20 days ago by user@brightwater.demo (only they may edit or delete it). */
  pendingEsme: {
    id: "0A1C4DDE00000301",
    model: "cpl_esme_02",
    supplier: "Brightwater Energy",
    preNotifiedBy: "user@brightwater.demo",
    addressLine: "16 Larkspur Road",
    town: "Ashbury",
    postcode: "CV4 8DE",
    uprn: "100071234568",
    mpan: withMpanCheck("140012345679"),
    distributor: CENTRAL_NETWORKS,
  },
  /**
   * cpl_esme_07 is CURRENT and used by exactly these five Commissioned ESMEs (Brightwater premises in CV4 9DE, each
   * with its own MPAN and CH): a DCC admin removing the model suspends exactly 5 devices.
   */
  removableModel: {
    model: "cpl_esme_07",
    manufacturer: "Kelvin Metering",
    supplier: "Brightwater Energy",
    postcode: "CV4 9DE",
    town: "Ashbury",
    distributor: CENTRAL_NETWORKS,
    chModel: "cpl_ch_03",
    premises: [1, 2, 3, 4, 5].map((n) => ({
      addressLine: `${2 * n - 1} Foundry Close`,
      uprn: `10007123460${n}`,
      mpan: withMpanCheck(`14003456780${n}`),
      esme: `0A4B73DE00000${n + 3}01`,
      chf: `0A5D84DE00000${n + 3}01`,
      gpf: `0A5D84DE00000${n + 3}02`,
    })),
  },
  /** REMOVED from the CPL: every device of this model is SUSPENDED (history T16 "CPL: model removed"). */
  removedModel: { model: "cpl_esme_05", manufacturer: "Holloway Instruments", transition: "T16", cause: "CPL: model removed" },
  /** REMOVED with no devices: pre-notifying a device of this model is refused. */
  removedModelWithoutDevices: { model: "cpl_gsme_09", manufacturer: "Severn Smart Devices" },
};

// ─── Premises plans ───────────────────────────────────────────────────────────────────────────────────────────────

export type PremisesCategory = "COMMISSIONED" | "INC" | "PENDING" | "DECOMMISSIONED" | "WHITELISTED";

export interface MeterPlan {
  id: string;
  model: string;
  variant?: EsmeVariant;
  mpxns: { mpxn: string; role: MpxnRole }[];
  /** The supplier registered now. */
  supplier: string;
  /** Change of supplier: the supplier before `changedSupplierAt` (who installed and pre-notified the meter). */
  previousSupplier?: string;
  changedSupplierAt?: number;
  registeredFrom: number;
  agent: boolean;
  /** Set for devices of a REMOVED model. */
  suspendedAt?: number;
  description: string;
}

export interface Premises {
  category: PremisesCategory;
  addressLine: string;
  town: string;
  postcode: string;
  uprn: string;
  distributor: string;
  transporter: string;
  region: CspRegion;
  prenotifyAt: number;
  chAddedAt: number;
  installAt: number;
  decommissionedAt?: number;
  ch?: { chf: string; gpf: string; model: string };
  esme?: MeterPlan;
  gsme?: MeterPlan;
  ihd?: { id: string; make: number };
  cad?: { id: string };
  ppmid?: { id: string; model: string };
  hcalcs?: { id: string; model: string };
}

function devicesIn(p: Premises): number {
  return (p.ch ? 2 : 0) + (p.esme ? 1 : 0) + (p.gsme ? 1 : 0) + (p.ihd ? 1 : 0) + (p.cad ? 1 : 0) + (p.ppmid ? 1 : 0) + (p.hcalcs ? 1 : 0);
}

/** Start of the current UTC day: timestamps count back from here so that runs on one day are identical. */
function baseDay(): number {
  const t = now().getTime();
  return t - (t % DAY);
}

/** When cpl_esme_05 left the CPL (and, within 24 h, its devices were suspended). */
const removedAt = (base: number) => base - 45 * DAY + 9 * HOUR;

function demoPremises(base: number): Premises[] {
  const d = DEMO_INVENTORY;
  const commissioned = (daysAgo: number) => {
    const installAt = base - daysAgo * DAY + 10 * HOUR;
    return { installAt, prenotifyAt: installAt - 14 * DAY, chAddedAt: installAt - 21 * DAY };
  };
  const meter = (id: string, model: string, mpxn: string, supplier: string, times: { installAt: number }, agent = false, description = "Under stairs cupboard"): MeterPlan => ({
    id,
    model,
    variant: CPL_BY_MODEL.get(model)!.deviceType === "ESME" ? CPL_BY_MODEL.get(model)!.variant : undefined,
    mpxns: [{ mpxn, role: "PRIMARY" }],
    supplier,
    registeredFrom: times.installAt - 3 * YEAR,
    agent,
    description,
  });
  const dual = commissioned(400);
  const elec = commissioned(250);
  const pendingAt = base - 20 * DAY + 11 * HOUR;
  const ashbury = { town: "Ashbury", region: "CENTRAL" as CspRegion, transporter: "Pennine Gas Networks" };
  return [
    {
      category: "COMMISSIONED",
      ...ashbury,
      ...dual,
      addressLine: d.dualFuel.addressLine,
      postcode: d.dualFuel.postcode,
      uprn: d.dualFuel.uprn,
      distributor: d.dualFuel.distributor,
      transporter: d.dualFuel.transporter,
      ch: { chf: d.dualFuel.chf, gpf: d.dualFuel.gpf, model: d.dualFuel.chModel },
      esme: meter(d.dualFuel.esme, d.dualFuel.esmeModel, d.dualFuel.mpan, d.dualFuel.supplier, dual, true),
      gsme: meter(d.dualFuel.gsme, d.dualFuel.gsmeModel, d.dualFuel.mprn, d.dualFuel.supplier, dual, true, "Meter box, outside wall"),
      ihd: { id: d.dualFuel.ihd, make: 0 },
    },
    {
      category: "COMMISSIONED",
      ...ashbury,
      ...elec,
      addressLine: d.electricityOnly.addressLine,
      postcode: d.electricityOnly.postcode,
      uprn: d.electricityOnly.uprn,
      distributor: d.electricityOnly.distributor,
      ch: { chf: d.electricityOnly.chf, gpf: d.electricityOnly.gpf, model: d.electricityOnly.chModel },
      esme: meter(d.electricityOnly.esme, d.electricityOnly.esmeModel, d.electricityOnly.mpan, d.electricityOnly.supplier, elec),
    },
    {
      category: "PENDING",
      ...ashbury,
      installAt: pendingAt,
      prenotifyAt: pendingAt,
      chAddedAt: pendingAt,
      addressLine: d.pendingEsme.addressLine,
      postcode: d.pendingEsme.postcode,
      uprn: d.pendingEsme.uprn,
      distributor: d.pendingEsme.distributor,
      esme: meter(d.pendingEsme.id, d.pendingEsme.model, d.pendingEsme.mpan, d.pendingEsme.supplier, { installAt: pendingAt }),
    },
    ...d.removableModel.premises.map((p, i): Premises => {
      const times = commissioned(500 + 7 * i);
      return {
        category: "COMMISSIONED",
        ...ashbury,
        ...times,
        addressLine: p.addressLine,
        postcode: d.removableModel.postcode,
        uprn: p.uprn,
        distributor: d.removableModel.distributor,
        ch: { chf: p.chf, gpf: p.gpf, model: d.removableModel.chModel },
        esme: meter(p.esme, d.removableModel.model, p.mpan, d.removableModel.supplier, times),
      };
    }),
  ];
}

// ─── Generated premises ───────────────────────────────────────────────────────────────────────────────────────────

/** mulberry32: a fast seeded PRNG for the per-premises draws (seeded from the seeded faker). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(items: readonly T[], weightOf: (item: T) => number): (r: number) => T {
  const total = items.reduce((sum, item) => sum + weightOf(item), 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const item of items) cumulative.push((running += weightOf(item) / total));
  return (r) => {
    for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]) return items[i];
    return items[items.length - 1];
  };
}

interface Area {
  area: string;
  region: CspRegion;
  districts: number;
}

/** Postcode areas per CSP region. CV4 is left out: the demo premises live there. */
const AREAS: Area[] = [
  ...["NE", "DH", "SR", "LS", "YO", "HU", "BD", "PR", "L", "M"].map((area) => ({ area, region: "NORTH" as const, districts: 20 })),
  ...["CV", "B", "LE", "NG", "DE", "WV", "ST", "NN"].map((area) => ({ area, region: "CENTRAL" as const, districts: 24 })),
  ...["BN", "SO", "PO", "RG", "GU", "EX", "BS", "SN"].map((area) => ({ area, region: "SOUTH" as const, districts: 24 })),
];
const REGION_NETWORKS: Record<CspRegion, { distributor: string; transporter: string; mpanPrefixes: string[] }> = {
  NORTH: { distributor: "Northern Grid Distribution", transporter: "Pennine Gas Networks", mpanPrefixes: ["15", "17", "18", "23"] },
  CENTRAL: { distributor: CENTRAL_NETWORKS, transporter: "Pennine Gas Networks", mpanPrefixes: ["11", "13", "14", "16"] },
  SOUTH: { distributor: "Southern Wires Distribution", transporter: "Wessex Gas Transport", mpanPrefixes: ["10", "12", "19", "20", "22"] },
};
const UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
const STREET_NAMES = [
  "Larkspur", "Mill", "Church", "Station", "Oak", "Willow", "Chestnut", "Meadow", "Orchard", "Victoria", "Albert", "Queens",
  "Kings", "Park", "Grange", "Holly", "Rowan", "Beech", "Elm", "Hawthorn", "Primrose", "Bluebell", "Foxglove", "Heather",
  "Clover", "Poplar", "Cedar", "Maple", "Birch", "Hazel", "Linden", "Cherry", "Manor", "Abbey", "Castle", "Bridge", "Brook",
  "River", "Canal", "Wharf", "Forge", "Quarry", "Windmill", "Rectory", "Vicarage", "School", "Chapel", "Market", "High",
  "Green", "Common", "Moor", "Heath", "Hill", "Dale", "Vale", "Spring", "Well", "Kingfisher", "Heron", "Swallow", "Wren",
  "Robin", "Nightingale", "Falcon", "Tennyson", "Wordsworth", "Shelley", "Byron", "Keats", "Milton", "Chaucer", "Nelson",
  "Wellington", "Beaumont", "Ashford", "Langley", "Hartley", "Oakley", "Fairfield", "Greenway", "Westfield", "Southfield",
];
const STREET_SUFFIXES = [
  "Road", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Crescent", "Grove", "Gardens", "Place", "Court", "Walk",
  "Rise", "View", "Terrace", "Mews",
];
const TOWN_STARTS = [
  "Ash", "Brad", "Chal", "Dun", "Elm", "Fair", "Gran", "Hal", "Kings", "Lang", "Mar", "Nor", "Oak", "Pen", "Rad", "Sel",
  "Thorn", "Wal", "West", "Whit", "Wood", "Bar", "Cros", "Hol", "Stan",
];
const TOWN_ENDS = ["bury", "ford", "ton", "ham", "field", "ley", "wick", "worth", "by", "stead", "minster", "bridge", "combe", "hurst", "well", "thorpe"];
const METER_PLACES = ["Under stairs cupboard", "Meter box, outside wall", "Hallway cupboard", "Kitchen cupboard", "Garage", "Porch", "Cellar"];

/** Manufacturer prefixes of generated Device IDs (6 hex digits, none starting 0A like the demo devices). */
const ID_PREFIX: Record<string, string> = {
  "Wrenfield Communications": "1C3B8F",
  "Tamarisk Hub Systems": "58A1E2",
  "Orrell Telemetry": "70C4D5",
  "Ashbury Meters": "4C21A0",
  "Kelvin Metering": "84D9C3",
  "Holloway Instruments": "BC33E7",
  "Severn Smart Devices": "D0F5A2",
  "Pennant Gas Instruments": "E4C1B6",
  "Glowline Displays": "38AB41",
  "Loadstar Controls": "94E8D0",
  "Hearthside Electronics": "60F2C9",
};

const ELECTRICITY_SUPPLIERS = ["Brightwater Energy", "Harbour Energy Supply", "Meridian Home Energy", "Northgate Power", "Oakfield Electricity"];
const GAS_SUPPLIERS = ["Brightwater Energy", "Harbour Energy Supply", "Meridian Home Energy", "Fenland Gas"];
const SUPPLIER_WEIGHT: Record<string, number> = {
  "Brightwater Energy": 3,
  "Harbour Energy Supply": 2,
  "Meridian Home Energy": 2,
  "Northgate Power": 1.5,
  "Oakfield Electricity": 1.5,
  "Fenland Gas": 2,
};

/** Proportions of premises by state (the rest of each premises' devices follow it). */
const CATEGORY_SHARES: [PremisesCategory, number][] = [
  ["COMMISSIONED", 0.88],
  ["INC", 0.05],
  ["PENDING", 0.04],
  ["DECOMMISSIONED", 0.02],
  ["WHITELISTED", 0.01],
];

class PremisesGenerator {
  private readonly rnd: () => number;
  private readonly towns: Map<string, string[]>;
  private readonly streets: string[];
  private readonly areaUnits = new Map<string, number>();
  private readonly pickArea: (r: number) => Area;
  private readonly pickCategory: (r: number) => [PremisesCategory, number];
  private readonly pickElectricitySupplier: (r: number) => string;
  private readonly pickGasSupplier: (r: number) => string;
  private readonly chModels: Record<CspRegion, (r: number) => CplEntry>;
  private readonly esmeModels: Record<EsmeVariant, (r: number) => CplEntry>;
  private readonly pickGsmeModel: (r: number) => CplEntry;
  private readonly pickPpmidModel: (r: number) => CplEntry;
  private readonly pickHcalcsModel: (r: number) => CplEntry;
  private deviceSeq: number;
  private mpanSeq = 0;
  private mprnSeq = 0;
  private uprnSeq = 0;
  private readonly mpanOffset: number;
  private readonly mprnOffset: number;
  private readonly uprnOffset: number;
  private postcode = { code: "", town: "", street: "", area: AREAS[0], left: 0, houseNumber: 0, step: 1 };

  constructor(
    seed: number,
    private readonly base: number,
  ) {
    const faker = seededFaker(seed + 3);
    this.rnd = prng(faker.number.int({ min: 0, max: 0xffffffff }));
    this.deviceSeq = faker.number.int({ min: 0x10_0000_0000, max: 0x80_0000_0000 });
    this.mpanOffset = faker.number.int({ min: 0, max: 8_999_999_999 });
    this.mprnOffset = faker.number.int({ min: 0, max: 199_999_999 });
    this.uprnOffset = faker.number.int({ min: 0, max: 79_999_999_999 });
    this.streets = Array.from({ length: 600 }, () => `${faker.helpers.arrayElement(STREET_NAMES)} ${faker.helpers.arrayElement(STREET_SUFFIXES)}`);
    this.towns = new Map(
      AREAS.map((a) => [a.area, Array.from({ length: a.districts }, () => `${faker.helpers.arrayElement(TOWN_STARTS)}${faker.helpers.arrayElement(TOWN_ENDS)}`)]),
    );
    this.pickArea = weighted(AREAS, (a) => (a.region === "NORTH" ? 0.3 / 10 : 0.35 / 8));
    this.pickCategory = weighted(CATEGORY_SHARES, ([, share]) => share);
    this.pickElectricitySupplier = weighted(ELECTRICITY_SUPPLIERS, (s) => SUPPLIER_WEIGHT[s]);
    this.pickGasSupplier = weighted(GAS_SUPPLIERS, (s) => SUPPLIER_WEIGHT[s]);
    const generated = (type: CplDeviceType, filter: (m: CplEntry) => boolean = () => true) =>
      weighted(
        CPL_MODELS.filter((m) => m.deviceType === type && m.weight > 0 && filter(m)),
        (m) => m.weight,
      );
    this.chModels = {
      NORTH: generated("CH", (m) => m.regions!.includes("NORTH")),
      CENTRAL: generated("CH", (m) => m.regions!.includes("CENTRAL")),
      SOUTH: generated("CH", (m) => m.regions!.includes("SOUTH")),
    };
    this.esmeModels = {
      SINGLE_ELEMENT: generated("ESME", (m) => m.variant === "SINGLE_ELEMENT"),
      TWIN_ELEMENT: generated("ESME", (m) => m.variant === "TWIN_ELEMENT"),
      POLYPHASE: generated("ESME", (m) => m.variant === "POLYPHASE"),
    };
    this.pickGsmeModel = generated("GSME");
    this.pickPpmidModel = generated("PPMID");
    this.pickHcalcsModel = generated("HCALCS");
  }

  private between(min: number, max: number): number {
    return min + this.rnd() * (max - min);
  }

  private deviceId(manufacturer: string): string {
    return ID_PREFIX[manufacturer] + (this.deviceSeq++).toString(16).toUpperCase().padStart(10, "0");
  }

  // Multiplying a counter by a prime coprime to the modulus walks every value once: unique, and not sequential.
  private mpan(prefix: string): string {
    const body = 1_000_000_000 + ((this.mpanSeq++ * 7919 + this.mpanOffset) % 9_000_000_000);
    return withMpanCheck(`${prefix}${body}`);
  }

  private mprn(): string {
    return withMprnCheck(String(800_000_000 + ((this.mprnSeq++ * 7919 + this.mprnOffset) % 200_000_000)));
  }

  private uprn(): string {
    return String(10_000_000_000 + ((this.uprnSeq++ * 7919 + this.uprnOffset) % 80_000_000_000));
  }

  private nextPostcode() {
    const area = this.pickArea(this.rnd());
    let n = this.areaUnits.get(area.area) ?? 0;
    let district = 1 + (n % area.districts);
    if (area.area === "CV" && district === 4) district = 1 + (++n % area.districts);
    this.areaUnits.set(area.area, n + 1);
    const rest = Math.floor(n / area.districts);
    const sector = rest % 10;
    const unit = Math.floor(rest / 10) % (UNIT_LETTERS.length * UNIT_LETTERS.length);
    const letters = UNIT_LETTERS[Math.floor(unit / UNIT_LETTERS.length)] + UNIT_LETTERS[unit % UNIT_LETTERS.length];
    const step = this.rnd() < 0.3 ? 2 : 1;
    this.postcode = {
      code: `${area.area}${district} ${sector}${letters}`,
      town: this.towns.get(area.area)![district - 1],
      street: this.streets[Math.floor(this.rnd() * this.streets.length)],
      area,
      left: 20 + Math.floor(this.rnd() * 41),
      houseNumber: step === 2 && this.rnd() < 0.5 ? 2 : 1,
      step,
    };
  }

  next(): Premises {
    if (this.postcode.left === 0) this.nextPostcode();
    const pc = this.postcode;
    pc.left--;
    const addressLine = `${pc.houseNumber} ${pc.street}`;
    pc.houseNumber += pc.step;
    const region = pc.area.region;
    const networks = REGION_NETWORKS[region];
    const r = this.rnd;
    const base = this.base;

    const [category] = this.pickCategory(r());
    let installAt: number;
    let decommissionedAt: number | undefined;
    const timeOfDay = this.between(8 * HOUR, 17 * HOUR);
    const dayStart = (t: number) => t - (t % DAY);
    switch (category) {
      case "COMMISSIONED":
      case "DECOMMISSIONED":
        installAt = dayStart(base - this.between(1, 4) * YEAR) + timeOfDay;
        if (category === "DECOMMISSIONED") decommissionedAt = dayStart(this.between(installAt + 60 * DAY, base - 7 * DAY)) + timeOfDay;
        break;
      case "INC":
        installAt = dayStart(base - this.between(20, 400) * DAY) + timeOfDay;
        break;
      case "WHITELISTED":
        installAt = dayStart(base - this.between(1, 30) * DAY) + timeOfDay;
        break;
      case "PENDING":
        // Pre-notified in the last 11 months (the 12-month Pending expiry has not removed them yet); not installed.
        installAt = dayStart(base - this.between(1, 330) * DAY) + timeOfDay;
        break;
    }
    const prenotifyAt = category === "PENDING" ? installAt : installAt - Math.floor(this.between(3, 40)) * DAY - 2 * HOUR;
    const chAddedAt = category === "PENDING" ? installAt - Math.floor(this.between(0, 20)) * DAY - 3 * HOUR : installAt - Math.floor(this.between(7, 60)) * DAY;

    const fuelDraw = r();
    const hasElectricity = fuelDraw < 0.9;
    const hasGas = fuelDraw >= 0.3;
    const chModel = this.chModels[region](r());
    const ch = { chf: this.deviceId(chModel.manufacturer), gpf: "", model: chModel.model };
    ch.gpf = this.deviceId(chModel.manufacturer);

    const meterCommon = (supplier: string, pickOther: (r: number) => string) => {
      const registeredFrom = prenotifyAt - Math.floor(this.between(30, 3650)) * DAY;
      const plan: Pick<MeterPlan, "supplier" | "previousSupplier" | "changedSupplierAt" | "registeredFrom" | "agent" | "description"> = {
        supplier,
        registeredFrom,
        agent: r() < 0.3,
        description: METER_PLACES[Math.floor(r() * METER_PLACES.length)],
      };
      if (category === "COMMISSIONED" && r() < 0.055) {
        let other = pickOther(r());
        for (let i = 0; other === supplier && i < 10; i++) other = pickOther(r());
        if (other !== supplier) {
          plan.previousSupplier = supplier;
          plan.supplier = other;
          plan.changedSupplierAt = dayStart(this.between(installAt + 30 * DAY, base - 10 * DAY));
        }
      }
      return plan;
    };

    let esme: MeterPlan | undefined;
    let electricitySupplier: string | undefined;
    if (hasElectricity) {
      const v = r();
      const variant: EsmeVariant = v < 0.92 ? "SINGLE_ELEMENT" : v < 0.97 ? "TWIN_ELEMENT" : "POLYPHASE";
      // About 5% of the Commissioned single element ESMEs are of the removed model cpl_esme_05 (now Suspended).
      const suspended = category === "COMMISSIONED" && variant === "SINGLE_ELEMENT" && r() < 0.05;
      const model = suspended ? CPL_BY_MODEL.get("cpl_esme_05")! : this.esmeModels[variant](r());
      electricitySupplier = this.pickElectricitySupplier(r());
      const prefix = networks.mpanPrefixes[Math.floor(r() * networks.mpanPrefixes.length)];
      const mpxns: MeterPlan["mpxns"] = [{ mpxn: this.mpan(prefix), role: "PRIMARY" }];
      if (variant === "TWIN_ELEMENT") mpxns.push({ mpxn: this.mpan(prefix), role: "SECONDARY" });
      esme = {
        id: this.deviceId(model.manufacturer),
        model: model.model,
        variant,
        mpxns,
        ...meterCommon(electricitySupplier, this.pickElectricitySupplier),
        suspendedAt: suspended ? removedAt(base) + Math.floor(this.between(1, 20) * HOUR) : undefined,
      };
    }
    let gsme: MeterPlan | undefined;
    if (hasGas) {
      const model = this.pickGsmeModel(r());
      // Dual fuel: most households take both fuels from one supplier when it supplies gas too.
      const sameSupplier = electricitySupplier && GAS_SUPPLIERS.includes(electricitySupplier) && r() < 0.75;
      const supplier = sameSupplier ? electricitySupplier! : this.pickGasSupplier(r());
      gsme = {
        id: this.deviceId(model.manufacturer),
        model: model.model,
        mpxns: [{ mpxn: this.mprn(), role: "PRIMARY" }],
        ...meterCommon(supplier, this.pickGasSupplier),
      };
    }
    const premises: Premises = {
      category,
      addressLine,
      town: pc.town,
      postcode: pc.code,
      uprn: this.uprn(),
      distributor: networks.distributor,
      transporter: networks.transporter,
      region,
      prenotifyAt,
      chAddedAt,
      installAt,
      decommissionedAt,
      ch,
      esme,
      gsme,
    };
    if (r() < 0.93) {
      const make = Math.floor(r() * TYPE2_MAKES.IHD.length);
      premises.ihd = { id: this.deviceId(TYPE2_MAKES.IHD[make].manufacturer), make };
    }
    if (r() < 0.12) {
      const model = this.pickPpmidModel(r());
      premises.ppmid = { id: this.deviceId(model.manufacturer), model: model.model };
    }
    if (esme && r() < 0.04) {
      const model = this.pickHcalcsModel(r());
      premises.hcalcs = { id: this.deviceId(model.manufacturer), model: model.model };
    }
    if (r() < 0.05) premises.cad = { id: this.deviceId(TYPE2_MAKES.CAD[0].manufacturer) };
    return premises;
  }
}

// ─── The DCC's stock of Communications Hubs ──────────────────────────────────────────────────────────────────────

/**
 * CHs (a CHF and its GPF) per CSP Region that the DCC has added to the SMI and not yet delivered: recording a delivery
 * hands the party CHFs of its order's Region from this stock (lib/orders/ch-holders). Demo consignments carry up to
 * about 1,700 hubs (ORD0000007: about 1,200); a delivery beyond what is left gets what there is.
 */
export const CH_STOCK_PER_REGION = 500;

export interface StockHub {
  chf: string;
  gpf: string;
  model: string;
  region: CspRegion;
  addedAt: number;
}

/** Stock Device IDs count from here: below the generated premises' sequence (from 0x10_0000_0000), so never one of theirs. */
const STOCK_ID_BASE = 0x01_0000_0000;

/** The DCC's stock, the same every time: per Region, its current CH models in proportion to their weights. */
export function* dccStock(base: number): Generator<StockHub> {
  let seq = STOCK_ID_BASE;
  const deviceId = (manufacturer: string) => ID_PREFIX[manufacturer] + (seq++).toString(16).toUpperCase().padStart(10, "0");
  for (const region of REGIONS) {
    const pick = weighted(
      CPL_MODELS.filter((m) => m.deviceType === "CH" && m.status === "CURRENT" && m.weight > 0 && m.regions!.includes(region)),
      (m) => m.weight,
    );
    for (let i = 0; i < CH_STOCK_PER_REGION; i++) {
      const model = pick((i + 0.5) / CH_STOCK_PER_REGION);
      // Added in the last 8 weeks: the DCC adds a CH to the SMI shortly before it ships.
      const addedAt = base - (7 + (i % 49)) * DAY + (9 + (i % 8)) * HOUR;
      yield { chf: deviceId(model.manufacturer), gpf: deviceId(model.manufacturer), model: model.model, region, addedAt };
    }
  }
}

// ─── Rows ─────────────────────────────────────────────────────────────────────────────────────────────────────────

interface Actor {
  accountId: string | null;
  name: string;
}

interface PartyRef {
  id: string;
  user: Actor;
}

interface InventoryContext {
  parties: Map<string, PartyRef>;
  dcc: { id: string; admin: Actor };
  agentId: string;
}

const DCC_AUTOMATIC: Actor = { accountId: null, name: "DCC" };

type Cell = string | null;

/** Column buffers for one batch; timestamps are epoch ms until the insert formats them. */
class Batch {
  devices = 0;
  meterPoint: Cell[][] = [[], [], [], [], [], []];
  registration: (Cell | number)[][] = [[], [], [], [], [], [], []];
  device: (Cell | number)[][] = Array.from({ length: 17 }, () => []);
  link: Cell[][] = [[], [], []];
  association: (Cell | number)[][] = [[], [], []];
  history: (Cell | number)[][] = [[], [], [], [], [], [], [], [], []];

  get size() {
    return this.device[0].length;
  }
}

const push = (columns: unknown[][], values: unknown[]) => {
  for (let i = 0; i < values.length; i++) columns[i].push(values[i]);
};

const TIMESTAMP_COLUMNS = {
  registration: [2, 3],
  device: [11, 12, 15, 16],
  association: [2],
  history: [4],
};

const isoOrNull = (v: Cell | number) => (v === null ? null : new Date(v as number).toISOString());

function formatTimestamps(columns: (Cell | number)[][], indexes: number[]): Cell[][] {
  return columns.map((column, i) => (indexes.includes(i) ? column.map(isoOrNull) : (column as Cell[])));
}

/** `INSERT INTO table (...) SELECT * FROM unnest($n::type[], ...)`; enum columns travel as text[] and are cast. */
function unnestInsert(table: string, columns: string[], types: string[], firstParam: number): string {
  const casts = types.map((t, i) => `$${firstParam + i}::${t === "text" || t === "timestamp(3)" ? `${t}[]` : `text[]::"${t}"[]`}`);
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) SELECT * FROM unnest(${casts.join(", ")})`;
}

const TABLES: [string, string[], string[]][] = [
  ["MeterPoint", ["mpxn", "fuel", "addressLine", "town", "postcode", "uprn"], ["text", "Fuel", "text", "text", "text", "text"]],
  [
    "RegistrationRecord",
    ["id", "mpxn", "effectiveFrom", "effectiveTo", "supplierId", "networkOperatorId", "agentId"],
    ["text", "text", "timestamp(3)", "timestamp(3)", "text", "text", "text"],
  ],
  [
    "Device",
    [
      "id", "deviceType", "modelId", "manufacturer", "firmwareVersion", "esmeVariant", "wanTechnology", "cspRegion", "description",
      "status", "statusBeforeSuspension", "pendingSince", "commissionedAt", "preNotifiedById", "preNotifiedByPartyId", "createdAt",
      "updatedAt",
    ],
    [
      "text", "DeviceType", "text", "text", "text", "EsmeVariant", "text", "CspRegion", "text",
      "SmiStatus", "SmiStatus", "timestamp(3)", "timestamp(3)", "text", "text", "timestamp(3)",
      "timestamp(3)",
    ],
  ],
  ["DeviceMeterPoint", ["deviceId", "mpxn", "role"], ["text", "text", "MpxnRole"]],
  ["DeviceAssociation", ["deviceId", "associatedDeviceId", "createdAt"], ["text", "text", "timestamp(3)"]],
  [
    "DeviceStatusChange",
    ["id", "deviceId", "fromStatus", "toStatus", "at", "cause", "transition", "actorId", "actorName"],
    ["text", "text", "SmiStatus", "SmiStatus", "timestamp(3)", "text", "text", "text", "text"],
  ],
];

/**
 * One statement per batch: every table's rows in data-modifying CTEs (foreign keys are checked at the end of the
 * statement, when all of them are in), so a batch is atomic and costs one round trip.
 */
const BATCH_INSERT = (() => {
  let next = 1;
  const parts = TABLES.map(([table, columns, types]) => {
    const sql = unnestInsert(table, columns, types, next);
    next += columns.length;
    return sql;
  });
  const last = parts.pop()!;
  return `WITH ${parts.map((sql, i) => `t${i} AS (${sql})`).join(",\n")}\n${last}`;
})();

// Timestamps go as UTC ISO strings into timestamp(3) columns (Prisma's storage): PostgreSQL ignores the "Z" there.
async function insertBatch(db: PrismaClient, batch: Batch): Promise<void> {
  const params = [
    ...batch.meterPoint,
    ...formatTimestamps(batch.registration, TIMESTAMP_COLUMNS.registration),
    ...formatTimestamps(batch.device, TIMESTAMP_COLUMNS.device),
    ...batch.link,
    ...formatTimestamps(batch.association, TIMESTAMP_COLUMNS.association),
    ...formatTimestamps(batch.history, TIMESTAMP_COLUMNS.history),
  ];
  await db.$executeRawUnsafe(BATCH_INSERT, ...params);
}

interface Step {
  to: SmiStatus;
  at: number;
  transition: string;
  cause: string;
  actor: Actor;
}

class InventoryWriter {
  batch = new Batch();
  private historySeq = 0;
  private registrationSeq = 0;
  counts = { devices: 0, meterPoints: 0, registrations: 0, associations: 0, statusChanges: 0, stock: 0 };

  constructor(private readonly ctx: InventoryContext) {}

  private party(name: string): PartyRef {
    const party = this.ctx.parties.get(name);
    if (!party) throw new Error(`seedInventory: demo party "${name}" is missing (seed parties first)`);
    return party;
  }

  private device(
    id: string,
    type: DeviceType,
    info: { model?: string; manufacturer: string; firmwareVersion: string; variant?: EsmeVariant; region?: CspRegion; description: string },
    preNotifier: { partyId: string; accountId: string | null },
    createdAt: number,
    steps: Step[],
  ) {
    const model = info.model ? CPL_BY_MODEL.get(info.model)! : undefined;
    const last = steps.at(-1);
    const status = last?.to ?? null;
    let commissionedAt: number | null = null;
    steps.forEach((step, i) => {
      if (step.to === "COMMISSIONED") commissionedAt = step.at;
      this.batch.history[0].push(`sh${(this.historySeq++).toString(36)}`);
      push(this.batch.history.slice(1), [id, i === 0 ? null : steps[i - 1].to, step.to, step.at, step.cause, step.transition, step.actor.accountId, step.actor.name]);
    });
    this.counts.statusChanges += steps.length;
    push(this.batch.device, [
      id,
      type,
      model ? modelRowId(model.model) : null,
      info.manufacturer,
      info.firmwareVersion,
      info.variant ?? null,
      type === "CHF" || type === "GPF" ? (model?.wanTechnology ?? null) : null,
      info.region ?? null,
      info.description,
      status,
      status === "SUSPENDED" ? steps[steps.length - 2].to : null,
      status === "PENDING" ? last!.at : null,
      commissionedAt,
      preNotifier.accountId,
      preNotifier.partyId,
      steps[0]?.at ?? createdAt,
      last?.at ?? createdAt,
    ]);
    this.batch.devices++;
    this.counts.devices++;
  }

  private associate(deviceId: string, associatedDeviceId: string, at: number) {
    push(this.batch.association, [deviceId, associatedDeviceId, at]);
    this.counts.associations++;
  }

  private meterPoints(p: Premises, meter: MeterPlan, fuel: "ELECTRICITY" | "GAS") {
    const operator = this.party(fuel === "ELECTRICITY" ? p.distributor : p.transporter).id;
    for (const { mpxn, role } of meter.mpxns) {
      push(this.batch.meterPoint, [mpxn, fuel, p.addressLine, p.town, p.postcode, p.uprn]);
      this.counts.meterPoints++;
      const registration = (from: number, to: number | null, supplier: string, agent: boolean) => {
        push(this.batch.registration, [`sr${(this.registrationSeq++).toString(36)}`, mpxn, from, to, this.party(supplier).id, operator, agent ? this.ctx.agentId : null]);
        this.counts.registrations++;
      };
      if (meter.previousSupplier && meter.changedSupplierAt) {
        registration(meter.registeredFrom, meter.changedSupplierAt, meter.previousSupplier, false);
        registration(meter.changedSupplierAt, null, meter.supplier, meter.agent);
      } else {
        registration(meter.registeredFrom, null, meter.supplier, meter.agent);
      }
      if (p.category !== "DECOMMISSIONED") push(this.batch.link, [meter.id, mpxn, role]);
    }
  }

  /** A CH the DCC added to the SMI (T2): its CHF and GPF, each through its later steps, the GPF Associated to the CHF. */
  private communicationsHub(ch: { chf: string; gpf: string; model: string }, region: CspRegion, addedAt: number, chfSteps: Step[], gpfSteps: Step[], associated: boolean) {
    const model = CPL_BY_MODEL.get(ch.model)!;
    const info = { model: model.model, manufacturer: model.manufacturer, firmwareVersion: model.firmwareVersion, region };
    const dccAdmin = this.ctx.dcc.admin;
    const dcc = { partyId: this.ctx.dcc.id, accountId: dccAdmin.accountId };
    const added = (): Step => ({ to: "PENDING", at: addedAt, transition: "T2", cause: "DCC: CH added", actor: dccAdmin });
    this.device(ch.chf, "CHF", { ...info, description: "Communications Hub Function" }, dcc, addedAt, [added(), ...chfSteps]);
    this.device(ch.gpf, "GPF", { ...info, description: "Gas Proxy Function" }, dcc, addedAt, [added(), ...gpfSteps]);
    if (associated) this.associate(ch.gpf, ch.chf, addedAt);
  }

  /** A CH in the DCC's stock: Pending, at no premises, held by nobody. */
  stockHub(hub: StockHub) {
    this.communicationsHub(hub, hub.region, hub.addedAt, [], [], true);
    this.counts.stock++;
  }

  /** Every row of one premises: its meter points and registrations, devices, links, associations and histories. */
  premises(p: Premises) {
    const { category, installAt: t } = p;
    const elec = p.esme;
    const gas = p.gsme;
    // The supplier who installed (and pre-notified) the devices: the electricity one when there is electricity.
    const installerOf = (m: MeterPlan) => this.party(m.previousSupplier ?? m.supplier);
    const installer = installerOf((elec ?? gas)!);
    const prenotified = (party: PartyRef) => ({ partyId: party.id, accountId: party.user.accountId });
    const joined = category === "COMMISSIONED" || category === "DECOMMISSIONED" || category === "INC";
    const associated = joined || category === "WHITELISTED";
    const ended = category === "DECOMMISSIONED";
    const decommission = (steps: Step[], actor: Actor, offset: number) => {
      if (ended) steps.push({ to: "DECOMMISSIONED", at: p.decommissionedAt! + offset * MINUTE, transition: "T21", cause: "SRV 8.3 Decommission Device", actor });
      return steps;
    };

    if (elec) this.meterPoints(p, elec, "ELECTRICITY");
    if (gas) this.meterPoints(p, gas, "GAS");

    const pending = (at: number, actor: Actor): Step => ({ to: "PENDING", at, transition: "T1", cause: "SRV 12.2 Device Pre-Notification", actor });
    /** Smart Meters and Type 1 devices: pre-notified, then through the statuses of the premises' state. */
    const hanSteps = (actor: Actor, offset: number, commission: "meter" | "join"): Step[] => {
      const steps = [pending(p.prenotifyAt + offset * MINUTE, actor)];
      if (category === "PENDING") return steps;
      if (category === "INC") {
        // Install & Leave: no WAN yet; the supplier updates the inventory (meters) or joins the device (Type 1).
        steps.push(
          commission === "meter"
            ? { to: "INSTALLED_NOT_COMMISSIONED", at: t + (60 + offset) * MINUTE, transition: "T5", cause: "SRV 8.4 Update Inventory", actor }
            : { to: "INSTALLED_NOT_COMMISSIONED", at: t + (90 + offset) * MINUTE, transition: "T14", cause: "SRV 8.7.1 Join Service", actor },
        );
        return steps;
      }
      steps.push({ to: "WHITELISTED", at: t + offset * MINUTE, transition: "T3", cause: "SRV 8.11 Update HAN Device Log", actor });
      if (category === "WHITELISTED") return steps;
      steps.push({ to: "INSTALLED_NOT_COMMISSIONED", at: t + (offset + 2) * MINUTE, transition: "T4", cause: "CS14 CHF Device Log Changed", actor: DCC_AUTOMATIC });
      steps.push(
        commission === "meter"
          ? { to: "COMMISSIONED", at: t + (offset + 10) * MINUTE, transition: "T13", cause: "SRV 8.1.1 Commission Device", actor }
          : { to: "COMMISSIONED", at: t + (offset + 20) * MINUTE, transition: "T14", cause: "SRV 8.7.1 Join Service", actor },
      );
      return decommission(steps, actor, offset);
    };
    const hanAssociatedAt = (offset: number) => (category === "INC" ? t + 30 * MINUTE : t + offset * MINUTE);

    if (p.ch) {
      const chf: Step[] = [];
      const gpf: Step[] = [];
      const supplierActor = installer.user;
      if (category === "INC") {
        const step: Step = { to: "INSTALLED_NOT_COMMISSIONED", at: t + 55 * MINUTE, transition: "T9", cause: "SRV 8.4 Update Inventory", actor: supplierActor };
        chf.push(step);
        gpf.push({ ...step });
      } else if (category !== "PENDING") {
        chf.push({ to: "COMMISSIONED", at: t + 5 * MINUTE, transition: "T8", cause: "DCC: first WAN contact", actor: DCC_AUTOMATIC });
        if (category !== "WHITELISTED") {
          gpf.push(
            gas
              ? { to: "COMMISSIONED", at: t + 40 * MINUTE, transition: "T14", cause: "SRV 8.7.1 Join Service", actor: installerOf(gas).user }
              : { to: "COMMISSIONED", at: t + 40 * MINUTE, transition: "T15", cause: "SRV 8.4 Update Inventory", actor: supplierActor },
          );
        }
      }
      this.communicationsHub(p.ch, p.region, p.chAddedAt, decommission(chf, supplierActor, 0), decommission(gpf, supplierActor, 0), !ended);
    }

    const meterDevice = (m: MeterPlan, type: "ESME" | "GSME", offset: number) => {
      const model = CPL_BY_MODEL.get(m.model)!;
      const party = installerOf(m);
      const steps = hanSteps(party.user, offset, "meter");
      if (m.suspendedAt && category === "COMMISSIONED") {
        steps.push({ to: "SUSPENDED", at: m.suspendedAt, transition: "T16", cause: "CPL: model removed", actor: DCC_AUTOMATIC });
      }
      const info = { model: model.model, manufacturer: model.manufacturer, firmwareVersion: model.firmwareVersion, variant: m.variant, description: m.description };
      this.device(m.id, type, info, prenotified(party), p.prenotifyAt, steps);
      if (associated && !ended && p.ch) this.associate(m.id, p.ch.chf, hanAssociatedAt(offset));
    };
    if (elec) meterDevice(elec, "ESME", 10);
    if (gas) {
      meterDevice(gas, "GSME", 11);
      if (joined && !ended && p.ch) this.associate(gas.id, p.ch.gpf, t + (category === "INC" ? 90 : 40) * MINUTE);
    }

    const type1 = (d: { id: string; model: string }, type: "PPMID" | "HCALCS", offset: number, partner: string | undefined) => {
      const model = CPL_BY_MODEL.get(d.model)!;
      const description = type === "PPMID" ? "Prepayment interface, kitchen" : "Load control switch, heat pump";
      const info = { model: model.model, manufacturer: model.manufacturer, firmwareVersion: model.firmwareVersion, description };
      this.device(d.id, type, info, prenotified(installer), p.prenotifyAt, hanSteps(installer.user, offset, "join"));
      if (associated && !ended && p.ch) this.associate(d.id, p.ch.chf, hanAssociatedAt(offset));
      if (joined && !ended && partner) this.associate(d.id, partner, t + (category === "INC" ? 90 + offset : offset + 20) * MINUTE);
    };
    if (p.ppmid) type1(p.ppmid, "PPMID", 15, elec?.id ?? gas?.id);
    if (p.hcalcs) type1(p.hcalcs, "HCALCS", 16, elec?.id);

    // Type 2 devices: no status, no CPL entry; associated to the CHF and joined to the ESME (or, gas only, the GPF).
    const type2 = (id: string, type: "IHD" | "CAD", make: { manufacturer: string; firmwareVersion: string }, offset: number) => {
      const description = type === "IHD" ? "In Home Display" : "Consumer Access Device";
      this.device(id, type, { ...make, description }, prenotified(installer), p.prenotifyAt + offset * MINUTE, []);
      if (associated && !ended && p.ch) this.associate(id, p.ch.chf, hanAssociatedAt(offset));
      const partner = elec?.id ?? p.ch?.gpf;
      if (joined && !ended && partner) this.associate(id, partner, t + (category === "INC" ? 95 + offset : 35 + offset) * MINUTE);
    };
    if (p.ihd) type2(p.ihd.id, "IHD", TYPE2_MAKES.IHD[p.ihd.make], 14);
    if (p.cad) type2(p.cad.id, "CAD", TYPE2_MAKES.CAD[0], 19);
  }

  take(): Batch {
    const batch = this.batch;
    this.batch = new Batch();
    return batch;
  }
}

// ─── The seed module ──────────────────────────────────────────────────────────────────────────────────────────────

export interface InventorySeedOptions {
  seed: number;
  /**
   * How many devices at premises to create in all (demo devices included); generation stops after the premises that
   * reaches it. The DCC's CH stock (CH_STOCK_PER_REGION CHs per Region, a CHF and a GPF each) comes on top.
   */
  devices: number;
  log?: (line: string) => void;
  /** Called after each batch is written: devices inserted so far, and the total expected. */
  onProgress?: (inserted: number, total: number) => void;
  /** Devices per insert batch (default 10 000). */
  batchSize?: number;
}

/**
 * The premises the seed would create, demo ones first: pure and deterministic (same seed, same day, same premises).
 * Exposed for tests; seedInventory writes exactly these.
 */
export function* inventoryPremises(opts: { seed: number; devices: number; base?: number }): Generator<Premises> {
  const base = opts.base ?? baseDay();
  let count = 0;
  for (const p of demoPremises(base)) {
    count += devicesIn(p);
    yield p;
  }
  const generator = new PremisesGenerator(opts.seed, base);
  while (count < opts.devices) {
    const p = generator.next();
    count += devicesIn(p);
    yield p;
  }
}

async function loadContext(db: PrismaClient): Promise<InventoryContext> {
  const parties = await db.party.findMany({
    include: { accounts: { where: { OR: [{ email: { startsWith: "user@" } }, { email: { startsWith: "admin@" } }] } } },
  });
  const byName = new Map<string, PartyRef>();
  let dcc: InventoryContext["dcc"] | undefined;
  let agentId: string | undefined;
  for (const party of parties) {
    const user = party.accounts.find((a) => a.email.startsWith("user@"));
    byName.set(party.name, { id: party.id, user: { accountId: user?.id ?? null, name: user?.name ?? party.name } });
    if (party.isDcc) {
      const admin = party.accounts.find((a) => a.email.startsWith("admin@"));
      dcc = { id: party.id, admin: { accountId: admin?.id ?? null, name: admin?.name ?? "DCC" } };
    }
    if (party.roles.includes("RSA") && party.name === DEMO_INVENTORY.dualFuel.agent) agentId = party.id;
  }
  if (!dcc || !agentId) throw new Error("seedInventory: the DCC and agent parties are missing (seed parties first)");
  return { parties: byName, dcc, agentId };
}

export async function seedInventory(db: PrismaClient, opts: InventorySeedOptions): Promise<Record<string, number>> {
  const base = baseDay();
  const ctx = await loadContext(db);
  const removed = removedAt(base);
  await db.deviceModel.createMany({
    data: CPL_MODELS.map((m) => ({
      id: modelRowId(m.model),
      deviceType: m.deviceType,
      manufacturer: m.manufacturer,
      model: m.model,
      hardwareVersion: m.hardwareVersion,
      firmwareVersion: m.firmwareVersion,
      technicalSpecVersion: m.technicalSpecVersion,
      gbcsVersion: m.gbcsVersion,
      zigbeeCertificateId: m.zigbeeCertificateId,
      dlmsCertificateId: m.dlmsCertificateId ?? null,
      cpaCertificateId: m.cpaCertificateId ?? null,
      cpaExpiresOn: m.cpaExpiresInDays !== undefined ? new Date(base + m.cpaExpiresInDays * DAY) : m.cpaExpiresOn ? new Date(`${m.cpaExpiresOn}T00:00:00Z`) : null,
      status: m.status,
      statusChangedAt: new Date(m.status === "REMOVED" ? removed : base - 5 * YEAR),
      createdAt: new Date(base - 5 * YEAR),
    })),
  });

  const writer = new InventoryWriter(ctx);
  const batchSize = opts.batchSize ?? 10_000;
  let total = Math.max(opts.devices, 0) + 2 * REGIONS.length * CH_STOCK_PER_REGION;
  let inserted = 0;
  // Generate the next batch while the database writes the previous one (one write in flight at a time).
  let inflight: Promise<void> | null = null;
  const write = async (batch: Batch) => {
    await inflight;
    const pending = insertBatch(db, batch).then(() => {
      inserted += batch.devices;
      total = Math.max(total, inserted);
      opts.onProgress?.(inserted, total);
    });
    pending.catch(() => undefined);
    inflight = pending;
  };
  let sinceYield = 0;
  for (const p of inventoryPremises({ seed: opts.seed, devices: opts.devices, base })) {
    writer.premises(p);
    if (writer.batch.size >= batchSize) await write(writer.take());
    // Let the driver send and receive while the next batch is built (PostgreSQL works in another process).
    if (++sinceYield === 500) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  for (const hub of dccStock(base)) {
    writer.stockHub(hub);
    if (writer.batch.size >= batchSize) await write(writer.take());
  }
  if (writer.batch.size > 0) await write(writer.take());
  await inflight;
  opts.onProgress?.(inserted, inserted);
  for (const table of ["DeviceModel", "Device", "MeterPoint", "DeviceMeterPoint", "DeviceAssociation", "DeviceStatusChange", "RegistrationRecord"]) {
    await db.$executeRawUnsafe(`ANALYZE "${table}"`);
  }
  const c = writer.counts;
  return {
    "CPL models": CPL_MODELS.length,
    devices: c.devices,
    "meter points": c.meterPoints,
    registrations: c.registrations,
    associations: c.associations,
    "status changes": c.statusChanges,
    "CHs in DCC stock": c.stock,
  };
}
