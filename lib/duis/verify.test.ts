import { describe, expect, it } from "vitest";
import { readDuisRequest } from "./envelope";
import { CORPUS_NOTE, corpusFiles, hasDuisCorpus, readCorpusFile } from "./testing/corpus";
import { verifyBody } from "./verify";
import { childElements, DUIS_NS, firstDescendant, parseDuisXml, srChild, textOf, type Element } from "./xml";

/** An SR element written with the sr: prefix, as a request body holds it. */
function sr(xml: string): Element {
  return childElements(parseDuisXml(`<wrapper xmlns:sr="${DUIS_NS.sr}">${xml}</wrapper>`).documentElement!)[0];
}

/** The one element inside sr:Body, whatever the rest of the document is. */
const bodyElement = (xml: string) => childElements(srChild(parseDuisXml(xml).documentElement!, "Body")!)[0];

describe("verifyBody", () => {
  it("passes a well-formed body and names the path and the fault of a bad value", () => {
    expect(verifyBody("8.2", sr("<sr:ReadInventory><sr:DeviceID>00-DB-12-34-56-78-90-A0</sr:DeviceID></sr:ReadInventory>"))).toEqual([]);
    expect(verifyBody("8.2", sr("<sr:ReadInventory><sr:DeviceID>00-DB-12</sr:DeviceID></sr:ReadInventory>"))).toEqual(["ReadInventory/DeviceID: not an EUI-64"]);
  });

  it("finds a missing required child, an unexpected element and a child out of its place", () => {
    expect(verifyBody("8.3", sr("<sr:DecommissionDevice/>"))).toEqual(["DecommissionDevice: missing DeviceID"]);
    expect(verifyBody("4.1.1", sr("<sr:ReadInstantaneousImportRegisters><sr:Surprise/></sr:ReadInstantaneousImportRegisters>"))).toEqual([
      "ReadInstantaneousImportRegisters: unexpected element sr:Surprise",
    ]);
    // ReadInventory is a choice: one of UPRN, DeviceID, MPxN, PropertyFilter.
    expect(verifyBody("8.2", sr("<sr:ReadInventory><sr:DeviceID>00-DB-12-34-56-78-90-A0</sr:DeviceID><sr:MPxN>1234567890</sr:MPxN></sr:ReadInventory>"))).toEqual([
      "ReadInventory: unexpected element sr:MPxN (out of order or repeated)",
    ]);
    expect(verifyBody("8.2", sr("<sr:ReadInventory/>"))).toEqual(["ReadInventory: missing one of UPRN, DeviceID, MPxN, PropertyFilter"]);
    // An element of another namespace is not a DUIS element, whatever its local name.
    expect(verifyBody("8.3", sr(`<sr:DecommissionDevice><x:DeviceID xmlns:x="urn:other">00-DB-12-34-56-78-90-A0</x:DeviceID></sr:DecommissionDevice>`))).toEqual([
      "DecommissionDevice: unexpected element x:DeviceID",
      "DecommissionDevice: missing DeviceID",
    ]);
  });

  it("refuses an unknown SRV and a body element its SRV does not send; a Signed Pre-Command only for a Critical SRV", () => {
    const decommission = sr("<sr:DecommissionDevice><sr:DeviceID>00-DB-12-34-56-78-90-A0</sr:DeviceID></sr:DecommissionDevice>");
    expect(verifyBody("8.2", decommission)).toEqual(["DecommissionDevice: not the body of SRV 8.2 (ReadInventory is)"]);
    expect(verifyBody("99.9", decommission)).toEqual(["ServiceReferenceVariant: 99.9 is not a DUIS Service Request Variant"]);
    const spc = sr("<sr:SignedPreCommand><sr:GBCSPayload>3QAAAAAAAEURAAAAAN8J</sr:GBCSPayload></sr:SignedPreCommand>");
    expect(verifyBody("7.1", spc)).toEqual([]);
    expect(verifyBody("4.1.1", spc)).toEqual(["SignedPreCommand: not the body of SRV 4.1.1 (ReadInstantaneousImportRegisters is)"]);
    expect(verifyBody("7.1", sr("<sr:SignedPreCommand><sr:GBCSPayload>not base64!</sr:GBCSPayload></sr:SignedPreCommand>"))).toEqual([
      "SignedPreCommand/GBCSPayload: not base64",
    ]);
  });

  it("checks attributes and how often an element occurs", () => {
    const apc = (attributes: string) =>
      sr(`<sr:LimitAPCLevel ${attributes}><sr:StartDateTime>2030-01-03T00:00:00Z</sr:StartDateTime><sr:EndDateTime>2030-01-03T01:00:00Z</sr:EndDateTime><sr:CommandedStateLevel>50</sr:CommandedStateLevel></sr:LimitAPCLevel>`);
    expect(verifyBody("7.16", apc('auxiliaryControllerN="3"'))).toEqual([]);
    expect(verifyBody("7.16", apc(""))).toEqual(["LimitAPCLevel: missing attribute auxiliaryControllerN"]);
    expect(verifyBody("7.16", apc('auxiliaryControllerN="9" colour="red"'))).toEqual([
      "LimitAPCLevel/@auxiliaryControllerN: not in 1..5",
      "LimitAPCLevel: unexpected attribute colour",
    ]);
    const boost = (n: number) =>
      sr(`<sr:AddAuxiliaryLoadToBoostButton>${Array.from({ length: n }, (_, i) => `<sr:AddToBoostButton index="${i + 1}">true</sr:AddToBoostButton>`).join("")}</sr:AddAuxiliaryLoadToBoostButton>`);
    expect(verifyBody("7.9", boost(5))).toEqual([]);
    expect(verifyBody("7.9", boost(4))).toEqual(["AddAuxiliaryLoadToBoostButton: AddToBoostButton occurs 4 times, at least 5 required"]);
    expect(verifyBody("7.9", boost(6))).toEqual(["AddAuxiliaryLoadToBoostButton: unexpected element sr:AddToBoostButton (out of order or repeated)"]);
  });

  it("checks each value format the schema uses", () => {
    const optIn = (deviceType: string, importMpxn: string, secondary: string, date: string) =>
      verifyBody(
        "8.6",
        sr(
          `<sr:ServiceOptIn><sr:DeviceID>00-DB-12-34-56-78-90-A0</sr:DeviceID><sr:DeviceType>${deviceType}</sr:DeviceType>` +
            `<sr:MPxNs><sr:ImportMPxN>${importMpxn}</sr:ImportMPxN><sr:SecondaryImportMPAN>${secondary}</sr:SecondaryImportMPAN></sr:MPxNs>` +
            `<sr:OptInDate>${date}</sr:OptInDate></sr:ServiceOptIn>`,
        ),
      );
    // DUIS MPxNs carry no check digit (decisions.md D4): 1312345678111 is fine although its check digit is wrong.
    expect(optIn("ESME", "1312345678111", "1312345678222", "2015-02-01")).toEqual([]);
    expect(optIn("GSME", "1234567890", "1312345678222", "2016-02-29")).toEqual([]);
    expect(optIn("ESMX", "12345678901", "131234567822", "2015-02-29")).toEqual([
      "ServiceOptIn/DeviceType: not one of ESME, GSME, GPF, CHF, HCALCS, PPMID, IHD, CAD",
      "ServiceOptIn/MPxNs/ImportMPxN: not an MPAN (13 digits) or MPRN (up to 10 digits)",
      "ServiceOptIn/MPxNs/SecondaryImportMPAN: not an MPAN (13 digits)",
      "ServiceOptIn/OptInDate: not a date (YYYY-MM-DD)",
    ]);
    const mprn = (value: string) => verifyBody("6.20.1", sr(`<sr:SetDeviceConfigurationImportMPxN><sr:ImportMPRN>${value}</sr:ImportMPRN></sr:SetDeviceConfigurationImportMPxN>`));
    expect(mprn("1234567890")).toEqual([]);
    expect(mprn("12345678901")).toEqual(["SetDeviceConfigurationImportMPxN/ImportMPRN: not an MPRN (up to 10 digits)"]);

    const read = (at: string) => verifyBody("4.1.1", sr(`<sr:ReadInstantaneousImportRegisters><sr:ExecutionDateTime>${at}</sr:ExecutionDateTime></sr:ReadInstantaneousImportRegisters>`));
    for (const good of ["2030-01-15T09:00:00Z", "3000-12-31T00:00:00.00Z", "2030-01-15T09:00:00+01:00", " 2030-01-15T09:00:00 "]) expect(read(good), good).toEqual([]);
    for (const bad of ["2030-02-30T09:00:00Z", "2030-01-15 09:00:00Z", "2030-01-15T25:00:00Z", "2030-01-15T09:00:00+15:00", "soon"]) {
      expect(read(bad), bad).toEqual(["ReadInstantaneousImportRegisters/ExecutionDateTime: not a date-time (YYYY-MM-DDThh:mm:ssZ)"]);
    }

    const gas = (calorific: string, factor: string) =>
      verifyBody("6.6", sr(`<sr:UpdateDeviceConfigurationGasConversion><sr:CalorificValue>${calorific}</sr:CalorificValue><sr:ConversionFactor>${factor}</sr:ConversionFactor></sr:UpdateDeviceConfigurationGasConversion>`));
    expect(gas("39.5", "1.02264")).toEqual([]);
    expect(gas("39.55", "-1")).toEqual([
      "UpdateDeviceConfigurationGasConversion/CalorificValue: more than 1 decimal places",
      "UpdateDeviceConfigurationGasConversion/ConversionFactor: less than 0",
    ]);
    expect(verifyBody("11.3", sr(`<sr:ActivateFirmware><sr:FirmwareHash>${"AB".repeat(31)}</sr:FirmwareHash></sr:ActivateFirmware>`))).toEqual([
      "ActivateFirmware/FirmwareHash: not 32 bytes of hexadecimal",
    ]);
    expect(verifyBody("2.2", sr("<sr:TopUpDevice><sr:UTRN>1234567890123456789X</sr:UTRN></sr:TopUpDevice>"))).toEqual(["TopUpDevice/UTRN: not in the required format"]);
    expect(verifyBody("3.1", sr(`<sr:DisplayMessage><sr:SupplierMessage>${"x".repeat(117)}</sr:SupplierMessage></sr:DisplayMessage>`))).toEqual([
      "DisplayMessage/SupplierMessage: longer than 116 characters",
    ]);
    expect(verifyBody("6.25", sr("<sr:SetElectricitySupplyTamperState><sr:SupplyTamperState>Locked</sr:SupplyTamperState></sr:SetElectricitySupplyTamperState>"))).toEqual([]);
    expect(verifyBody("6.26", sr("<sr:UpdateDeviceConfigurationDailyResettingOfTariffBlockCounterMatrix><sr:DailyTariffBlockCounterMatrixReset>yes</sr:DailyTariffBlockCounterMatrixReset></sr:UpdateDeviceConfigurationDailyResettingOfTariffBlockCounterMatrix>"))).toEqual([
      "UpdateDeviceConfigurationDailyResettingOfTariffBlockCounterMatrix/DailyTariffBlockCounterMatrixReset: not a boolean (true or false)",
    ]);
  });
});

