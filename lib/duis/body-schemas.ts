// The project's own description of every DUIS 5.4 Service Request body: for each SR element, its children in order
// with how often each may occur, the choices between them, its attributes and the format of every value. The facts
// (names, occurrences, formats) come from the DUIS 5.4 schema, in this structure of ours; lib/duis/verify.ts walks it.
// It is not the whole XSD (whitespace facets, for one, are not modelled), but every reference request passes it.

/** The format a text value must have. Integers are compared as bigint: some DUIS counters exceed 2^53. */
export type Format =
  | { readonly kind: "dateTime" | "date" | "time" | "boolean" | "eui64" | "eui64List" | "requestId" | "mpan" | "mprn" | "mpxn" }
  | { readonly kind: "integer"; readonly min: bigint | null; readonly max: bigint | null }
  | { readonly kind: "decimal"; readonly min?: number; readonly max?: number; readonly above?: number; readonly below?: number; readonly fractionDigits?: number }
  | { readonly kind: "hex"; readonly minBytes: number; readonly maxBytes: number | null }
  | { readonly kind: "base64"; readonly maxBytes: number | null }
  | { readonly kind: "text"; readonly minLength: number; readonly maxLength: number | null; readonly pattern?: RegExp }
  | { readonly kind: "enum"; readonly values: readonly string[] };

/** What an element may hold: child elements (content), or a text value, plus attributes (all of them required). */
export interface ElementType {
  readonly content: Particle | null;
  readonly value: Format | null;
  readonly attributes: Readonly<Record<string, Format>>;
}

/** One element, or an ordered sequence, or a choice of one alternative, each allowed min..max times. */
export type Particle = { readonly min: number; readonly max: number } & (
  | { readonly element: string; readonly type: ElementType }
  | { readonly sequence: readonly Particle[] }
  | { readonly choice: readonly Particle[] }
);

/** "" once, "?" optional, "*" any number, "+" at least once, "m..n" between m and n times. */
type Occurs = "" | "?" | "*" | "+" | `${number}..${number}`;

function occurs(spec: Occurs): { min: number; max: number } {
  if (spec === "") return { min: 1, max: 1 };
  if (spec === "?") return { min: 0, max: 1 };
  if (spec === "*") return { min: 0, max: Infinity };
  if (spec === "+") return { min: 1, max: Infinity };
  const [min, max] = spec.split("..").map(Number);
  return { min, max };
}

const isFormat = (type: Format | ElementType): type is Format => "kind" in type;

const el = (element: string, type: Format | ElementType, spec: Occurs = ""): Particle => ({
  element,
  type: isFormat(type) ? valued(type) : type,
  ...occurs(spec),
});
const seq = (sequence: Particle[], spec: Occurs = ""): Particle => ({ sequence, ...occurs(spec) });
const choice = (alternatives: Particle[], spec: Occurs = ""): Particle => ({ choice: alternatives, ...occurs(spec) });
const cx = (content: Particle | null, attributes: Record<string, Format> = {}): ElementType => ({ content, value: null, attributes });
const valued = (value: Format, attributes: Record<string, Format> = {}): ElementType => ({ content: null, value, attributes });
/** An element with neither children nor text (the schema's marker elements, e.g. <sr:Credit/>). */
const empty: ElementType = cx(null);

const dateTime: Format = { kind: "dateTime" };
const date: Format = { kind: "date" };
const time: Format = { kind: "time" };
const boolean: Format = { kind: "boolean" };
const eui64: Format = { kind: "eui64" };
const eui64List: Format = { kind: "eui64List" };
const requestId: Format = { kind: "requestId" };
// MPxNs as DUIS carries them: no check digit (decisions.md D4: the reference test data fails it).
const mpan: Format = { kind: "mpan" };
const mprn: Format = { kind: "mprn" };
const mpxn: Format = { kind: "mpxn" };
const int = (min: bigint | null, max: bigint | null): Format => ({ kind: "integer", min, max });
const int16 = int(-32768n, 32767n);
const uint16 = int(0n, 65535n);
const int32 = int(-2147483648n, 2147483647n);
const uint32 = int(0n, 4294967295n);
const decimal = (bounds: Omit<Extract<Format, { kind: "decimal" }>, "kind">): Format => ({ kind: "decimal", ...bounds });
const hex = (minBytes: number, maxBytes: number | null): Format => ({ kind: "hex", minBytes, maxBytes });
const base64 = (maxBytes: number | null = null): Format => ({ kind: "base64", maxBytes });
const text = (minLength: number, maxLength: number | null, pattern?: RegExp): Format => ({ kind: "text", minLength, maxLength, pattern });
const oneOf = (values: string[]): Format => ({ kind: "enum", values });

// ---- Shared contents, in dependency order; then the SR elements.

