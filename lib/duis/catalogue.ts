// The DUIS Service Request catalogue: all 129 Service Request Variants of DUIS 5.4 with their processing flags, the
// User Roles eligible to send them, the one SR element each puts in sr:Body and the Command Variants it may use.
// Facts from the DUIS request matrix and the DUIS 5.4 schema, written in our own form (device-ops.md §1 lists the
// seed's view of the same SRs). Where the matrix names no role (7.16, 8.5, 8.6) the choice is docs/decisions.md's.
import type { DeviceType, UserRole } from "@/generated/prisma/enums";

/** Future Dated Response Pattern: who holds a future-dated request until it is due (null: it cannot be future-dated). */
export type FutureDating = "DEVICE" | "DSP" | "BOTH" | null;

export interface SrvEntry {
  /** Service Reference Variant, e.g. "4.1.1" (the header's ServiceReferenceVariant). */
  srv: string;
  /** Service Reference, e.g. "4.1" (the header's ServiceReference). */
  serviceReference: string;
  name: string;
  critical: boolean;
  onDemand: boolean;
  futureDated: FutureDating;
  dccScheduled: boolean;
  nonDevice: boolean;
  roles: UserRole[];
  /** Local name of the SR element the DUIS schema allows in sr:Body for this SRV (a Signed Pre-Command is extra). */
  bodyElements: string[];
  commandVariants: number[];
  /** The device types a device SR may be sent to (E11 otherwise); empty for Non-Device SRs, which target the DCC. */
  targetDeviceTypes: DeviceType[];
}

/**
 * Command Variants (DUIS §2): Non-Device SRs are sent with 8 only; Critical SRs start with 4 (Transform) and finish
 * with their Signed Pre-Command as 5, 6 or 7; other device SRs use 1, 2 or 3. The schema notes two exceptions:
 * Commission Device cannot be delivered locally, and Service Opt Out is sent over the WAN only. (The schema's notes
 * for 7.12-7.15 disagree with the matrix and with the reference templates; the matrix's Critical flags win.)
 */
const CV_EXCEPTIONS: Readonly<Record<string, number[]>> = { "8.1.1": [4, 5], "8.5": [1] };

function commandVariants(srv: string, critical: boolean, nonDevice: boolean): number[] {
  if (nonDevice) return [8];
  return CV_EXCEPTIONS[srv] ?? (critical ? [4, 5, 6, 7] : [1, 2, 3]);
}

/** The web service each Command Variant is sent to (DUIS §2): Send Command, Transform, or Non-Device. */
export const ENDPOINT_FOR_CV: Record<number, "serviceS" | "serviceT" | "serviceD"> = {
  1: "serviceS",
  2: "serviceD",
  3: "serviceS",
  4: "serviceT",
  5: "serviceS",
  6: "serviceD",
  7: "serviceS",
  8: "serviceD",
};

/**
 * One row per SRV: SRV, name, flags (C Critical, O On Demand, S DCC Scheduled, N Non-Device; "-" none), Future Dated
 * Response Pattern, eligible User Roles, body element, target device types ("-": Non-Device).
 *
 * Target device types come from the GBCS use cases each SRV is carried by (ECS: ESME; GCS: GSME or the GPF that mirrors
 * it; CCS and DBCH: CHF; PCS: PPMID; CS: several), checked against device-ops.md §1's Target column and the devices the
 * reference templates send each SRV to. docs/decisions.md lists the SRVs the seed names no target for.
 */
type Row = [srv: string, name: string, flags: string, futureDated: FutureDating, roles: string, bodyElement: string, targets: string];

