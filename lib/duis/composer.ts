// The portal's Service Request composer (issue 11 item 9): DUIS 5.4 request XML for the common SRVs, built from a
// form, as the user's party. The element structure follows the DUIS 5.4 schema (facts only); the XML is unsigned here
// (lib/duis/send-service-request.ts signs it with the party's demo key, or the party signs it with its own tools).
import { z } from "zod";
import { londonAt, londonDate, now } from "@/lib/clock";
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import { isoDate } from "@/lib/validation";
import { ENDPOINT_FOR_CV, srvEntry, type SrvEntry } from "./catalogue";
import { FUTURE_DATING_HORIZON_DAYS } from "./checks";
import { REFERENCE_EUI } from "./reference-premises";
import { freshCounter } from "./requests";
import { DUIS_NS, escapeXml } from "./xml";

/** The DUIS schema version the composer writes. */
export const REQUEST_SCHEMA_VERSION = "5.4";

/** The SRVs the composer builds: reads, supply, the import tariff, schedules. */
export const COMPOSER_SRVS = ["4.1.1", "4.8.1", "4.17", "7.4", "11.2", "6.2.7", "7.1", "7.2", "7.3", "1.1.1", "5.1", "5.2", "5.3"] as const;
export type ComposerSrv = (typeof COMPOSER_SRVS)[number];

/** What a DCC Schedule (5.1) built here repeats: a read whose log period the DCC fills in at each run. */
export const SCHEDULABLE_SRVS = ["4.17", "4.8.1"] as const;
export const SCHEDULE_FREQUENCIES = ["Daily", "Weekly", "Monthly"] as const;

/** Largest DSPScheduleID the schema allows. */
const MAX_SCHEDULE_ID = 1_000_000_000_000;
/** Tariff prices are written at scale -4 (GBP × 10^-4, i.e. hundredths of a penny) in a 16-bit signed value. */
const PRICE_SCALE = -4;
const MAX_PRICE = 32_767;

export const entryOf = (srv: ComposerSrv): SrvEntry => {
  const entry = srvEntry(srv);
  if (!entry) throw new Error(`SRV ${srv} is not in the catalogue.`);
  return entry;
};

/** The Command Variant the composer sends each kind with: Non-Device 8, Critical 4 (Transform first), otherwise 1. */
export function commandVariantFor(srv: ComposerSrv): number {
  const entry = entryOf(srv);
  return entry.nonDevice ? 8 : entry.critical ? 4 : 1;
}

export const endpointFor = (commandVariant: number) => ENDPOINT_FOR_CV[commandVariant];

// ── The form ────────────────────────────────────────────────────────────────────────────────────────────────────

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A `datetime-local` value (London wall clock, yyyy-MM-ddTHH:mm) as the instant it names. */
const londonDateTime = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `${label}: give a date and time, e.g. 2026-11-24T09:30.`)
      .refine((v) => isoDate().safeParse(v.slice(0, 10)).success && Number(v.slice(11, 13)) < 24 && Number(v.slice(14, 16)) < 60, `${label} is not a real date and time.`)
      .transform((v) => londonAt(v.slice(0, 10), Number(v.slice(11, 13)), Number(v.slice(14, 16))))
      .optional(),
  );

const eui = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(40, `${label}: 16 hexadecimal digits, e.g. 00-DB-12-34-56-78-90-A0.`)
      .transform((v, ctx) => parseEui64(v) ?? (ctx.addIssue({ code: "custom", message: `${label}: 16 hexadecimal digits, e.g. 00-DB-12-34-56-78-90-A0.` }), z.NEVER))
      .optional(),
  );

/** Pence with at most two decimals, as the tariff's integer at scale -4. */
const pence = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, `${label}: pence, with at most two decimals, e.g. 24.50.`)
      .transform((v) => Math.round(Number(v) * 100))
      .refine((v) => v <= MAX_PRICE, `${label}: at most ${MAX_PRICE / 100} pence.`)
      .optional(),
  );

