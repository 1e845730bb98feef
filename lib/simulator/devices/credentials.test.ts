import { describe, expect, it } from "vitest";
import { CODE } from "@/lib/duis/codes";
import { CORPUS_NOTE, hasDuisCorpus } from "@/lib/duis/testing/corpus";
import { initialState, type DeviceState } from "../state";
import { DEVICE_CERTIFICATE_LIMIT } from "./credentials";
import { AT, command, simDevice, templateParams } from "./testing";

const esme = simDevice("ESME");
const gsme = simDevice("GSME");
/** The parties of the reference templates' certificates (Supplier A is the fixtures' sender). */
const SUPPLIER_A = "90B3D51F30010000";
const SUPPLIER_B = "90B3D51F30030000";
const NETWORK_OPERATOR = "90B3D51F30020000";

const KRP = "CS02bSupplierBySupplier_6.15.1_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML";
const NO_KRP = "CS02bNOByNO_6.15.1_SUCCESS_REQUEST_DUIS.XML";
const COS = "CS02bSupplierByTransCoS_6.23_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML";

/** An ESME whose Supplier cells hold Supplier A's certificates. */
const suppliedByA = (): DeviceState => command("6.15.1", esme, templateParams(KRP)).outcome.state;

describe.skipIf(!hasDuisCorpus)(`Organisation Certificates in the trust anchor cells ${CORPUS_NOTE}`, () => {
  it("6.15.1 puts the Supplier's three certificates in its cells after checking them", () => {
    const { input, outcome } = command("6.15.1", esme, templateParams(KRP));
    expect(outcome.code).toBe(CODE.I0);
    expect(outcome.data).toEqual({ cells: ["SUP_DS", "SUP_KA", "SUP_PPKA"], partyEui: SUPPLIER_A });
    expect(Object.keys(outcome.state.trustAnchors)).toEqual(["SUP_DS", "SUP_KA", "SUP_PPKA"]);
    expect(outcome.state.trustAnchors.SUP_DS).toEqual({ serial: "103702719352226816499612553443108113125", partyEui: SUPPLIER_A });
    expect(outcome.state.changes).toBe(input.state.changes + 1);
    expect(input.state.trustAnchors).toEqual({});
    expect(outcome.effects).toEqual([]);
  });

  it("a 6.15.1 not signed by the supplier whose certificate the device holds is refused", () => {
    const state = suppliedByA();
    const other = command("6.15.1", esme, templateParams(KRP), { state, sender: { partyId: "is-c", eui: "90B3D51F300C0000", roles: ["IS"] } }).outcome;
    expect(other.code).toBe(CODE.DEVICE_AUTH);
    expect(other.state).toBe(state);
  });

  it("scenario 32: the Supplier placing the ED's certificates in the NO cells tells the ED (N42)", () => {
    const { outcome } = command("6.15.1", esme, templateParams(NO_KRP), { state: suppliedByA() });
    expect(outcome.code).toBe(CODE.I0);
    expect(outcome.state.trustAnchors.NO_DS?.partyEui).toBe(NETWORK_OPERATOR);
    expect(outcome.effects).toEqual([{ type: "dcc-alert", code: "N42", deviceId: esme.id, to: ["NETWORK_OPERATOR"], data: { partyEui: NETWORK_OPERATOR, cells: ["NO_DS", "NO_KA"] } }]);
    // The ED later replacing its own certificates: no N42.
    const own = command("6.15.1", esme, templateParams(NO_KRP), { state: outcome.state, sender: { partyId: "ed", eui: NETWORK_OPERATOR, roles: ["ED"] } }).outcome;
    expect(own.code).toBe(CODE.I0);
    expect(own.effects).toEqual([]);
  });

  it("a GSME has no Network Operator cells (they are on the GPF)", () => {
    expect(command("6.15.1", gsme, templateParams(NO_KRP)).outcome.code).toBe(CODE.DEVICE_UNSUPPORTED);
  });

  it("6.21 hands a DCC-controlled device over to the Supplier; the Supplier handing the NO cells to the ED sends N42", () => {
    expect(command("6.21", esme, templateParams("CS02bSupplierBySupplierHandover_6.21_SUCCESS_REQUEST_DUIS.XML")).outcome.state.trustAnchors.SUP_DS?.partyEui).toBe(SUPPLIER_A);
    const no = command("6.21", esme, templateParams("CS02bNOByNOHandover_6.21_SUCCESS_REQUEST_DUIS.XML")).outcome;
    expect(no.effects).toMatchObject([{ type: "dcc-alert", code: "N42", to: ["NETWORK_OPERATOR"] }]);
  });

  it("refuses certificates that fail the device's checks: unreadable, expired, wrong role for the cells", () => {
    const params = templateParams(KRP);
    const unreadable = { ...params, "ReplacementCertificates.SupplierOrNetworkOperatorCertificates.KeyAgreementCertificate": "bm90IGEgY2VydA==" };
    expect(command("6.15.1", esme, unreadable).outcome.code).toBe(CODE.DEVICE_AUTH);
    expect(command("6.15.1", esme, { ...params, ApplyTimeBasedCPVChecks: "true" }, { at: new Date("2036-01-01T00:00:00Z") }).outcome.code).toBe(CODE.DEVICE_AUTH);
    expect(command("6.15.1", esme, { ...params, RemotePartyRole: "NetworkOperator" }).outcome.code).toBe(CODE.DEVICE_AUTH);
    expect(command("6.15.1", esme, { ...params, RemotePartyRole: "LoadController" }).outcome.code).toBe(CODE.DEVICE_UNSUPPORTED);
  });

  it("scenario 23: 6.23 swaps the Supplier cells, renames the supplier, resets block counters, defuses a held activation and sends N27 to the loser", () => {
    const held: DeviceState = {
      ...suppliedByA(),
      display: { ...initialState(esme, AT).display, supplierName: "GITTESTSUPPLIER" },
      tariff: { ...initialState(esme, AT).tariff, blockCounters: [120, 40, 0, 0] },
      firmware: { version: "1.0.0", pendingImage: { hash: "AA", version: "2.0.0", receivedAt: AT.toISOString() }, scheduledActivation: { hash: "AA", executeAt: "2026-04-01T00:00:00.000Z", requestId: "r-11.3" } },
      payment: { ...initialState(esme, AT).payment, utrnCounter: 812 },
    };
    const { outcome } = command("6.23", esme, templateParams(COS), { state: held, sender: { partyId: "is-b", eui: SUPPLIER_B, roles: ["IS"] } });
    expect(outcome.code).toBe(CODE.I0);
    expect([outcome.state.trustAnchors.SUP_DS?.partyEui, outcome.state.trustAnchors.SUP_KA?.partyEui, outcome.state.trustAnchors.SUP_PPKA?.partyEui]).toEqual([SUPPLIER_B, SUPPLIER_B, SUPPLIER_B]);
    expect(outcome.state.display.supplierName).toBe("GITTESTSUPPLIER2");
    expect(outcome.state.tariff.blockCounters).toEqual([0, 0, 0, 0]);
    expect(outcome.state.firmware.scheduledActivation).toBeNull();
    expect(outcome.state.firmware.pendingImage).toEqual(held.firmware.pendingImage);
    expect(outcome.state.payment.utrnCounter).toBe(0);
    expect(outcome.effects).toEqual([{ type: "dcc-alert", code: "N27", deviceId: esme.id, to: [], data: { losingSupplierEui: SUPPLIER_A } }]);
  });

  it("6.24.1 reads the certificates of the roles asked for", () => {
    const { outcome } = command("6.24.1", esme, templateParams("CS02aMAC_6.24.1_SUCCESS_REQUEST_DUIS.XML"), { state: suppliedByA() });
    expect(outcome.data.Supplier).toHaveLength(3);
    expect(outcome.data.Supplier).toContainEqual({ cell: "SUP_DS", serial: "103702719352226816499612553443108113125", partyEui: SUPPLIER_A });
    expect(outcome.data.NetworkOperator).toEqual([]);
  });
});