const ElecProfileSchedulePrimary = cx(seq([
  el("StartTime", time),
  choice([el("TOUTariffAction", int(1n, 48n)), el("BlockTariffAction", int(1n, 8n))]),
]));
const ElecDayProfilePrimary = cx(seq([
  el("DayName", int(1n, 16n)),
  el("ProfileSchedule", ElecProfileSchedulePrimary, "1..48"),
]));
const ElecDayProfiles = cx(el("DayProfile", ElecDayProfilePrimary, "1..16"));
const ElecReferencedDayName = valued(int(1n, 16n), { index: int(1n, 7n) });
const ElecWeekProfile = cx(seq([el("WeekName", int(1n, 4n)), el("ReferencedDayName", ElecReferencedDayName, "7..7")]));
const ElecWeekProfiles = cx(el("WeekProfile", ElecWeekProfile, "1..4"));
const Year = cx(choice([el("SpecifiedYear", int(2014n, 9999n)), el("NonSpecifiedYear", empty)]));
const Month = cx(choice([el("SpecifiedMonth", int(1n, 12n)), el("NonSpecifiedMonth", empty)]));
const DayOfMonth = cx(choice([
  el("SpecifiedDayOfMonth", int(1n, 31n)),
  el("LastDayOfMonth", empty),
  el("SecondLastDayOfMonth", empty),
  el("NonSpecifiedDayOfMonth", empty),
]));
const DayOfWeek = cx(choice([el("SpecifiedDayOfWeek", int(1n, 7n)), el("NonSpecifiedDayOfWeek", empty)]));
const CalendarDate = cx(seq([
  el("Year", Year),
  el("Month", Month),
  el("DayOfMonth", DayOfMonth),
  el("DayOfWeek", DayOfWeek),
]));
const ElecSeasonPrimary = cx(seq([
  el("SeasonName", text(0, 8)),
  el("SeasonStartDate", CalendarDate),
  el("ReferencedWeekName", int(1n, 4n)),
]));
const ElecSeasonsPrimary = cx(el("Season", ElecSeasonPrimary, "1..4"));
const ElecSwitchingTablePrimary = cx(seq([
  el("DayProfiles", ElecDayProfiles),
  el("WeekProfiles", ElecWeekProfiles),
  el("Seasons", ElecSeasonsPrimary),
]));
const ElecSpecialDayPrimary = cx(seq([el("Date", CalendarDate), el("ReferencedDayName", int(1n, 16n))]));
const ElecSpecialDaysPrimary = cx(el("SpecialDay", ElecSpecialDayPrimary, "0..50"));
const ElecThresholds = cx(el("BlockThreshold", valued(uint32, { index: int(1n, 3n) }), "1..3"), { index: int(1n, 8n) });
const ElecThresholdMatrix = cx(el("Thresholds", ElecThresholds, "8..8"));
const ElecTariffElements = cx(seq([
  el("CurrencyUnits", oneOf(["GBP", "ECB"])),
  el("SwitchingTable", ElecSwitchingTablePrimary),
  el("SpecialDays", ElecSpecialDaysPrimary),
  el("ThresholdMatrix", ElecThresholdMatrix),
]));
const GasDayProfile = cx(seq([
  el("DayName", int(1n, 4n)),
  choice([el("TOUTariffAction", int(1n, 4n)), el("BlockTariff", empty)]),
]));
const GasDayProfiles = cx(el("DayProfile", GasDayProfile, "1..4"));
const GasReferencedDayName = valued(int(1n, 4n), { index: int(1n, 7n) });
const WeekProfileGas = cx(seq([el("WeekName", int(1n, 2n)), el("ReferencedDayName", GasReferencedDayName, "7..7")]));
const GasWeekProfiles = cx(el("WeekProfile", WeekProfileGas, "1..2"));
const GasYearWithWildcards = cx(choice([el("SpecifiedYear", int(2014n, 9999n)), el("NonSpecifiedYear", empty)]));
const GasMonthWithWildcards = cx(choice([el("SpecifiedMonth", int(1n, 12n)), el("NonSpecifiedMonth", empty)]));
const GasDayOfMonthWithWildcards = cx(choice([
  el("SpecifiedDayOfMonth", int(1n, 31n)),
  el("GasNonSpecifiedDayOfMonth", empty),
]));
const GasDayOfWeekWithWildcards = cx(choice([
  el("SpecifiedDayOfWeek", int(1n, 7n)),
  el("NonSpecifiedDayOfWeek", empty),
]));
const GasDateWithWildcards = cx(seq([
  el("GasYearWithWildcards", GasYearWithWildcards),
  el("GasMonthWithWildcards", GasMonthWithWildcards),
  el("GasDayOfMonthWithWildcards", GasDayOfMonthWithWildcards),
  el("GasDayOfWeekWithWildcards", GasDayOfWeekWithWildcards),
]));
const GasSeason = cx(seq([el("SeasonStartDate", GasDateWithWildcards), el("ReferencedWeekName", int(1n, 2n))]));
const GasSeasons = cx(el("Season", GasSeason, "1..3"));
const GasSwitchingTable = cx(seq([
  el("DayProfiles", GasDayProfiles),
  el("WeekProfiles", GasWeekProfiles),
  el("Seasons", GasSeasons),
]));
const GasSpecialDay = cx(seq([el("Date", GasDateWithWildcards), el("ReferencedDayName", int(1n, 4n))]));
const GasSpecialDays = cx(el("SpecialDay", GasSpecialDay, "0..20"));
const GasThreshold = valued(int(0n, 281474976710655n), { index: int(1n, 3n) });
const GasThresholdMatrix = cx(el("BlockThreshold", GasThreshold, "1..3"));
const GasTariffElements = cx(seq([
  el("SwitchingTable", GasSwitchingTable),
  el("SpecialDays", GasSpecialDays),
  el("ThresholdMatrix", GasThresholdMatrix),
]));
const ElecBlockPrice = valued(int16, { index: int(1n, 4n) });
const ElecBlocks = cx(el("BlockPrice", ElecBlockPrice, "1..4"), { index: int(1n, 8n) });
const ElecBlockTariff = cx(el("BlockPrices", ElecBlocks, "1..8"));
const ElecPrimaryTOUPrice = valued(int16, { index: int(1n, 48n) });
const ElecTOUTariff = cx(el("TOUPrice", ElecPrimaryTOUPrice, "1..48"));
const ElecHybridTariff = cx(seq([el("BlockPrices", ElecBlocks, "1..8"), el("TOUPrice", ElecPrimaryTOUPrice, "1..48")]));
const ElecPriceElementsPrimary = cx(seq([
  el("StandingCharge", int16),
  el("StandingChargeScale", int(-128n, 127n)),
  el("PriceScale", int(-128n, 127n)),
  choice([el("BlockTariff", ElecBlockTariff), el("TOUTariff", ElecTOUTariff), el("HybridTariff", ElecHybridTariff)]),
]));
const GasBlockPrice = valued(uint32, { index: int(1n, 4n) });
const GasBlockPriceMatrix = cx(seq([el("BlockPrice", GasBlockPrice, "1..4"), el("NumberOfThresholds", int(1n, 3n))]));
const GasTOUPrice = valued(uint32, { index: int(1n, 4n) });
const GasTOUPriceMatrix = cx(el("TOUPrice", GasTOUPrice, "1..4"));
const GasPriceElements = cx(seq([
  el("CurrencyUnits", oneOf(["GBP", "ECB"])),
  el("StandingCharge", uint32),
  choice([el("BlockTariff", GasBlockPriceMatrix), el("TOUTariff", GasTOUPriceMatrix)]),
]));
const PricePrimary = cx(choice([
  el("ElectricityPriceElements", ElecPriceElementsPrimary),
  el("GasPriceElements", GasPriceElements),
]));
const TariffPrimaryElement = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  choice([el("ElecTariffElements", ElecTariffElements), el("GasTariffElements", GasTariffElements)]),
  el("PriceElements", PricePrimary),
]));
const ElecProfileScheduleSecondary = cx(seq([el("StartTime", time), el("TOUTariffAction", int(1n, 4n))]));
const ElecDayProfileSecondary = cx(seq([
  el("DayName", int(1n, 16n)),
  el("ProfileSchedule", ElecProfileScheduleSecondary, "1..48"),
]));
const ElecDayProfilesSecondary = cx(el("DayProfile", ElecDayProfileSecondary, "1..16"));
const ElecSeasonSecondary = cx(seq([
  el("SeasonName", text(0, 8)),
  el("SeasonStartDate", CalendarDate),
  el("ReferencedWeekName", int(1n, 4n)),
]));
const ElecSeasonsSecondary = cx(el("Season", ElecSeasonSecondary, "1..4"));
const ElecSwitchingTableSecondary = cx(seq([
  el("DayProfiles", ElecDayProfilesSecondary),
  el("WeekProfiles", ElecWeekProfiles),
  el("Seasons", ElecSeasonsSecondary),
]));
const ElecSpecialDaySecondary = cx(seq([el("Date", CalendarDate), el("ReferencedDayName", int(1n, 16n))]));
const ElecSpecialDaysSecondary = cx(el("SpecialDay", ElecSpecialDaySecondary, "0..50"));
const ElecSecondaryTOUPrice = valued(int16, { index: int(1n, 4n) });
const PriceSecondary = cx(seq([
  el("PriceScale", int(-128n, 127n)),
  el("ElectricityPriceElement", ElecSecondaryTOUPrice, "1..4"),
]));
const TariffSecondaryElement = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("SwitchingTable", ElecSwitchingTableSecondary),
  el("SpecialDays", ElecSpecialDaysSecondary),
  el("PriceElements", PriceSecondary),
]));
const UpdatePricePrimaryElement = cx(seq([el("ExecutionDateTime", dateTime, "?"), el("PriceElements", PricePrimary)]));
const UpdatePriceSecondaryElement = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("PriceElements", PriceSecondary),
]));
const AdjustOrReset = cx(choice([el("AdjustMeterBalance", int32), el("ResetMeterBalance", empty)]));
const UpdateMeterBalance = cx(choice([el("PrepaymentMode", AdjustOrReset), el("CreditMode", AdjustOrReset)]));
const UpdatePaymentMode = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  choice([
    el("Credit", empty),
    el("Prepayment", cx(seq([
      el("SuspendDebtDisabled", boolean),
      el("SuspendDebtEmergency", boolean),
      el("DisablementThreshold", int32),
    ]))),
  ]),
]));
const ElecSpecialDaysPrepayment = cx(el("SpecialDay", cx(el("Date", CalendarDate), { index: int(1n, 20n) }), "0..20"));
const SpecialDayApplicability = cx(el("SpecialDayID", int(1n, 20n)));
const SpecialDaysApplicability = cx(el("SpecialDayApplicability", SpecialDayApplicability, "0..20"));
const DayOfWeekApplicability = cx(el("DayOfWeekID", oneOf([
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
])));
const DaysOfWeekApplicability = cx(el("DayOfWeekApplicability", DayOfWeekApplicability, "0..7"));
const ScheduleDatesAndTimeWithoutWildcards = cx(seq([
  el("SwitchTime", time),
  el("StartDate", date),
  el("EndDate", date),
]));
const ElectricityNonDisablementSchedule = cx(seq([
  el("NonDisablementScript", oneOf(["START", "STOP"])),
  el("SpecialDaysApplicability", SpecialDaysApplicability),
  el("DaysOfWeekApplicability", DaysOfWeekApplicability),
  el("ScheduleDatesAndTime", ScheduleDatesAndTimeWithoutWildcards),
]));
const ElectricityNonDisablementCalendar = cx(seq([
  el("ElectricitySpecialDays", ElecSpecialDaysPrepayment),
  el("ElectricityNonDisablementSchedule", ElectricityNonDisablementSchedule, "1..22"),
]));
const UpdatePrepayConfigElec = cx(seq([
  el("DebtRecoveryRateCap", uint16),
  el("EmergencyCreditLimit", int32),
  el("EmergencyCreditThreshold", int32),
  el("LowCreditThreshold", int32),
  el("ElectricityNonDisablementCalendar", ElectricityNonDisablementCalendar),
  el("MaxMeterBalance", int32),
  el("MaxCreditThreshold", int32),
]));
const GasNonDisablementTimeStartAction = cx(seq([
  el("StartTime", time),
  el("NonDisablementAction", oneOf(["START", "STOP"])),
]));
const GasNonDisablementDayProfile = cx(seq([
  el("TimeStartAction", GasNonDisablementTimeStartAction, "1..3"),
  el("GasDayName", int(1n, 5n)),
]));
const GasNonDisablementDayProfiles = cx(el("GasNonDisablementDayProfile", GasNonDisablementDayProfile, "1..5"));
const GasReferencedDayNameNonDisablement = valued(int(1n, 5n), { index: int(1n, 7n) });
const WeekProfileGasNonDisablement = cx(seq([
  el("WeekName", int(1n, 2n)),
  el("ReferencedDayName", GasReferencedDayNameNonDisablement, "7..7"),
]));
const GasWeekProfilesNonDisablement = cx(el("WeekProfile", WeekProfileGasNonDisablement, "1..2"));
const GasSeasonNonDisablement = cx(seq([
  el("SeasonStartDate", GasDateWithWildcards),
  el("ReferencedWeekName", int(1n, 2n)),
]));
const GasSeasonsNonDisablement = cx(el("Season", GasSeasonNonDisablement, "1..3"));
const GasSpecialDayNonDisablement = cx(seq([el("Date", GasDateWithWildcards), el("ReferencedDayName", int(1n, 5n))]));
const GasSpecialDaysNonDisablement = cx(el("SpecialDay", GasSpecialDayNonDisablement, "0..20"));
const GasNonDisablementCalendar = cx(seq([
  el("DayProfiles", GasNonDisablementDayProfiles),
  el("WeekProfiles", GasWeekProfilesNonDisablement),
  el("SeasonProfiles", GasSeasonsNonDisablement),
  el("SpecialDays", GasSpecialDaysNonDisablement),
]));
const UpdatePrepayConfigGas = cx(seq([
  el("DebtRecoveryRateCap", int32),
  el("EmergencyCreditLimit", uint32),
  el("EmergencyCreditThreshold", uint32),
  el("LowCreditThreshold", uint32),
  el("GasNonDisablementCalendar", GasNonDisablementCalendar),
  el("MaxMeterBalance", uint32),
  el("MaxCreditThreshold", uint32),
]));
const UpdatePrepayConfiguration = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  choice([
    el("UpdatePrepayConfigElectricity", UpdatePrepayConfigElec),
    el("UpdatePrepayConfigGas", UpdatePrepayConfigGas),
  ]),
]));
const TopUpDevice = cx(el("UTRN", text(20, 20, /^[0-9]{20}$/)));
const ElecDebtRecovery = cx(seq([
  el("DebtRecoveryRate", int16),
  el("DebtRecoveryRatePriceScale", int(-128n, 127n)),
  el("DebtRecoveryRatePeriod", oneOf(["HOURLY", "DAILY"])),
]));
const GasDebtRecovery = cx(seq([
  el("DebtRecoveryRate", int32),
  el("DebtRecoveryRatePeriod", oneOf(["HOURLY", "DAILY"])),
]));
const UpdateDebt = cx(seq([
  el("TimeDebtRegister1", int32),
  el("TimeDebtRegister2", int32),
  el("PaymentDebtRegister", int32),
  el("DebtRecoveryPerPayment", int(0n, 10000n)),
  choice([
    seq([el("ElecDebtRecovery1", ElecDebtRecovery), el("ElecDebtRecovery2", ElecDebtRecovery)]),
    seq([el("GasDebtRecovery1", GasDebtRecovery), el("GasDebtRecovery2", GasDebtRecovery)]),
  ]),
]));
const DisplayMessage = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("SupplierMessage", text(1, 116, /^[ -~]+$/)),
]));
const RestrictAccessForChangeOfTenancy = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("RestrictionDateTime", dateTime),
]));
const ClearEventLog = cx(el("ESMEEventLogType", oneOf(["ESME", "ALCS"]), "?"));
const UpdateSupplierName = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("SupplierName", text(0, 15, /^[ -~]+$/)),
  el("SupplierTelephoneNumber", text(0, 18, /^[0-9 ]+$/)),
]));
const ReadInstantaneousImportRegisters = cx(el("ExecutionDateTime", dateTime, "?"));
const ReadDataOnDemandOrFutureDated = cx(el("ExecutionDateTime", dateTime, "?"));
const ReadLogPeriod = cx(seq([el("StartDateTime", dateTime), el("EndDateTime", dateTime)]));
const Certificate = base64();
const ReadLogFutureDatableAndURPCredentials = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("ReadLogPeriod", ReadLogPeriod),
  seq([el("KAPublicSecurityCredentials", Certificate)], "?"),
]));
const ReadLogFutureDatable = cx(seq([el("ExecutionDateTime", dateTime, "?"), el("ReadLogPeriod", ReadLogPeriod)]));
const ScheduleFrequency = oneOf(["Daily", "Weekly", "Monthly", "Quarterly", "Half-Yearly", "Yearly"]);
const DSPScheduledServiceReference = oneOf([
  "4.2",
  "4.6",
  "4.8",
  "4.10",
  "4.12",
  "4.14",
  "4.15",
  "4.16",
  "4.17",
  "14.1",
]);
const DSPScheduledServiceReferenceVariant = oneOf([
  "4.2",
  "4.6.1",
  "4.6.2",
  "4.8.1",
  "4.8.2",
  "4.8.3",
  "4.10",
  "4.12.1",
  "4.12.2",
  "4.14",
  "4.15",
  "4.16",
  "4.17",
  "14.1",
]);
const ReadLogPeriodOffset = cx(seq([
  el("StartDateOffset", int(-400n, 0n)),
  el("StartTime", time),
  el("EndDateOffset", int(-400n, 0n)),
  el("EndTime", time),
]));
const DSPSchedule = cx(seq([
  el("ScheduleFrequency", ScheduleFrequency),
  el("ScheduleStartDate", date),
  el("ScheduleEndDate", date, "?"),
  el("ScheduleExecutionStartTime", time, "?"),
  el("KAPublicSecurityCredential", Certificate, "?"),
  el("DSPScheduledServiceReference", DSPScheduledServiceReference),
  el("DSPScheduledServiceReferenceVariant", DSPScheduledServiceReferenceVariant),
  el("DeviceID", eui64),
  choice([
    el("DSPRetrieveImportDailyReadLog", ReadLogPeriodOffset),
    el("DSPRetrieveExportDailyReadLog", ReadLogPeriodOffset),
    el("DSPReadActiveImportProfileData", ReadLogPeriodOffset),
    el("DSPReadReactiveImportProfileData", ReadLogPeriodOffset),
    el("DSPReadExportProfileData", ReadLogPeriodOffset),
    el("DSPReadNetworkData", ReadLogPeriodOffset),
    el("DSPReadMaximumDemandImportRegisters", empty),
    el("DSPReadMaximumDemandExportRegisters", empty),
    el("DSPReadPrepaymentDailyReadLog", ReadLogPeriodOffset),
    el("DSPReadLoadLimitData", empty),
    el("DSPReadActivePowerImport", empty),
    el("DSPRetrieveDailyConsumptionLog", ReadLogPeriodOffset),
    el("DSPRecordNetworkDataGAS", empty),
    el("DSPReadInstantaneousExportRegisters", empty),
  ]),
]));
const ReadSchedule = cx(choice([el("DSPScheduleID", int(0n, 1000000000000n)), el("DeviceID", eui64)]));
const DeleteSchedule = cx(choice([el("DSPScheduleID", int(0n, 1000000000000n)), el("DeviceID", eui64)]));
const UpdateDeviceConfigurationLoadLimitingGeneralSettings = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("LoadLimitPeriod", uint32),
  el("LoadLimitPowerThreshold", uint32),
  el("LoadLimitRestorationPeriod", uint32),
  el("LoadLimitSupplyState", oneOf(["Disable", "Unchanged"])),
]));
const UpdateDeviceConfigurationLoadLimitingCounterReset = cx(el("ExecutionDateTime", dateTime, "?"));
const RMSVoltageSettings = cx(seq([
  el("RMSExtremeOverVoltageMeasurementPeriod", uint32),
  el("RMSExtremeOverVoltageThreshold", uint32),
  el("RMSExtremeUnderVoltageMeasurementPeriod", uint32),
  el("RMSExtremeUnderVoltageThreshold", uint32),
  el("RMSVoltageSagMeasurementPeriod", uint32),
  el("RMSVoltageSagThreshold", uint32),
  el("RMSVoltageSwellMeasurementPeriod", uint32),
  el("RMSVoltageSwellThreshold", uint32),
]));
const AverageRMSVoltageSettings = cx(seq([
  el("AverageRMSOverVoltageThreshold", uint32),
  el("AverageRMSUnderVoltageThreshold", uint32),
  el("AverageRMSVoltageMeasurementPeriod", uint32),
]));
const PolyPhaseVoltageSettings = cx(seq([
  el("Phase", int(1n, 3n)),
  el("PhaseVoltageSettings", AverageRMSVoltageSettings),
]));
const UpdateDeviceConfigurationVoltage = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("RMSVoltageSettings", RMSVoltageSettings),
  choice([
    el("SinglePhaseVoltageSettings", AverageRMSVoltageSettings),
    el("PolyPhaseVoltageSettings", PolyPhaseVoltageSettings, "3..3"),
  ]),
  el("RMSVoltageCountersNotReset", empty, "?"),
]));
const UpdateDeviceConfigurationGasConversion = cx(seq([
  el("CalorificValue", decimal({ min: 0, max: 429496729.5, fractionDigits: 1 })),
  el("ConversionFactor", decimal({ min: 0, max: 42949.67295, fractionDigits: 5 })),
]));
const UpdateDeviceConfigurationGasFlow = cx(seq([
  choice([
    el("UncontrolledGasFlowRate", uint16),
    el("UncontrolledGasFlowRateDecimal", decimal({ min: 0, max: 6.5535, fractionDigits: 4 })),
  ]),
  el("SupplyDepletionState", oneOf(["Unchanged", "Locked"])),
  el("SupplyTamperState", oneOf(["Unchanged", "Locked"])),
  el("StabilisationPeriod", int(1n, 255n)),
  el("MeasurementPeriod", int(1n, 65535n)),
]));
const BillingCalendarQSMY = cx(seq([el("DayOfMonth", int(1n, 28n)), el("BillingPeriodStartMonth", int(1n, 12n))]));
const ElectricityBillingCalendar = cx(seq([
  el("BillingTime", time),
  choice([
    el("Daily", empty),
    el("Weekly", int(1n, 7n)),
    el("Monthly", int(1n, 28n)),
    el("Quarterly", BillingCalendarQSMY),
    el("SixMonthly", BillingCalendarQSMY),
    el("Yearly", BillingCalendarQSMY),
  ]),
]));
const GasBillingCalendar = cx(seq([
  el("BillingPeriodStart", dateTime),
  el("Periodicity", oneOf(["Daily", "Weekly", "Monthly", "Quarterly", "SixMonthly", "Yearly"])),
]));
const BillingCalendar = cx(choice([
  el("ElectricityBillingCalendar", ElectricityBillingCalendar),
  el("GasBillingCalendar", GasBillingCalendar),
]));
const SynchroniseClock = cx(seq([el("CurrentDateTime", dateTime), el("TolerancePeriod", int(0n, 86400n))]));
const UpdateDeviceConfigurationInstantaneousPowerThreshold = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("LowMediumPowerThreshold", uint32),
  el("MediumHighPowerThreshold", uint32),
]));
const ReadEventOrSecurityLog = cx(seq([
  el("ReadLogPeriod", ReadLogPeriod),
  el("LogToRead", oneOf(["Event", "ALCSEvent", "PowerEvent", "Security", "GSMEEvent", "GSMESecurity"])),
]));
const ALCSHCALCSDescription = cx(el("SwitchDescription", text(0, 22, /^[ -~]+$/)), { index: int(1n, 5n) });
const UpdateDeviceConfigurationALCDescriptions = cx(choice([
  el("ALCSHCALCSDescription", ALCSHCALCSDescription, "1..5"),
]));
const ActivateDeactivateSwitch = cx(choice([
  el("ActivateSwitch", empty),
  el("DeactivateSwitch", empty),
]), { index: int(1n, 5n) });
const ScheduleDatesAndTime = cx(seq([
  el("SwitchTime", time),
  el("StartDate", CalendarDate),
  el("EndDate", CalendarDate),
]));
const ALCSHCALCSConnectionSchedule = cx(seq([
  el("ActivateDeactivateSwitch", ActivateDeactivateSwitch),
  el("SpecialDaysApplicability", cx(null, { index: int(1n, 20n) }), "0..20"),
  el("DaysOfWeekApplicability", DaysOfWeekApplicability, "?"),
  el("ALCSScheduleDatesAndTime", ScheduleDatesAndTime),
]));
const ALCSHCALCSSpecialDays = cx(el("ALCSHCALCSSpecialDay", cx(seq([
  el("Year", Year),
  el("Month", Month),
  el("DayOfMonth", DayOfMonth),
  el("DayOfWeek", DayOfWeek),
]), { index: int(1n, 20n) }), "0..20"));
const SwitchTypeAndId = cx(choice([el("ALCS", empty), el("HCALCS", eui64)]), { index: int(1n, 5n) });
const UpdateDeviceConfigurationALCScheduler = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("ALCSHCALCSConnectionSchedule", ALCSHCALCSConnectionSchedule, "1..48"),
  el("ALCSHCALCSSpecialDays", ALCSHCALCSSpecialDays),
  el("SwitchTypeAndId", SwitchTypeAndId, "0..5"),
]));
const AuxiliaryControllerAction = cx(seq([
  el("CommandedStateLevel", int(0n, 100n)),
  el("InputFromControlledLoad", empty, "?"),
]), { auxiliaryControllerN: int(1n, 5n) });
const AuxiliaryControllerSchedule = cx(seq([
  el("AuxiliaryControllerAction", AuxiliaryControllerAction),
  el("SpecialDaysApplicability", cx(null, { identifier: int(1n, 20n) }), "0..20"),
  el("DaysOfWeekApplicability", DaysOfWeekApplicability, "?"),
  el("AuxiliaryControllerSchedulePeriodAndTime", ScheduleDatesAndTime),
]));
const AuxiliaryControllerSpecialDayDefinitions = cx(el("AuxiliaryControllerSpecialDayDefinition", cx(seq([
  el("Year", Year),
  el("Month", Month),
  el("DayOfMonth", DayOfMonth),
  el("DayOfWeek", DayOfWeek),
]), { identifier: int(1n, 20n) }), "0..20"));
const UpdateDeviceConfigurationAuxiliaryControllerScheduler = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("AuxiliaryControllerSchedule", AuxiliaryControllerSchedule, "0..120"),
  el("AuxiliaryControllerSpecialDayDefinitions", AuxiliaryControllerSpecialDayDefinitions),
]));
const RemotePartyRole = oneOf(["ACB", "NetworkOperator", "Recovery", "Root", "Supplier", "TransCoS", "LoadController"]);
const SupplierOrNetworkOperatorCertificatesKRP = cx(seq([
  el("DigitalSigningCertificate", Certificate, "?"),
  el("KeyAgreementCertificate", Certificate, "?"),
  el("KeyAgreementTopUpCertificate", Certificate, "?"),
]));
const ReplacementCertificatesKRP = cx(choice([
  el("SupplierOrNetworkOperatorCertificates", SupplierOrNetworkOperatorCertificatesKRP),
]));
const CertificationPathCertificates = cx(el("Certificate", Certificate, "1..3"));
const UpdateSecurityCredentialsKRP = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("RemotePartyRole", RemotePartyRole),
  el("RemotePartyFloorSeqNumber", int(0n, 9223372036854775807n), "?"),
  el("RemotePartyPrepaymentTopUpFloorSeqNumber", int(0n, 9223372036854775807n), "?"),
  el("ReplacementCertificates", ReplacementCertificatesKRP),
  el("CertificationPathCertificates", CertificationPathCertificates),
  el("ApplyTimeBasedCPVChecks", boolean),
]));
const UpdateSecurityCredentialsDevice = cx(el("DeviceCertificate", Certificate));
const CredentialType = oneOf(["Digital Signature", "Key Agreement"]);
const IssueSecurityCredentials = cx(el("CredentialType", CredentialType));
const MaximumDemandTimePeriodSchedule = cx(seq([el("StartTime", time), el("EndTime", time)]));
const SetMaximumDemandConfigurableTimePeriod = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("MaximumDemandTimePeriodSchedule", MaximumDemandTimePeriodSchedule),
]));
const ResetMaximumDemandRegisters = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("MaxDemandActivePowerImportValue", empty, "?"),
  el("MaxDemandActivePowerExportValue", empty, "?"),
  el("MaxDemandConfigTimeActivePowerImportValue", empty, "?"),
]));
const ImportMPANs = cx(seq([el("ImportMPAN", mpan), el("SecondaryImportMPAN", mpan, "?")]));
const SetDeviceConfigurationImportMPxN = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  choice([el("ImportMPANs", ImportMPANs), el("ImportMPRN", mprn)]),
]));
const SetDeviceConfiguratinExportMPAN = cx(seq([el("ExecutionDateTime", dateTime, "?"), el("ExportMPAN", mpan)]));
const ReplacementCertificatesDCCHandover = cx(seq([
  el("DigitalSigningCertificate", Certificate),
  el("KeyAgreementCertificate", Certificate, "?"),
  el("KeyAgreementTopUpCertificate", Certificate, "?"),
]));
const RequestHandoverOfDCCControlledDevice = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("RemotePartyRole", RemotePartyRole),
  el("RemotePartyFloorSeqNumber", int(0n, 9223372036854775807n), "?"),
  el("RemotePartyPrepaymentTopUpFloorSeqNumber", int(0n, 9223372036854775807n), "?"),
  el("ReplacementCertificates", ReplacementCertificatesDCCHandover),
  el("CertificationPathCertificates", CertificationPathCertificates),
  el("ApplyTimeBasedCPVChecks", boolean),
]));
const EnableDisableAlert = oneOf(["Disable", "Enable"]);
const SupplierESMECommon = cx(seq([
  el("x810D", EnableDisableAlert, "?"),
  el("x810E", EnableDisableAlert, "?"),
  el("x8119", EnableDisableAlert, "?"),
  el("x8145", EnableDisableAlert, "?"),
  el("x8154", EnableDisableAlert, "?"),
  el("x8155", EnableDisableAlert, "?"),
  el("x8161", EnableDisableAlert, "?"),
  el("x8162", EnableDisableAlert, "?"),
  el("x8168", EnableDisableAlert, "?"),
  el("x8183", EnableDisableAlert, "?"),
  el("x81A0", EnableDisableAlert, "?"),
  el("x81A1", EnableDisableAlert, "?"),
  el("x81A2", EnableDisableAlert, "?"),
  el("x81A3", EnableDisableAlert, "?"),
  el("x81A4", EnableDisableAlert, "?"),
  el("x81A5", EnableDisableAlert, "?"),
  el("x81A6", EnableDisableAlert, "?"),
  el("x81A7", EnableDisableAlert, "?"),
  el("x81A8", EnableDisableAlert, "?"),
  el("x81A9", EnableDisableAlert, "?"),
  el("x81AA", EnableDisableAlert, "?"),
  el("x81AB", EnableDisableAlert, "?"),
  el("x81AC", EnableDisableAlert, "?"),
  el("x81AD", EnableDisableAlert, "?"),
  el("x81AE", EnableDisableAlert, "?"),
  el("x81AF", EnableDisableAlert, "?"),
  el("x81B0", EnableDisableAlert, "?"),
  el("x81B1", EnableDisableAlert, "?"),
  el("x81B2", EnableDisableAlert, "?"),
  el("x81B3", EnableDisableAlert, "?"),
  el("x81B8", EnableDisableAlert, "?"),
  el("x81B9", EnableDisableAlert, "?"),
  el("x81BA", EnableDisableAlert, "?"),
  el("x81BB", EnableDisableAlert, "?"),
  el("x81BC", EnableDisableAlert, "?"),
  el("x81BD", EnableDisableAlert, "?"),
  el("x81BE", EnableDisableAlert, "?"),
  el("x81C0", EnableDisableAlert, "?"),
  el("x81C1", EnableDisableAlert, "?"),
  el("x81C4", EnableDisableAlert, "?"),
  el("x81C5", EnableDisableAlert, "?"),
  el("x81C6", EnableDisableAlert, "?"),
]));
const SupplierESMEPolyPhase = cx(el("x81B7", EnableDisableAlert, "?"));
const ElectricitySupplierAlerts = cx(seq([
  el("SupplierESMECommon", SupplierESMECommon, "?"),
  el("SupplierESMEPolyPhase", SupplierESMEPolyPhase, "?"),
]));
const NetworkOperatorESMECommon = cx(seq([el("x8014", EnableDisableAlert, "?"), el("x8015", EnableDisableAlert, "?")]));
const NetworkOperatorESMESinglePhase = cx(seq([
  el("x8002", EnableDisableAlert, "?"),
  el("x8006", EnableDisableAlert, "?"),
  el("x8020", EnableDisableAlert, "?"),
  el("x8024", EnableDisableAlert, "?"),
  el("x8028", EnableDisableAlert, "?"),
  el("x802C", EnableDisableAlert, "?"),
  el("x8085", EnableDisableAlert, "?"),
  el("x8089", EnableDisableAlert, "?"),
  el("x808D", EnableDisableAlert, "?"),
  el("x8091", EnableDisableAlert, "?"),
  el("x8095", EnableDisableAlert, "?"),
  el("x8099", EnableDisableAlert, "?"),
  el("x8010", EnableDisableAlert, "?"),
]));
const NetworkOperatorESMEPolyPhase = cx(seq([
  el("x8003", EnableDisableAlert, "?"),
  el("x8004", EnableDisableAlert, "?"),
  el("x8005", EnableDisableAlert, "?"),
  el("x8007", EnableDisableAlert, "?"),
  el("x8008", EnableDisableAlert, "?"),
  el("x8009", EnableDisableAlert, "?"),
  el("x8021", EnableDisableAlert, "?"),
  el("x8022", EnableDisableAlert, "?"),
  el("x8023", EnableDisableAlert, "?"),
  el("x8025", EnableDisableAlert, "?"),
  el("x8026", EnableDisableAlert, "?"),
  el("x8027", EnableDisableAlert, "?"),
  el("x8029", EnableDisableAlert, "?"),
  el("x802A", EnableDisableAlert, "?"),
  el("x802B", EnableDisableAlert, "?"),
  el("x802D", EnableDisableAlert, "?"),
  el("x802E", EnableDisableAlert, "?"),
  el("x802F", EnableDisableAlert, "?"),
  el("x8086", EnableDisableAlert, "?"),
  el("x8087", EnableDisableAlert, "?"),
  el("x8088", EnableDisableAlert, "?"),
  el("x808A", EnableDisableAlert, "?"),
  el("x808B", EnableDisableAlert, "?"),
  el("x808C", EnableDisableAlert, "?"),
  el("x808E", EnableDisableAlert, "?"),
  el("x808F", EnableDisableAlert, "?"),
  el("x8090", EnableDisableAlert, "?"),
  el("x8092", EnableDisableAlert, "?"),
  el("x8093", EnableDisableAlert, "?"),
  el("x8094", EnableDisableAlert, "?"),
  el("x8096", EnableDisableAlert, "?"),
  el("x8097", EnableDisableAlert, "?"),
  el("x8098", EnableDisableAlert, "?"),
  el("x809A", EnableDisableAlert, "?"),
  el("x809B", EnableDisableAlert, "?"),
  el("x809C", EnableDisableAlert, "?"),
  el("x8011", EnableDisableAlert, "?"),
  el("x8016", EnableDisableAlert, "?"),
  el("x8013", EnableDisableAlert, "?"),
]));
const ElectricityNetworkOperatorAlerts = cx(seq([
  el("NetworkOperatorESMECommon", NetworkOperatorESMECommon, "?"),
  choice([
    el("NetworkOperatorESMESinglePhase", NetworkOperatorESMESinglePhase, "?"),
    el("NetworkOperatorESMEPolyPhase", NetworkOperatorESMEPolyPhase, "?"),
  ]),
]));
const SupplierGSME = cx(seq([
  el("x810D", EnableDisableAlert, "?"),
  el("x810E", EnableDisableAlert, "?"),
  el("x8119", EnableDisableAlert, "?"),
  el("x8145", EnableDisableAlert, "?"),
  el("x8154", EnableDisableAlert, "?"),
  el("x8155", EnableDisableAlert, "?"),
  el("x8168", EnableDisableAlert, "?"),
  el("x8183", EnableDisableAlert, "?"),
  el("x8184", EnableDisableAlert, "?"),
  el("x81A1", EnableDisableAlert, "?"),
  el("x81A4", EnableDisableAlert, "?"),
  el("x81A5", EnableDisableAlert, "?"),
  el("x81A6", EnableDisableAlert, "?"),
  el("x81A7", EnableDisableAlert, "?"),
  el("x81A8", EnableDisableAlert, "?"),
  el("x81A9", EnableDisableAlert, "?"),
  el("x81AA", EnableDisableAlert, "?"),
  el("x81AB", EnableDisableAlert, "?"),
  el("x81AC", EnableDisableAlert, "?"),
  el("x81AD", EnableDisableAlert, "?"),
  el("x81AE", EnableDisableAlert, "?"),
  el("x81AF", EnableDisableAlert, "?"),
  el("x81B0", EnableDisableAlert, "?"),
  el("x81B1", EnableDisableAlert, "?"),
  el("x81B2", EnableDisableAlert, "?"),
  el("x81B3", EnableDisableAlert, "?"),
  el("x81B4", EnableDisableAlert, "?"),
  el("x81B5", EnableDisableAlert, "?"),
  el("x81B6", EnableDisableAlert, "?"),
  el("x81B9", EnableDisableAlert, "?"),
  el("x81BA", EnableDisableAlert, "?"),
  el("x81BC", EnableDisableAlert, "?"),
  el("x81BD", EnableDisableAlert, "?"),
  el("x81BE", EnableDisableAlert, "?"),
  el("x81BF", EnableDisableAlert, "?"),
  el("x81C0", EnableDisableAlert, "?"),
  el("x81C2", EnableDisableAlert, "?"),
  el("x81C3", EnableDisableAlert, "?"),
  el("x81C4", EnableDisableAlert, "?"),
  el("x81C5", EnableDisableAlert, "?"),
]));
const WANHANEventLogAlarm = cx(seq([
  el("WANAlert", EnableDisableAlert),
  el("HANAlert", EnableDisableAlert),
  el("EventLog", EnableDisableAlert),
  el("Alarm", EnableDisableAlert),
]));
const SupplierGSMEAlertsEvents = cx(seq([
  el("x810D", WANHANEventLogAlarm, "?"),
  el("x810E", WANHANEventLogAlarm, "?"),
  el("x8119", WANHANEventLogAlarm, "?"),
  el("x8145", WANHANEventLogAlarm, "?"),
  el("x8154", WANHANEventLogAlarm, "?"),
  el("x8155", WANHANEventLogAlarm, "?"),
  el("x8161", WANHANEventLogAlarm, "?"),
  el("x8162", WANHANEventLogAlarm, "?"),
  el("x8168", WANHANEventLogAlarm, "?"),
  el("x8183", WANHANEventLogAlarm, "?"),
  el("x8184", WANHANEventLogAlarm, "?"),
  el("x81A0", WANHANEventLogAlarm, "?"),
  el("x81A1", WANHANEventLogAlarm, "?"),
  el("x81A4", WANHANEventLogAlarm, "?"),
  el("x81A5", WANHANEventLogAlarm, "?"),
  el("x81A6", WANHANEventLogAlarm, "?"),
  el("x81A7", WANHANEventLogAlarm, "?"),
  el("x81A8", WANHANEventLogAlarm, "?"),
  el("x81A9", WANHANEventLogAlarm, "?"),
  el("x81AA", WANHANEventLogAlarm, "?"),
  el("x81AB", WANHANEventLogAlarm, "?"),
  el("x81AC", WANHANEventLogAlarm, "?"),
  el("x81AD", WANHANEventLogAlarm, "?"),
  el("x81AE", WANHANEventLogAlarm, "?"),
  el("x81AF", WANHANEventLogAlarm, "?"),
  el("x81B0", WANHANEventLogAlarm, "?"),
  el("x81B1", WANHANEventLogAlarm, "?"),
  el("x81B2", WANHANEventLogAlarm, "?"),
  el("x81B3", WANHANEventLogAlarm, "?"),
  el("x81B4", WANHANEventLogAlarm, "?"),
  el("x81B5", WANHANEventLogAlarm, "?"),
  el("x81B6", WANHANEventLogAlarm, "?"),
  el("x81B9", WANHANEventLogAlarm, "?"),
  el("x81BA", WANHANEventLogAlarm, "?"),
  el("x81BC", WANHANEventLogAlarm, "?"),
  el("x81BD", WANHANEventLogAlarm, "?"),
  el("x81BE", WANHANEventLogAlarm, "?"),
  el("x81BF", WANHANEventLogAlarm, "?"),
  el("x81C0", WANHANEventLogAlarm, "?"),
  el("x81C2", WANHANEventLogAlarm, "?"),
  el("x81C3", WANHANEventLogAlarm, "?"),
  el("x81C4", WANHANEventLogAlarm, "?"),
  el("x81C5", WANHANEventLogAlarm, "?"),
  el("x81C6", WANHANEventLogAlarm, "?"),
]));
const ConfigureAlertBehaviour = cx(choice([
  el("ElectricitySupplierAlerts", ElectricitySupplierAlerts),
  el("ElectricitySupplierHANAlertSettings", ElectricitySupplierAlerts),
  el("ElectricitySupplierAlarmSettings", ElectricitySupplierAlerts),
  el("ElectricitySupplierLoggingSettings", ElectricitySupplierAlerts),
  el("ElectricityNetworkOperatorAlerts", ElectricityNetworkOperatorAlerts),
  el("ElectricityNetworkOperatorLoggingSettings", ElectricityNetworkOperatorAlerts),
  el("GasSupplierAlerts", SupplierGSME),
  el("GasSupplierAlertEventSettings", SupplierGSMEAlertsEvents),
]));
const ReplacementCertificatesCoS = cx(seq([
  el("DigitalSigningCertificate", Certificate),
  el("KeyAgreementCertificate", Certificate, "?"),
  el("KeyAgreementTopUpCertificate", Certificate, "?"),
]));
const UpdateSecurityCredentialsCoS = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("SupplierFloorSeqNumber", int(0n, 9223372036854775807n)),
  el("SupplierPrepaymentTopUpFloorSeqNumber", int(0n, 9223372036854775807n), "?"),
  el("SupplierReplacementCertificates", ReplacementCertificatesCoS),
  el("CertificationPathCertificates", CertificationPathCertificates),
  el("ApplyTimeBasedCPVChecks", boolean),
  el("ImportMPxN", mpxn),
]));
const RetrieveDeviceSecurityCredentialsKRP = cx(el("RemotePartyRole", RemotePartyRole, "1..7"));
const RetrieveDeviceSecurityCredentialsDevice = cx(el("CredentialType", CredentialType));
const SetElectricitySupplyTamperState = cx(el("SupplyTamperState", oneOf(["Locked", "Unchanged"])));
const UpdateDeviceConfigurationDailyResettingOfTariffBlockCounterMatrix = cx(el("DailyTariffBlockCounterMatrixReset", boolean));
const UpdateDeviceConfigurationRMSVoltageCR = cx(el("ExecutionDateTime", dateTime, "?"));
const Channels0To26 = cx(seq([
  el("Channel0", empty, "?"),
  el("Channel1", empty, "?"),
  el("Channel2", empty, "?"),
  el("Channel3", empty, "?"),
  el("Channel4", empty, "?"),
  el("Channel5", empty, "?"),
  el("Channel6", empty, "?"),
  el("Channel7", empty, "?"),
  el("Channel8", empty, "?"),
  el("Channel9", empty, "?"),
  el("Channel10", empty, "?"),
  el("Channel11", empty, "?"),
  el("Channel12", empty, "?"),
  el("Channel13", empty, "?"),
  el("Channel14", empty, "?"),
  el("Channel15", empty, "?"),
  el("Channel16", empty, "?"),
  el("Channel17", empty, "?"),
  el("Channel18", empty, "?"),
  el("Channel19", empty, "?"),
  el("Channel20", empty, "?"),
  el("Channel21", empty, "?"),
  el("Channel22", empty, "?"),
  el("Channel23", empty, "?"),
  el("Channel24", empty, "?"),
  el("Channel25", empty, "?"),
  el("Channel26", empty, "?"),
]));
const Channels27To34 = cx(seq([
  el("Channel27", empty, "?"),
  el("Channel28", empty, "?"),
  el("Channel29", empty, "?"),
  el("Channel30", empty, "?"),
  el("Channel31", empty, "?"),
  el("Channel32", empty, "?"),
  el("Channel33", empty, "?"),
  el("Channel34", empty, "?"),
]));
const Channels35To61 = cx(seq([
  el("Channel35", empty, "?"),
  el("Channel36", empty, "?"),
  el("Channel37", empty, "?"),
  el("Channel38", empty, "?"),
  el("Channel39", empty, "?"),
  el("Channel40", empty, "?"),
  el("Channel41", empty, "?"),
  el("Channel42", empty, "?"),
  el("Channel43", empty, "?"),
  el("Channel44", empty, "?"),
  el("Channel45", empty, "?"),
  el("Channel46", empty, "?"),
  el("Channel47", empty, "?"),
  el("Channel48", empty, "?"),
  el("Channel49", empty, "?"),
  el("Channel50", empty, "?"),
  el("Channel51", empty, "?"),
  el("Channel52", empty, "?"),
  el("Channel53", empty, "?"),
  el("Channel54", empty, "?"),
  el("Channel55", empty, "?"),
  el("Channel56", empty, "?"),
  el("Channel57", empty, "?"),
  el("Channel58", empty, "?"),
  el("Channel59", empty, "?"),
  el("Channel60", empty, "?"),
  el("Channel61", empty, "?"),
]));
const SubGHzConfiguration = cx(seq([
  el("LowerBandSubGHzChannels0To26", Channels0To26),
  el("LowerBandSubGHzChannels27To34", Channels27To34),
  el("LowerBandSubGHzChannels35To61", Channels35To61),
  el("UpperBandSubGHzChannels0To26", Channels0To26),
  el("NormalLimitedDutyCycleThreshold", decimal({ min: 0.5, max: 2, fractionDigits: 1 })),
  el("LimitedCriticalDutyCycleThreshold", decimal({ above: 1.5, below: 2.5, fractionDigits: 1 })),
  el("MaximumSubGHzChannelChangesPerWeek", int(1n, 7n)),
  el("GSMECurfew", int(2n, 65535n)),
  el("ChannelQuieterThreshold", int(1n, 255n)),
  el("ChannelNoisierThreshold", int(0n, 20n)),
  el("NonGSMEPoorCommsPercentageThreshold", decimal({ min: 1, max: 100, fractionDigits: 2 })),
  el("NonGSMEPoorCommsMeasurementPeriods", int(50n, 150n)),
  el("LocalCHNoiseMeasurementPeriod", int(61n, 65535n)),
  el("LocalCHFailurePercentage", decimal({ min: 1, max: 100, fractionDigits: 2 })),
  el("LocalCHRetryPercentage", decimal({ min: 1, max: 100, fractionDigits: 2 })),
]));
const ReadCHFSubGHzChannelLog = cx(el("ReadLogPeriod", ReadLogPeriod));
const ActivateDeactivateALCSHCALCS = cx(el("Duration", uint16), { index: int(1n, 5n) });
const ActivateAuxiliaryLoad = cx(el("ActivateALCSHCALCS", ActivateDeactivateALCSHCALCS));
const DeactivateAuxiliaryLoad = cx(el("DeactivateALCSHCALCS", ActivateDeactivateALCSHCALCS));
const ReadALCSData = cx(el("ExecutionDateTime", dateTime, "?"));
const ResetALCSHCALCS = cx(null, { index: int(1n, 5n) });
const ResetAuxiliaryLoad = cx(el("ResetALCSHCALCS", ResetALCSHCALCS));
const AddAuxiliaryLoadToBoostButton = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  seq([el("AddToBoostButton", valued(boolean, { index: int(1n, 5n) }))], "5..5"),
]));
const RemoveAuxiliaryLoadFromBoostButton = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  seq([el("RemoveFromBoostButton", valued(boolean, { index: int(1n, 5n) }))], "5..5"),
]));
const SetRandomisedOffsetLimit = cx(el("RandomisedOffsetLimit", int(0n, 1799n)));
const SetAuxiliaryControllerState = cx(seq([
  el("StartDateTime", dateTime),
  el("EndDateTime", dateTime),
  el("CommandedStateLevel", int(0n, 100n)),
  el("InputFromControlledLoad", empty, "?"),
]), { auxiliaryControllerN: int(1n, 5n) });
const ReadAuxiliaryControllerConfigurationData = cx(el("ExecutionDateTime", dateTime, "?"));
const ReadAuxiliaryControllerOperationalData = cx(el("ExecutionDateTime", dateTime, "?"));
const LimitAPCLevel = cx(seq([
  el("StartDateTime", dateTime),
  el("EndDateTime", dateTime),
  el("CommandedStateLevel", int(0n, 100n)),
  el("InputFromControlledLoad", empty, "?"),
]), { auxiliaryControllerN: int(1n, 5n) });
const PostCode = text(6, 8);
const AddressIdentifier = text(0, 30);
const PropertyFilter = cx(seq([el("PostCode", PostCode), el("AddressIdentifier", AddressIdentifier)]));
const ReadInventory = cx(choice([
  el("UPRN", int(1n, 999999999999n)),
  el("DeviceID", eui64),
  el("MPxN", mpxn),
  el("PropertyFilter", PropertyFilter),
]));
const DecommissionDevice = cx(el("DeviceID", eui64));
const UpdateDeviceStatusExceptCH = oneOf(["Pending", "InstalledNotCommissioned"]);
const UpdateDeviceStatusCH = oneOf(["Commissioned", "Withdrawn", "InstalledNotCommissioned"]);
const DeviceManufacturer = text(0, 30);
const DeviceModel = text(0, 30);
const SMETSCHTSVersion = text(1, 20);
const FirmwareVersion = text(1, 8);
const ESMEVariant = oneOf([
  "A",
  "B",
  "C",
  "AD",
  "BD",
  "CD",
  "ADE",
  "BDE",
  "CDE",
  "ADF",
  "BDF",
  "CDF",
  "ADEF",
  "BDEF",
  "CDEF",
  "ADG",
  "ADEG",
  "AF",
  "BF",
  "CF",
  "AEF",
  "BEF",
  "CEF",
  "AG",
  "AEG",
]);
const UpdateDeviceDetails = cx(seq([
  el("DeviceManufacturer", DeviceManufacturer, "?"),
  el("DeviceModel", DeviceModel, "?"),
  el("SMETSCHTSVersion", SMETSCHTSVersion, "?"),
  el("FirmwareVersion", FirmwareVersion, "?"),
  el("ESMEVariant", ESMEVariant, "?"),
]));
const UpdateMPxN = cx(choice([el("ImportMPxN", mpxn), el("SecondaryImportMPAN", mpan), el("ExportMPAN", mpan)]));
const UpdateInventory = cx(seq([
  el("DeviceID", eui64),
  choice([
    el("UpdateDeviceStatusExceptCH", UpdateDeviceStatusExceptCH),
    el("UpdateDeviceStatusCH", UpdateDeviceStatusCH),
    el("UpdateDeviceDetails", UpdateDeviceDetails),
    el("DeleteDevice", empty),
    el("UpdateMPxN", UpdateMPxN),
  ]),
]));
const ReplacementCertificatesACB = cx(seq([
  el("DigitalSigningCertificate", Certificate, "?"),
  el("KeyAgreementCertificate", Certificate),
]));
const ServiceOptOut = cx(seq([
  el("ExecutionDateTime", dateTime),
  el("ACBFloorSeqNumber", int(0n, 9223372036854775807n)),
  el("ReplacementCertificates", ReplacementCertificatesACB),
  el("CertificationPathCertificates", CertificationPathCertificates),
  el("ApplyTimeBasedCPVChecks", boolean),
]));
const DeviceType = oneOf(["ESME", "GSME", "GPF", "CHF", "HCALCS", "PPMID", "IHD", "CAD"]);
const MeterMPxNs = cx(seq([el("ImportMPxN", mpxn), el("SecondaryImportMPAN", mpan, "?"), el("ExportMPAN", mpan, "?")]));
const ServiceOptIn = cx(seq([
  el("DeviceID", eui64),
  el("DeviceType", DeviceType),
  el("MPxNs", MeterMPxNs),
  el("OptInDate", date),
]));
const JoinOrUnjoinDevice = cx(el("OtherDeviceID", eui64));
const ReadDeviceLog = cx(seq([el("ExecutionDateTime", dateTime, "?"), seq([el("ReadSecurityDetails", empty)], "?")]));
const AddDeviceToCHFWhitelist = cx(seq([
  el("JoinTimePeriod", int(1n, 3600n)),
  el("InstallCode", hex(6, 16)),
  el("ImportMPxN", mpxn, "?"),
  el("SecondaryImportMPAN", mpan, "?"),
  el("ExportMPAN", mpan, "?"),
]));
const UpdateHANDeviceLog = cx(seq([
  el("ExecutionDateTime", dateTime, "?"),
  el("DeviceID", eui64),
  el("RequestType", oneOf(["Add", "Remove"])),
  el("AddDeviceToCHFWhitelist", AddDeviceToCHFWhitelist, "?"),
]));
const RestoreHANDeviceLog = cx(el("OldCHFID", eui64));
const RestoreGPFDeviceLog = cx(el("OldGPFID", eui64));
const ReturnLocalCommandResponse = cx(seq([
  el("OriginalRequestID", requestId, "?"),
  el("DeviceGBCSResponse", base64()),
]));
const CHFInstallType = oneOf(["New CHF Install", "Replacement CHF Install", "CHF Install - no SM WAN"]);
const UserRefID = text(0, 25);
const GISData = text(0, 25);
const CHFLocation = oneOf(["Outside Premises", "Indoors on external wall", "Deep indoors", "Basement or Cellar"]);
const CHFInstallSuccessSMWAN = cx(seq([
  el("DeviceID", eui64),
  el("CHFInstallType", CHFInstallType),
  el("InstallDateTime", dateTime, "?"),
  el("UserRefID", UserRefID, "?"),
  el("MPxN", mpxn),
  el("GISData", GISData, "?"),
  el("AerialInstall", boolean),
  el("CHFLocation", CHFLocation),
  el("AdditionalInformation", text(0, 200), "?"),
]));
const PremiseType = oneOf([
  "Detached / Semi Detached",
  "Terraced",
  "Low Rise Apartment (MDU <= 5 floors)",
  "High Rise Apartment (MDU > 5 floors)",
]);
const CHFInstallSuccessNoSMWAN = cx(seq([
  el("DeviceID", eui64),
  el("CHFInstallType", CHFInstallType),
  el("InstallDateTime", dateTime, "?"),
  el("UserRefID", UserRefID, "?"),
  el("MPxN", mpxn),
  el("GISData", GISData, "?"),
  el("AerialInstall", boolean),
  el("CHFLocation", CHFLocation),
  el("PremiseType", PremiseType),
  el("MetalObstructionCheck", boolean),
  el("ConnectivityObstructionCheck", boolean),
  el("SharedObstructionCheck", boolean),
  el("AdditionalInformation", text(0, 200), "?"),
]));
const CHFFaultReturnType = oneOf(["Fault identified prior to installation", "Fault identified post installation"]);
const IncidentReference = text(0, 15);
const CHFConnectionMethod = oneOf(["Hot-shoe", "Cradle", "ESME"]);
const CHFFaultReason = oneOf([
  "Damaged case",
  "Damaged Connector",
  "Illegal interference or missing seals",
  "Environmental conditions exceeded",
  "SM WAN Fault",
  "SMHAN Interface Fault",
  "LED Fault",
  "Aerial fault",
  "Manufacturing defect",
]);
const CHFFaultReturn = cx(seq([
  el("DeviceID", eui64),
  el("CHFFaultReturnType", CHFFaultReturnType),
  el("UserRefDateTime", dateTime, "?"),
  el("UserRefID", UserRefID, "?"),
  el("OtherDeviceID", eui64),
  el("IncidentReference", IncidentReference, "?"),
  el("CHFConnectionMethod", CHFConnectionMethod),
  el("CHFFaultReason", CHFFaultReason),
  el("AdditionalInformation", text(0, 200), "?"),
]));
const CHFNoFaultReturnType = oneOf([
  "No Fault Return (general)",
  "No Fault Return (non-dom opt out)",
  "No Fault Return (dual supplier HAN variant replacement)",
  "No Fault Return (SM WAN variant replacement requested by DCC)",
  "Lost or Stolen Hub",
]);
const CHFNoFaultReturn = cx(seq([
  el("DeviceID", eui64),
  el("CHFNoFaultReturnType", CHFNoFaultReturnType),
  el("UserRefDateTime", dateTime, "?"),
  el("UserRefID", UserRefID, "?"),
  el("IncidentReference", IncidentReference, "?"),
  el("AdditionalInformation", text(0, 200), "?"),
]));
const UpdateFirmware = cx(seq([
  el("FirmwareImage", base64(10240000)),
  el("FirmwareVersion", FirmwareVersion),
  el("DeviceIDList", eui64List),
]));
const ReadFirmwareVersion = cx(el("ExecutionDateTime", dateTime, "?"));
const ActivateFirmware = cx(seq([el("ExecutionDateTime", dateTime, "?"), el("FirmwareHash", hex(32, 32))]));
const UpdatePPMIDFirmware = cx(seq([
  el("FirmwareImage", base64(10240000)),
  el("FirmwareVersion", FirmwareVersion),
  el("DeviceIDList", eui64List),
]));
const PartialAddress = cx(seq([el("PostCode", PostCode), el("AddressIdentifier", AddressIdentifier)]));
const RequestWANMatrix = cx(choice([el("UPRN", int(1n, 999999999999n)), el("PartialAddress", PartialAddress)]));
const DevicePrenotification = cx(seq([
  el("DeviceID", eui64),
  el("DeviceManufacturer", DeviceManufacturer),
  el("DeviceModel", DeviceModel),
  el("DeviceType", DeviceType),
  el("SMETSCHTSVersion", SMETSCHTSVersion, "?"),
  el("FirmwareVersion", FirmwareVersion, "?"),
  el("ESMEVariant", ESMEVariant, "?"),
  el("AssociatedGPFDeviceID", eui64, "?"),
]));
const SignedPreCommand = cx(seq([el("ExecutionDateTime", dateTime, "?"), el("GBCSPayload", base64())]));