const optionalDay = (label: string) => z.preprocess(blankToUndefined, isoDate(`${label}: give the date as YYYY-MM-DD, e.g. 2026-11-24.`).optional());

export const composeSchema = z
  .object({
    srv: z.enum(COMPOSER_SRVS, "Choose the Service Request to send."),
    deviceId: eui("The Device ID"),
    executionDateTime: londonDateTime("The execution date and time"),
    readFrom: londonDateTime("The start of the read period"),
    readTo: londonDateTime("The end of the read period"),
    standingCharge: pence("The standing charge"),
    unitRate: pence("The unit rate"),
    scheduledSrv: z.preprocess(blankToUndefined, z.enum(SCHEDULABLE_SRVS, "Choose the read to schedule.").optional()),
    frequency: z.preprocess(blankToUndefined, z.enum(SCHEDULE_FREQUENCIES, "Choose how often the schedule runs.").optional()),
    startDate: optionalDay("The start date"),
    endDate: optionalDay("The end date"),
    scheduleId: z.preprocess(
      blankToUndefined,
      z.coerce
        .number("The DSPScheduleID is a number.")
        .int("The DSPScheduleID is a whole number.")
        .min(0, "The DSPScheduleID is a whole number.")
        .max(MAX_SCHEDULE_ID, "The DSPScheduleID is at most 1000000000000.")
        .optional(),
    ),
  })
  // Runs even when fields failed, so that every problem shows at once; a failed field is then not a value of its type.
  .superRefine(
    (f, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      const given = (value: unknown) => value !== undefined;
      const date = (value: unknown): value is Date => value instanceof Date;
      const day = (value: unknown): value is string => typeof value === "string";
      const entry = entryOf(f.srv);
      if ((!entry.nonDevice || f.srv === "5.1") && !given(f.deviceId)) issue("deviceId", "The Device ID is required.");
      if (date(f.executionDateTime)) {
        const ms = f.executionDateTime.getTime() - now().getTime();
        if (!entry.futureDated) issue("executionDateTime", `SRV ${f.srv} cannot be future-dated: leave the execution date and time empty.`);
        else if (ms <= 0) issue("executionDateTime", "The execution date and time must be in the future.");
        else if (ms > FUTURE_DATING_HORIZON_DAYS * 86_400_000) issue("executionDateTime", `The execution date and time can be at most ${FUTURE_DATING_HORIZON_DAYS} days ahead.`);
      }
      if (f.srv === "4.8.1" || f.srv === "4.17") {
        if (!given(f.readFrom)) issue("readFrom", "The start of the read period is required.");
        if (!given(f.readTo)) issue("readTo", "The end of the read period is required.");
        if (date(f.readFrom) && date(f.readTo) && f.readTo.getTime() <= f.readFrom.getTime()) issue("readTo", "The end of the read period must be after its start.");
      }
      if (f.srv === "1.1.1") {
        if (!given(f.standingCharge)) issue("standingCharge", "The standing charge is required.");
        if (!given(f.unitRate)) issue("unitRate", "The unit rate is required.");
      }
      if (f.srv === "5.1") {
        if (!given(f.scheduledSrv)) issue("scheduledSrv", "Choose the read to schedule.");
        if (!given(f.frequency)) issue("frequency", "Choose how often the schedule runs.");
        if (!given(f.startDate)) issue("startDate", "The start date is required.");
        else if (day(f.startDate) && f.startDate < londonDate(now())) issue("startDate", "The start date cannot be in the past.");
        if (day(f.startDate) && day(f.endDate) && f.endDate < f.startDate) issue("endDate", "The end date cannot be before the start date.");
      }
      if ((f.srv === "5.2" || f.srv === "5.3") && !given(f.scheduleId) && !given(f.deviceId)) {
        issue("scheduleId", "Give the DSPScheduleID, or a Device ID for all of your schedules on that device.");
      }
    },
    { when: (payload) => COMPOSER_SRVS.includes((payload.value as { srv?: ComposerSrv }).srv!) },
  );