const ROWS: Row[] = [
  ["1.1.1", "Update Import Tariff (Primary Element)", "CO", "DEVICE", "IS GS", "UpdateImportTariffPrimaryElement", "ESME GSME"],
  ["1.1.2", "Update Import Tariff (Secondary Element)", "CO", "DEVICE", "IS", "UpdateImportTariffSecondaryElement", "ESME"],
  ["1.2.1", "Update Price (Primary Element)", "CO", "DEVICE", "IS GS", "UpdatePricePrimaryElement", "ESME GSME"],
  ["1.2.2", "Update Price (Secondary Element)", "CO", "DEVICE", "IS", "UpdatePriceSecondaryElement", "ESME"],
  ["1.5", "Update Meter Balance", "CO", null, "IS GS", "UpdateMeterBalance", "ESME GSME"],
  ["1.6", "Update Payment Mode", "CO", "DEVICE", "IS GS", "UpdatePaymentMode", "ESME GSME"],
  ["1.7", "Reset Tariff Block Counter Matrix", "CO", null, "IS", "ResetTariffBlockCounterMatrix", "ESME"],
  ["2.1", "Update Prepay Configuration", "CO", "DEVICE", "IS GS", "UpdatePrepayConfiguration", "ESME GSME"],
  ["2.2", "Top Up Device", "O", null, "IS GS", "TopUpDevice", "ESME GSME"],
  ["2.3", "Update Debt", "CO", null, "IS GS", "UpdateDebt", "ESME GSME"],
  ["2.5", "Activate Emergency Credit", "CO", null, "IS GS", "ActivateEmergencyCredit", "ESME GSME"],
  ["3.1", "Display Message", "O", "DSP", "IS GS", "DisplayMessage", "ESME GSME"],
  ["3.2", "Restrict Access For Change Of Tenancy", "O", "DSP", "IS GS", "RestrictAccessForChangeOfTenancy", "ESME GPF"],
  ["3.3", "Clear Event Log", "O", null, "IS GS", "ClearEventLog", "ESME GSME GPF"],
  ["3.4", "Update Supplier Name", "O", "DSP", "IS GS", "UpdateSupplierName", "ESME GSME"],
  ["3.5", "Disable Privacy PIN", "O", null, "IS GS", "DisablePrivacyPIN", "ESME GSME"],
  ["4.1.1", "Read Instantaneous Import Registers", "O", "DSP", "IS GS ED GT", "ReadInstantaneousImportRegisters", "ESME GSME GPF"],
  ["4.1.2", "Read Instantaneous Import TOU Matrices", "O", "DSP", "IS GS ED GT", "ReadInstantaneousImportTOUMatrices", "ESME GSME GPF"],
  ["4.1.3", "Read Instantaneous Import TOU With Blocks Matrices", "O", "DSP", "IS ED", "ReadInstantaneousImportTOUWithBlocksMatrices", "ESME"],
  ["4.1.4", "Read Instantaneous Import Block Counters", "O", "DSP", "GS", "ReadInstantaneousImportBlockCounters", "GSME GPF"],
  ["4.2", "Read Instantaneous Export Registers", "O", "DSP", "ES ED", "ReadInstantaneousExportRegisters", "ESME"],
  ["4.3", "Read Instantaneous Prepay Values", "O", "DSP", "IS GS", "ReadInstantaneousPrepayValues", "ESME GSME GPF"],
  ["4.4.2", "Retrieve Change Of Mode / Tariff Triggered Billing Data Log", "O", "DSP", "IS GS", "RetrieveCoMOrTariffTriggeredBillingDataLog", "ESME GSME GPF"],
  ["4.4.3", "Retrieve Billing Calendar Triggered Billing Data Log", "O", "DSP", "IS GS", "RetrieveBillingCalendarTriggeredBillingDataLog", "ESME GSME GPF"],
  ["4.4.4", "Retrieve Billing Data Log (Payment Based Debt Payments)", "O", "DSP", "GS IS", "RetrieveBillingDataLogDebtPayments", "ESME GSME GPF"],
  ["4.4.5", "Retrieve Billing Data Log (Prepayment Credits)", "O", "DSP", "GS IS", "RetrieveBillingDataLogPrepaymentCredits", "ESME GSME GPF"],
  ["4.6.1", "Retrieve Import Daily Read Log", "OS", "DSP", "IS GS", "RetrieveImportDailyReadLog", "ESME GSME GPF"],
  ["4.6.2", "Retrieve Export Daily Read Log", "OS", "DSP", "ES", "RetrieveExportDailyReadLog", "ESME"],
  ["4.8.1", "Read Active Import Profile Data", "OS", "DSP", "IS GS ED GT OU", "ReadActiveImportProfileData", "ESME GSME GPF"],
  ["4.8.2", "Read Reactive Import Profile Data", "OS", "DSP", "IS ED OU", "ReadReactiveImportProfileData", "ESME"],
  ["4.8.3", "Read Export Profile Data", "OS", "DSP", "ES ED OU", "ReadExportProfileData", "ESME"],
  ["4.10", "Read Network Data", "OS", "DSP", "IS GS ED GT", "ReadNetworkData", "ESME GSME"],
  ["4.11.1", "Read Tariff (Primary Element)", "O", null, "IS GS OU", "ReadTariffPrimaryElement", "ESME GSME GPF"],
  ["4.11.2", "Read Tariff (Secondary Element)", "O", null, "IS OU", "ReadTariffSecondaryElement", "ESME"],
  ["4.12.1", "Read Maximum Demand Import Registers", "OS", "DSP", "IS ED", "ReadMaximumDemandImportRegisters", "ESME"],
  ["4.12.2", "Read Maximum Demand Export Registers", "OS", "DSP", "ES ED", "ReadMaximumDemandExportRegisters", "ESME"],
  ["4.13", "Read Prepayment Configuration", "O", "DSP", "IS GS", "ReadPrepaymentConfiguration", "ESME GSME GPF"],
  ["4.14", "Read Prepayment Daily Read Log", "OS", "DSP", "IS GS", "ReadPrepaymentDailyReadLog", "ESME GSME GPF"],
  ["4.15", "Read Load Limit Data", "OS", "DSP", "IS ED", "ReadLoadLimitData", "ESME"],
  ["4.16", "Read Active Power Import", "OS", null, "IS ED", "ReadActivePowerImport", "ESME"],
  ["4.17", "Retrieve Daily Consumption Log", "OS", "DSP", "IS GS ED GT OU", "RetrieveDailyConsumptionLog", "ESME GPF"],
  ["4.18", "Read Meter Balance", "O", "DSP", "IS GS", "ReadMeterBalance", "ESME GSME GPF"],
  ["5.1", "Create Schedule", "N", null, "IS ES GS ED GT OU", "CreateSchedule", "-"],
  ["5.2", "Read Schedule", "N", null, "IS ES GS ED GT OU", "ReadSchedule", "-"],
  ["5.3", "Delete Schedule", "N", null, "IS ES GS ED GT OU", "DeleteSchedule", "-"],
  ["6.2.1", "Read Device Configuration (Voltage)", "O", null, "IS RSA ED", "ReadDeviceConfigurationVoltage", "ESME"],
  ["6.2.2", "Read Device Configuration (Randomisation)", "O", null, "IS RSA ED", "ReadDeviceConfigurationRandomisation", "ESME"],
  ["6.2.3", "Read Device Configuration (Billing Calendar)", "O", null, "IS RSA GS", "ReadDeviceConfigurationBillingCalendar", "ESME GSME GPF"],
  ["6.2.4", "Read Device Configuration (Identity Exc MPxN)", "O", null, "IS ES GS RSA ED GT OU", "ReadDeviceConfigurationIdentityExcMPxN", "ESME GSME GPF CHF"],
  ["6.2.5", "Read Device Configuration (Instantaneous Power Thresholds)", "O", null, "IS RSA", "ReadDeviceConfigurationInstantaneousPowerThresholds", "ESME"],
  ["6.2.7", "Read Device Configuration (MPxN)", "O", null, "IS ES GS RSA ED GT OU", "ReadDeviceConfigurationMPxN", "ESME GSME GPF"],
  ["6.2.8", "Read Device Configuration (Gas)", "O", null, "GS RSA GT", "ReadDeviceConfigurationGas", "GSME"],
  ["6.2.9", "Read Device Configuration (Payment Mode)", "O", null, "IS GS RSA", "ReadDeviceConfigurationPaymentMode", "ESME GSME GPF"],
  ["6.2.10", "Read Device Configuration (Event and Alert Behaviours)", "O", null, "IS GS ED", "ReadDeviceConfigurationEventAndAlertBehaviours", "ESME GSME"],
  ["6.4.1", "Update Device Configuration (Load Limiting General Settings)", "CO", "DEVICE", "IS", "UpdateDeviceConfigurationLoadLimitingGeneralSettings", "ESME"],
  ["6.4.2", "Update Device Configuration (Load Limiting Counter Reset)", "O", "DSP", "IS", "UpdateDeviceConfigurationLoadLimitingCounterReset", "ESME"],
  ["6.5", "Update Device Configuration (Voltage)", "O", "DSP", "ED", "UpdateDeviceConfigurationVoltage", "ESME"],
  ["6.6", "Update Device Configuration (Gas Conversion)", "CO", null, "GS", "UpdateDeviceConfigurationGasConversion", "GSME"],
  ["6.7", "Update Device Configuration (Gas Flow)", "CO", null, "GS", "UpdateDeviceConfigurationGasFlow", "GSME"],
  ["6.8", "Update Device Configuration (Billing Calendar)", "CO", null, "IS GS", "UpdateDeviceConfigurationBillingCalendar", "ESME GSME"],
  ["6.11", "Synchronise Clock", "CO", null, "IS GS", "SynchroniseClock", "ESME GSME"],
  ["6.12", "Update Device Configuration (Instantaneous Power Threshold)", "O", "DSP", "IS", "UpdateDeviceConfigurationInstantaneousPowerThreshold", "ESME"],
  ["6.13", "Read Event Or Security Log", "O", null, "IS GS ED GT RSA", "ReadEventOrSecurityLog", "ESME GSME GPF CHF"],
  ["6.14.1", "Update Device Configuration (Auxiliary Load Control Description)", "CO", null, "IS", "UpdateDeviceConfigurationALCDescriptions", "ESME"],
  ["6.14.2", "Update Device Configuration (Auxiliary Load Control Scheduler)", "CO", "DEVICE", "IS", "UpdateDeviceConfigurationALCScheduler", "ESME"],
  ["6.14.3", "Update Device Configuration (Auxiliary Controller Scheduler)", "CO", "DEVICE", "IS", "UpdateDeviceConfigurationAuxiliaryControllerScheduler", "ESME"],
  ["6.15.1", "Update Security Credentials (KRP)", "CO", "DEVICE", "IS GS ED GT", "UpdateSecurityCredentialsKRP", "ESME GSME GPF HCALCS"],
  ["6.15.2", "Update Security Credentials (Device)", "CO", null, "IS GS", "UpdateSecurityCredentialsDevice", "ESME GSME GPF CHF"],
  ["6.17", "Issue Security Credentials", "CO", null, "IS GS", "IssueSecurityCredentials", "ESME GSME GPF CHF"],
  ["6.18.1", "Set Maximum Demand Configurable Time Period", "O", "DSP", "ED", "SetMaximumDemandConfigurableTimePeriod", "ESME"],
  ["6.18.2", "Reset Maximum Demand Registers", "O", "DSP", "ED", "ResetMaximumDemandRegisters", "ESME"],
  ["6.20.1", "Set Device Configuration (Import MPxN)", "O", "DSP", "IS GS", "SetDeviceConfigurationImportMPxN", "ESME GSME"],
  ["6.20.2", "Set Device Configuration (Export MPAN)", "O", "DSP", "ES", "SetDeviceConfigurationExportMPAN", "ESME"],
  ["6.21", "Request Handover Of DCC Controlled Device", "O", "DSP", "IS GS", "RequestHandoverOfDCCControlledDevice", "ESME GSME GPF HCALCS"],
  ["6.22", "Configure Alert Behaviour", "O", null, "IS GS ED", "ConfigureAlertBehaviour", "ESME GSME"],
  ["6.23", "Update Security Credentials (CoS)", "O", "BOTH", "IS GS", "UpdateSecurityCredentialsCoS", "ESME GSME GPF HCALCS"],
  ["6.24.1", "Retrieve Device Security Credentials (KRP)", "O", null, "IS GS ED GT", "RetrieveDeviceSecurityCredentialsKRP", "ESME GSME GPF HCALCS"],
  ["6.24.2", "Retrieve Device Security Credentials (Device)", "CO", null, "IS GS", "RetrieveDeviceSecurityCredentialsDevice", "ESME GSME GPF"],
  ["6.25", "Set Electricity Supply Tamper State", "CO", null, "IS", "SetElectricitySupplyTamperState", "ESME"],
  ["6.26", "Update Device Configuration (daily resetting of Tariff Block Counter Matrix)", "CO", null, "IS", "UpdateDeviceConfigurationDailyResettingOfTariffBlockCounterMatrix", "ESME"],
  ["6.27", "Update Device Configuration (RMS Voltage Counter Reset)", "O", "DSP", "ED", "UpdateDeviceConfigurationRMSVoltageCounterReset", "ESME"],
  ["6.28", "Set CHF Sub GHz Configuration", "O", null, "IS GS", "SetCHFSubGHzConfiguration", "CHF"],
  ["6.29", "Request CHF Sub GHz Channel Scan", "O", null, "IS GS", "RequestCHFSubGHzChannelScan", "CHF"],
  ["6.30", "Read CHF Sub GHz Configuration", "O", null, "IS GS RSA", "ReadCHFSubGHzConfiguration", "CHF"],
  ["6.31", "Read CHF Sub GHz Channel", "O", null, "IS GS RSA", "ReadCHFSubGHzChannel", "CHF"],
  ["6.32", "Read CHF Sub GHz Channel Log", "O", null, "IS GS RSA", "ReadCHFSubGHzChannelLog", "CHF"],
  ["7.1", "Enable Supply", "CO", null, "IS", "EnableSupply", "ESME"],
  ["7.2", "Disable Supply", "CO", null, "IS GS", "DisableSupply", "ESME GSME"],
  ["7.3", "Arm Supply", "CO", null, "IS GS", "ArmSupply", "ESME GSME"],
  ["7.4", "Read Supply Status", "O", null, "IS ES GS RSA ED GT", "ReadSupplyStatus", "ESME GSME GPF"],
  ["7.5", "Activate Auxiliary Load", "CO", null, "IS", "ActivateAuxiliaryLoad", "ESME"],
  ["7.6", "Deactivate Auxiliary Load", "CO", null, "IS", "DeactivateAuxiliaryLoad", "ESME"],
  ["7.7", "Read Auxiliary Load Switch Data", "O", "DSP", "IS ED OU", "ReadALCSData", "ESME"],
  ["7.8", "Reset Auxiliary Load", "CO", null, "IS", "ResetAuxiliaryLoad", "ESME"],
  ["7.9", "Add Auxiliary Load To Boost Button", "O", "DSP", "IS", "AddAuxiliaryLoadToBoostButton", "ESME"],
  ["7.10", "Remove Auxiliary Load From Boost Button", "O", "DSP", "IS", "RemoveAuxiliaryLoadFromBoostButton", "ESME"],
  ["7.11", "Read Boost Button Details", "O", "DSP", "IS OU", "ReadBoostButtonDetails", "ESME"],
  ["7.12", "Set Randomised Offset Limit", "CO", null, "IS", "SetRandomisedOffsetLimit", "ESME"],
  ["7.13", "Set Auxiliary Controller State", "CO", null, "IS", "SetAuxiliaryControllerState", "ESME"],
  ["7.14", "Read Auxiliary Controller Configuration Data", "O", "DSP", "IS ED OU", "ReadAuxiliaryControllerConfigurationData", "ESME"],
  ["7.15", "Read Auxiliary Controller Operational Data", "O", "DSP", "IS ED OU", "ReadAuxiliaryControllerOperationalData", "ESME"],
  ["7.16", "Limit APC Level", "CO", null, "IS OU", "LimitAPCLevel", "ESME"],
  ["8.1.1", "Commission Device", "CO", null, "IS GS", "CommissionDeviceSynchroniseClock", "ESME GSME"],
  ["8.2", "Read Inventory", "N", null, "IS ES GS RSA ED GT OU", "ReadInventory", "-"],
  ["8.3", "Decommission Device", "N", null, "IS GS", "DecommissionDevice", "-"],
  ["8.4", "Update Inventory", "N", null, "IS ES GS RSA ED GT OU", "UpdateInventory", "-"],
  ["8.5", "Service Opt Out", "-", "DSP", "IS GS", "ServiceOptOut", "ESME GSME"],
  ["8.6", "Service Opt In", "N", null, "IS GS", "ServiceOptIn", "-"],
  ["8.7.1", "Join Service (Critical)", "CO", null, "IS GS", "JoinServiceCritical", "ESME GSME HCALCS"],
  ["8.7.2", "Join Service (Non-Critical)", "O", null, "IS GS OU", "JoinServiceNonCritical", "ESME GSME GPF PPMID"],
  ["8.8.1", "Unjoin Service (Critical)", "CO", null, "IS GS", "UnjoinServiceCritical", "ESME GSME HCALCS"],
  ["8.8.2", "Unjoin Service (Non-Critical)", "O", null, "IS GS OU", "UnjoinServiceNonCritical", "ESME GSME GPF PPMID"],
  ["8.9", "Read Device Log", "O", "DSP", "IS GS OU", "ReadDeviceLog", "ESME GSME GPF CHF HCALCS PPMID"],
  ["8.11", "Update HAN Device Log", "O", "DSP", "IS GS OU", "UpdateHANDeviceLog", "CHF"],
  ["8.12.1", "Restore HAN Device Log", "O", null, "IS GS", "RestoreHANDeviceLog", "CHF"],
  ["8.12.2", "Restore Gas Proxy Function Device Log", "O", null, "IS GS", "RestoreGPFDeviceLog", "GPF"],
  ["8.13", "Return Local Command Response", "N", null, "IS GS", "ReturnLocalCommandResponse", "-"],
  ["8.14.1", "Communications Hub Status Update – Install Success", "N", null, "IS GS", "CHFInstallSuccessSMWAN", "-"],
  ["8.14.2", "Communications Hub Status Update – Install No SM WAN", "N", null, "IS GS", "CHFInstallSuccessNoSMWAN", "-"],
  ["8.14.3", "Communications Hub Status Update – Fault Return", "N", null, "IS GS", "CHFFaultReturn", "-"],
  ["8.14.4", "Communications Hub Status Update – No Fault Return", "N", null, "IS GS", "CHFNoFaultReturn", "-"],
  ["9.1", "Request Customer Identification Number", "O", null, "OU", "RequestCustomerIdentificationNumber", "ESME GSME"],
  ["11.1", "Update Firmware", "N", null, "IS GS", "UpdateFirmware", "-"],
  ["11.2", "Read Firmware Version", "O", "DSP", "IS ES GS RSA ED GT OU", "ReadFirmwareVersion", "ESME GSME GPF CHF PPMID HCALCS"],
  ["11.3", "Activate Firmware", "CO", "DEVICE", "IS GS", "ActivateFirmware", "ESME GSME"],
  ["11.4", "Update PPMID Firmware", "N", null, "IS GS", "UpdatePPMIDFirmware", "-"],
  ["12.1", "Request WAN Matrix", "N", null, "IS ES GS RSA ED GT OU", "RequestWANMatrix", "-"],
  ["12.2", "Device Pre-notification", "N", null, "IS ES GS RSA ED GT OU", "DevicePrenotification", "-"],
  ["14.1", "Record Network Data (GAS)", "OS", null, "GT", "RecordNetworkDataGAS", "GSME"],
];