/** Each element sr:Body may hold (the 129 SR elements and SignedPreCommand), by local name. */
export const BODY_SCHEMAS: Readonly<Record<string, ElementType>> = {
  UpdateImportTariffPrimaryElement: TariffPrimaryElement,
  UpdateImportTariffSecondaryElement: TariffSecondaryElement,
  UpdatePricePrimaryElement,
  UpdatePriceSecondaryElement,
  UpdateMeterBalance,
  UpdatePaymentMode,
  ResetTariffBlockCounterMatrix: empty,
  UpdatePrepayConfiguration,
  TopUpDevice,
  UpdateDebt,
  ActivateEmergencyCredit: empty,
  DisplayMessage,
  RestrictAccessForChangeOfTenancy,
  ClearEventLog,
  UpdateSupplierName,
  DisablePrivacyPIN: empty,
  ReadInstantaneousImportRegisters,
  ReadInstantaneousImportTOUMatrices: ReadDataOnDemandOrFutureDated,
  ReadInstantaneousImportTOUWithBlocksMatrices: ReadDataOnDemandOrFutureDated,
  ReadInstantaneousImportBlockCounters: ReadDataOnDemandOrFutureDated,
  ReadInstantaneousExportRegisters: ReadDataOnDemandOrFutureDated,
  ReadInstantaneousPrepayValues: ReadDataOnDemandOrFutureDated,
  RetrieveCoMOrTariffTriggeredBillingDataLog: ReadLogFutureDatableAndURPCredentials,
  RetrieveBillingCalendarTriggeredBillingDataLog: ReadLogFutureDatableAndURPCredentials,
  RetrieveBillingDataLogDebtPayments: ReadLogFutureDatable,
  RetrieveBillingDataLogPrepaymentCredits: ReadLogFutureDatable,
  RetrieveImportDailyReadLog: ReadLogFutureDatableAndURPCredentials,
  RetrieveExportDailyReadLog: ReadLogFutureDatable,
  ReadActiveImportProfileData: ReadLogFutureDatableAndURPCredentials,
  ReadReactiveImportProfileData: ReadLogFutureDatable,
  ReadExportProfileData: ReadLogFutureDatable,
  ReadNetworkData: ReadLogFutureDatableAndURPCredentials,
  ReadTariffPrimaryElement: empty,
  ReadTariffSecondaryElement: empty,
  ReadMaximumDemandImportRegisters: ReadDataOnDemandOrFutureDated,
  ReadMaximumDemandExportRegisters: ReadDataOnDemandOrFutureDated,
  ReadPrepaymentConfiguration: ReadDataOnDemandOrFutureDated,
  ReadPrepaymentDailyReadLog: ReadLogFutureDatableAndURPCredentials,
  ReadLoadLimitData: ReadDataOnDemandOrFutureDated,
  ReadActivePowerImport: empty,
  RetrieveDailyConsumptionLog: ReadLogFutureDatableAndURPCredentials,
  ReadMeterBalance: ReadDataOnDemandOrFutureDated,
  CreateSchedule: DSPSchedule,
  ReadSchedule,
  DeleteSchedule,
  ReadDeviceConfigurationVoltage: empty,
  ReadDeviceConfigurationRandomisation: empty,
  ReadDeviceConfigurationBillingCalendar: empty,
  ReadDeviceConfigurationIdentityExcMPxN: empty,
  ReadDeviceConfigurationInstantaneousPowerThresholds: empty,
  ReadDeviceConfigurationMPxN: empty,
  ReadDeviceConfigurationGas: empty,
  ReadDeviceConfigurationPaymentMode: empty,
  ReadDeviceConfigurationEventAndAlertBehaviours: empty,
  UpdateDeviceConfigurationLoadLimitingGeneralSettings,
  UpdateDeviceConfigurationLoadLimitingCounterReset,
  UpdateDeviceConfigurationVoltage,
  UpdateDeviceConfigurationGasConversion,
  UpdateDeviceConfigurationGasFlow,
  UpdateDeviceConfigurationBillingCalendar: BillingCalendar,
  SynchroniseClock,
  UpdateDeviceConfigurationInstantaneousPowerThreshold,
  ReadEventOrSecurityLog,
  UpdateDeviceConfigurationALCDescriptions,
  UpdateDeviceConfigurationALCScheduler,
  UpdateDeviceConfigurationAuxiliaryControllerScheduler,
  UpdateSecurityCredentialsKRP,
  UpdateSecurityCredentialsDevice,
  IssueSecurityCredentials,
  SetMaximumDemandConfigurableTimePeriod,
  ResetMaximumDemandRegisters,
  SetDeviceConfigurationImportMPxN,
  SetDeviceConfigurationExportMPAN: SetDeviceConfiguratinExportMPAN,
  RequestHandoverOfDCCControlledDevice,
  ConfigureAlertBehaviour,
  UpdateSecurityCredentialsCoS,
  RetrieveDeviceSecurityCredentialsKRP,
  RetrieveDeviceSecurityCredentialsDevice,
  SetElectricitySupplyTamperState,
  UpdateDeviceConfigurationDailyResettingOfTariffBlockCounterMatrix,
  UpdateDeviceConfigurationRMSVoltageCounterReset: UpdateDeviceConfigurationRMSVoltageCR,
  SetCHFSubGHzConfiguration: SubGHzConfiguration,
  RequestCHFSubGHzChannelScan: empty,
  ReadCHFSubGHzConfiguration: empty,
  ReadCHFSubGHzChannel: empty,
  ReadCHFSubGHzChannelLog,
  EnableSupply: empty,
  DisableSupply: empty,
  ArmSupply: empty,
  ReadSupplyStatus: empty,
  ActivateAuxiliaryLoad,
  DeactivateAuxiliaryLoad,
  ReadALCSData,
  ResetAuxiliaryLoad,
  AddAuxiliaryLoadToBoostButton,
  RemoveAuxiliaryLoadFromBoostButton,
  ReadBoostButtonDetails: ReadLogFutureDatable,
  SetRandomisedOffsetLimit,
  SetAuxiliaryControllerState,
  ReadAuxiliaryControllerConfigurationData,
  ReadAuxiliaryControllerOperationalData,
  LimitAPCLevel,
  CommissionDeviceSynchroniseClock: SynchroniseClock,
  ReadInventory,
  DecommissionDevice,
  UpdateInventory,
  ServiceOptOut,
  ServiceOptIn,
  JoinServiceCritical: JoinOrUnjoinDevice,
  JoinServiceNonCritical: JoinOrUnjoinDevice,
  UnjoinServiceCritical: JoinOrUnjoinDevice,
  UnjoinServiceNonCritical: JoinOrUnjoinDevice,
  ReadDeviceLog,
  UpdateHANDeviceLog,
  RestoreHANDeviceLog,
  RestoreGPFDeviceLog,
  ReturnLocalCommandResponse,
  CHFInstallSuccessSMWAN,
  CHFInstallSuccessNoSMWAN,
  CHFFaultReturn,
  CHFNoFaultReturn,
  RequestCustomerIdentificationNumber: empty,
  UpdateFirmware,
  ReadFirmwareVersion,
  ActivateFirmware,
  UpdatePPMIDFirmware,
  RequestWANMatrix,
  DevicePrenotification,
  RecordNetworkDataGAS: empty,
  SignedPreCommand,
};