describe.skipIf(!hasDuisCorpus)(`Device keys and Device Certificates ${CORPUS_NOTE}`, () => {
  const deviceCertificate = () => templateParams("CS02d_6.15.2_SUCCESS_REQUEST_DUIS.XML");

  it("6.17 makes a pending key and a CSR; 6.15.2 installs its certificate and 6.24.2 reads it", () => {
    expect(command("6.15.2", esme, deviceCertificate()).outcome.code).toBe(CODE.DEVICE_STATE);
    const issued = command("6.17", esme, templateParams("CS02c_6.17_SUCCESS_REQUEST_DUIS.XML"), { requestId: "r-6.17" }).outcome;
    expect(issued.data).toEqual({ csr: { deviceId: esme.id, keyUsage: "DS", keyId: `${esme.id}-DS-r-6.17` } });
    const installed = command("6.15.2", esme, deviceCertificate(), { state: issued.state }).outcome;
    expect(installed.code).toBe(CODE.I0);
    expect(installed.state.deviceCertificates).toBe(1);
    expect(installed.state.config.deviceKeys).toEqual({ currentDS: "64101545746175790368578629013619351501" });
    const read = command("6.24.2", esme, templateParams("CS02e_6.24.2_SUCCESS_REQUEST_DUIS.XML"), { state: installed.state }).outcome;
    expect(read.data).toEqual({ keyUsage: "DS", certificateSerial: "64101545746175790368578629013619351501", deviceCertificates: 1 });
  });

  it(`scenario 34: the device refuses its 100th Device Certificate`, () => {
    const issued = command("6.17", esme, { CredentialType: "Digital Signature" }).outcome.state;
    const at99 = { ...issued, deviceCertificates: DEVICE_CERTIFICATE_LIMIT - 1 };
    expect(command("6.15.2", esme, deviceCertificate(), { state: at99 }).outcome.state.deviceCertificates).toBe(DEVICE_CERTIFICATE_LIMIT);
    const full = { ...issued, deviceCertificates: DEVICE_CERTIFICATE_LIMIT };
    const refused = command("6.15.2", esme, deviceCertificate(), { state: full }).outcome;
    expect(refused.code).toBe(CODE.DEVICE_RANGE);
    expect(refused.state).toBe(full);
  });

  it("a PPMID makes no keys of its own", () => {
    expect(command("6.17", simDevice("PPMID"), { CredentialType: "Digital Signature" }).outcome.code).toBe(CODE.DEVICE_UNSUPPORTED);
  });
});