export const SRV_CATALOGUE: ReadonlyMap<string, SrvEntry> = new Map(
  ROWS.map(([srv, name, flags, futureDated, roles, bodyElement, targets]) => {
    const critical = flags.includes("C");
    const nonDevice = flags.includes("N");
    const entry: SrvEntry = {
      srv,
      // The Service Reference is the SRV's first two numbers ("6.20.1" -> "6.20", as the schema enumerates it).
      serviceReference: srv.split(".").slice(0, 2).join("."),
      name,
      critical,
      onDemand: flags.includes("O"),
      futureDated,
      dccScheduled: flags.includes("S"),
      nonDevice,
      roles: roles.split(" ") as UserRole[],
      bodyElements: [bodyElement],
      commandVariants: commandVariants(srv, critical, nonDevice),
      targetDeviceTypes: targets === "-" ? [] : (targets.split(" ") as DeviceType[]),
    };
    return [srv, entry];
  }),
);

export function srvEntry(srv: string): SrvEntry | undefined {
  return SRV_CATALOGUE.get(srv);
}

/** The device types SRV `srv` may be sent to; empty for a Non-Device SRV, undefined for an unknown SRV. */
export function targetDeviceTypes(srv: string): readonly DeviceType[] | undefined {
  return SRV_CATALOGUE.get(srv)?.targetDeviceTypes;
}