export type ComposeInput = z.input<typeof composeSchema>;
/** The form's field names. */
export const COMPOSE_FIELDS = Object.keys(composeSchema.shape) as (keyof ComposeInput)[];
export type ComposeFields = z.output<typeof composeSchema>;

// ── The XML ─────────────────────────────────────────────────────────────────────────────────────────────────────

const el = (name: string, content = "") => (content === "" ? `<sr:${name}/>` : `<sr:${name}>${content}</sr:${name}>`);
const text = (name: string, value: string | number) => el(name, escapeXml(String(value)));
const instant = (at: Date) => at.toISOString();

/** ExecutionDateTime comes first in every future-datable SR element (the schema's base type). */
const execution = (f: ComposeFields) => (f.executionDateTime ? text("ExecutionDateTime", instant(f.executionDateTime)) : "");

const readLogPeriod = (f: ComposeFields) => el("ReadLogPeriod", text("StartDateTime", instant(f.readFrom!)) + text("EndDateTime", instant(f.readTo!)));

/** A date of the tariff's calendar: every element a choice between a value and "not specified". */
const tariffDate = (month: number, dayOfMonth: number) =>
  el("Year", el("NonSpecifiedYear")) + el("Month", text("SpecifiedMonth", month)) + el("DayOfMonth", text("SpecifiedDayOfMonth", dayOfMonth)) + el("DayOfWeek", el("NonSpecifiedDayOfWeek"));

/** An unreachable block threshold: a time-of-use tariff with no blocks sets each of its eight thresholds to it. */
const NO_THRESHOLD = 4_294_967_295;

/**
 * The smallest valid electricity import tariff: single rate all year. One day profile at TOU rate 1 from midnight,
 * one week of that day, one season from 1 January, no special days, the eight threshold rows unreachable, and the
 * standing charge and the one TOU price at scale -4.
 */
function singleRateTariff(f: ComposeFields): string {
  const dayProfile = el("DayProfile", text("DayName", 1) + el("ProfileSchedule", text("StartTime", "00:00:00Z") + text("TOUTariffAction", 1)));
  const week = el("WeekProfile", text("WeekName", 1) + Array.from({ length: 7 }, (_, i) => `<sr:ReferencedDayName index="${i + 1}">1</sr:ReferencedDayName>`).join(""));
  const season = el("Season", text("SeasonName", "all") + el("SeasonStartDate", tariffDate(1, 1)) + text("ReferencedWeekName", 1));
  const thresholds = Array.from({ length: 8 }, (_, i) => `<sr:Thresholds index="${i + 1}"><sr:BlockThreshold index="1">${NO_THRESHOLD}</sr:BlockThreshold></sr:Thresholds>`).join("");
  const tariff = el(
    "ElecTariffElements",
    text("CurrencyUnits", "GBP") +
      el("SwitchingTable", el("DayProfiles", dayProfile) + el("WeekProfiles", week) + el("Seasons", season)) +
      el("SpecialDays") +
      el("ThresholdMatrix", thresholds),
  );
  const prices = el(
    "PriceElements",
    el(
      "ElectricityPriceElements",
      text("StandingCharge", f.standingCharge!) +
        text("StandingChargeScale", PRICE_SCALE) +
        text("PriceScale", PRICE_SCALE) +
        el("TOUTariff", `<sr:TOUPrice index="1">${f.unitRate!}</sr:TOUPrice>`),
    ),
  );
  return tariff + prices;
}

/** The DCC-scheduled read's element in CreateSchedule, with the log period as offsets from each run: the previous day. */
const SCHEDULED_READ: Record<(typeof SCHEDULABLE_SRVS)[number], string> = {
  "4.17": "DSPRetrieveDailyConsumptionLog",
  "4.8.1": "DSPReadActiveImportProfileData",
};