describe.skipIf(!hasDuisCorpus)(`Verify on the DUIS corpus ${CORPUS_NOTE}`, () => {
  it("passes all 297 reference templates", () => {
    const templates = corpusFiles("templates");
    expect(templates).toHaveLength(297);
    const failures = templates.flatMap((file) => {
      const read = readDuisRequest(parseDuisXml(readCorpusFile("templates", file)));
      if (!read.ok) return [`${file}: ${read.problems.join("; ")}`];
      return verifyBody(read.request.srv, read.request.body).map((problem) => `${file}: ${problem}`);
    });
    expect(failures).toEqual([]);
  });

  it("names the element path inside a template when a value, a child or the body element is wrong", () => {
    const tariff = readCorpusFile("templates", "ECS01a_1.1.1_IMMEDIATE_TOU_SUCCESS_REQUEST_DUIS.XML");
    const badTime = tariff.replace(/(<sr:StartTime>)[^<]*/, "$125:00:00");
    expect(verifyBody("1.1.1", bodyElement(badTime))).toEqual([
      "UpdateImportTariffPrimaryElement/ElecTariffElements/SwitchingTable/DayProfiles/DayProfile[1]/ProfileSchedule[1]/StartTime: not a time (hh:mm:ss)",
    ]);
    const noCurrency = tariff.replace(/<sr:CurrencyUnits>[^<]*<\/sr:CurrencyUnits>/, "");
    expect(verifyBody("1.1.1", bodyElement(noCurrency))).toEqual(["UpdateImportTariffPrimaryElement/ElecTariffElements: missing CurrencyUnits"]);
    expect(verifyBody("1.2.1", bodyElement(tariff))).toEqual(["UpdateImportTariffPrimaryElement: not the body of SRV 1.2.1 (UpdatePricePrimaryElement is)"]);
  });

  // What each extra request is, and what Verify (readDuisRequest's root and header checks, then verifyBody) makes of it.
  // Most are valid requests that later checks refuse (unknown originator or certificate serial, a device the SR does
  // not suit): Verify must pass them. schemaVersion is a decimal in the schema; 5.0 and 5.1 requests pass when their
  // content is valid 5.4.
  const EXTRA: Record<string, { outcome: "pass"; why: string } | { outcome: "fail"; why: string; problems: string[] }> = {
    "parser-testdata__CS02aMAC_6.24.1_SUCCESS_REQUEST_DUIS.XML": { outcome: "pass", why: "a reference request in an older layout" },
    "parser-testdata__ECS01a_1.1.1_IMMEDIATE_BLOCK_SUCCESS_REQUEST_DUIS.XML": { outcome: "pass", why: "a reference request in an older layout" },
    "parser-testdata__GCS13a_4.1.1_SUCCESS_RELIABLE_GSME_REQUEST_DUIS.XML": { outcome: "pass", why: "a reference request in an older layout" },
    "signingtool__ECS17b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS-invalid.XML": {
      outcome: "fail",
      why: "its RequestID has '::' before the counter: a header problem, found by readDuisRequest (its body is fine)",
      problems: ['RequestID "90-B3-D5-1F-30-01-00-00:00-07-81-D7-00-00-36-CE::1000" is not originatorEUI:targetEUI:counter'],
    },
    "signingtool__ECS17b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS-nonexist-businessid.XML": { outcome: "pass", why: "well-formed; its originator 80-B3-... is no known User (the signature check refuses it)" },
    "signingtool__ECS17b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS-signed.XML": { outcome: "pass", why: "the ECS17b request signed with the test supplier's ZAZ1 key (schemaVersion 5.0)" },
    "signingtool__ECS17b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS.XML": { outcome: "pass", why: "well-formed, unsigned (the signature check refuses it)" },
    "signingtool__ECS50_9.1_SUCCESS_REQUEST_DUIS.XML": { outcome: "pass", why: "well-formed; sent as a device EUI in lower case (no User: the signature check refuses it)" },
    "signingtool__message.xml": {
      outcome: "fail",
      why: "a signed sr:Response, not a request; its body element is no SR either",
      problems: ["The document is a sr:Response, not an sr:Request", "ResponseMessage: not the body of SRV 11.2 (ReadFirmwareVersion is)"],
    },
    "signingtool__message2.xml": {
      outcome: "fail",
      why: "the same sr:Response unsigned",
      problems: ["The document is a sr:Response, not an sr:Request", "ResponseMessage: not the body of SRV 11.2 (ReadFirmwareVersion is)"],
    },
    "signwrap__8.2_READ_INVENTORY_REQUEST_DUIS-invalid.XML": {
      outcome: "fail",
      why: "the header's RequestID element is misspelt ReqxuestID (its body is fine)",
      problems: ["Header: unexpected element sr:ReqxuestID.", "Header: RequestID is missing."],
    },
    "signwrap__8.2_READ_INVENTORY_REQUEST_DUIS-unknown-originator.XML": { outcome: "pass", why: "well-formed; originator F0-B3-... is no known User (signature check)" },
    "signwrap__8.2_READ_INVENTORY_REQUEST_DUIS-unknown-serial.XML": { outcome: "pass", why: "well-formed; its certificate serial is unknown (silent reject at the signature check)" },
    "signwrap__8.2_READ_INVENTORY_REQUEST_DUIS.XML": { outcome: "pass", why: "the 8.2 reference request (schemaVersion 5.1)" },
    "templates-testdata__12.2_DEVICE_PRE_NOTIFICATION_REQUEST_DUIS.XML": { outcome: "pass", why: "a reference request in an older layout" },
    "templates-testdata__CS03A2NonCritical_8.7.2_SUCCESS_REQUEST_DUIS.XML": { outcome: "pass", why: "a reference request in an older layout" },
    "templates-testdata__ECS01a_1.1.1_IMMEDIATE_BLOCK_SUCCESS_REQUEST_DUIS.XML": { outcome: "pass", why: "a reference request in an older layout" },
    "templates-testdata__ECS01a_1.1.1_IMMEDIATE_TOU_SUCCESS_REQUEST_DUIS.XML": { outcome: "pass", why: "a reference request in an older layout" },
    "templates-testdata__ECS17b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS.XML": { outcome: "pass", why: "a reference request in an older layout" },
    "templates-testdata__ECS52_11.2_SUCCESS_REQUEST_DUIS.XML": { outcome: "pass", why: "a reference request in an older layout" },
    "templates-testdata__ECS99b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS.XML": {
      outcome: "pass",
      why: "the unknown use case ECS99b is only in the file name: the XML is the ECS17b 4.1.1 request (schemaVersion 5.1)",
    },
    "templates-testdata__GCS13a_4.1.1_ERROR_REQUEST_DUIS.XML": {
      outcome: "pass",
      why: "the XML is a valid 4.1.1 read; what makes it an error case is its target, the reference GSME (…90-A1) rather than the GPF the gas reads go to, which the device checks judge",
    },
  };

  it("knows every file of requests-extra", () => {
    expect(corpusFiles("requests-extra").sort()).toEqual(Object.keys(EXTRA).sort());
  });

  it.each(Object.entries(EXTRA))("requests-extra %s", (file, expected) => {
    const doc = parseDuisXml(readCorpusFile("requests-extra", file));
    const read = readDuisRequest(doc);
    // The SRV a request's header (or a response's message) names.
    const srv = textOf(firstDescendant(doc.documentElement!, DUIS_NS.sr, "ServiceReferenceVariant")!);
    const bodyProblems = verifyBody(srv, bodyElement(readCorpusFile("requests-extra", file)));
    const problems = [...(read.ok ? [] : read.problems), ...bodyProblems];
    if (expected.outcome === "pass") {
      expect(problems, expected.why).toEqual([]);
    } else {
      expect(problems.length, expected.why).toBe(expected.problems.length);
      expected.problems.forEach((problem, i) => expect(problems[i], expected.why).toContain(problem));
    }
  });
});