function createSchedule(f: ComposeFields): string {
  const scheduled = entryOf(f.scheduledSrv!);
  const offsets = text("StartDateOffset", -1) + text("StartTime", "00:00:00Z") + text("EndDateOffset", 0) + text("EndTime", "00:00:00Z");
  return (
    text("ScheduleFrequency", f.frequency!) +
    text("ScheduleStartDate", f.startDate!) +
    (f.endDate ? text("ScheduleEndDate", f.endDate) : "") +
    text("DSPScheduledServiceReference", scheduled.serviceReference) +
    text("DSPScheduledServiceReferenceVariant", scheduled.srv) +
    text("DeviceID", formatEui64(f.deviceId!)) +
    el(SCHEDULED_READ[f.scheduledSrv!], offsets)
  );
}

/** ReadSchedule and DeleteSchedule name one schedule, or a device for all of the sender's schedules on it. */
const whichSchedules = (f: ComposeFields) => (f.scheduleId !== undefined ? text("DSPScheduleID", f.scheduleId) : text("DeviceID", formatEui64(f.deviceId!)));

/** The content of the SRV's body element. */
function bodyContent(f: ComposeFields): string {
  switch (f.srv) {
    case "4.1.1":
    case "11.2":
      return execution(f);
    case "4.8.1":
    case "4.17":
      return execution(f) + readLogPeriod(f);
    case "1.1.1":
      return execution(f) + singleRateTariff(f);
    case "5.1":
      return createSchedule(f);
    case "5.2":
    case "5.3":
      return whichSchedules(f);
    case "7.1":
    case "7.2":
    case "7.3":
    case "7.4":
    case "6.2.7":
      return "";
  }
}

/** An unsigned sr:Request with this header around the SR element `body` (the portal's SMI forms build theirs with it too). */
export function requestXml(header: { requestId: string; commandVariant: number; serviceReference: string; srv: string }, body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<sr:Request xmlns:sr="${DUIS_NS.sr}" xmlns:ds="${DUIS_NS.ds}" schemaVersion="${REQUEST_SCHEMA_VERSION}">` +
    el(
      "Header",
      text("RequestID", header.requestId) + text("CommandVariant", header.commandVariant) + text("ServiceReference", header.serviceReference) + text("ServiceReferenceVariant", header.srv),
    ) +
    el("Body", body) +
    `</sr:Request>`
  );
}

export interface ComposedRequest {
  xml: string;
  requestId: string;
  commandVariant: number;
  endpoint: "serviceS" | "serviceT" | "serviceD";
  srv: ComposerSrv;
}

/**
 * The unsigned request for the checked form, from `originatorEui` (the sender's party): to the device, or to the
 * DCC for Non-Device SRVs, with a fresh counter (lib/duis/requests.ts) unless one is given.
 */
export function buildRequest(fields: ComposeFields, originatorEui: string, counter: string = freshCounter()): ComposedRequest {
  const entry = entryOf(fields.srv);
  const targetEui = entry.nonDevice ? REFERENCE_EUI.dcc : fields.deviceId!;
  const requestId = `${formatEui64(originatorEui)}:${formatEui64(targetEui)}:${counter}`;
  const commandVariant = commandVariantFor(fields.srv);
  const xml = requestXml({ requestId, commandVariant, serviceReference: entry.serviceReference, srv: entry.srv }, el(entry.bodyElements[0], bodyContent(fields)));
  return { xml, requestId, commandVariant, endpoint: endpointFor(commandVariant), srv: fields.srv };
}

/** Parse the form (every problem at once, as zod issues) and build the request. */
export function composeRequestXml(input: ComposeInput, originatorEui: string, counter?: string): ComposedRequest {
  return buildRequest(composeSchema.parse(input), originatorEui, counter);
}

