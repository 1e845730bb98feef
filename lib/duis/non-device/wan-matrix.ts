// 12.1 Request WAN Matrix: SM WAN coverage at an address. The DCC's coverage database is not part of this product, so
// the answer is simulated and deterministic (docs/decisions.md): the CSP Region from the postcode area, coverage and
// likelihood from a hash of the postcode, so the same address always gets the same answer.
import crypto from "node:crypto";
import type { CspRegion } from "@/generated/prisma/enums";
import { parsePostcode, parseUprn } from "@/lib/identifiers";
import { CODE } from "../codes";
import { srChild } from "../xml";
import { childText, NON_DEVICE_CODE, NonDeviceError, ok, requiredText, srElement, xsDate, type NonDeviceContext, type NonDeviceResult } from "./context";

/** Postcode areas of the North Region (Scotland, the North of England) and of the Central Region (Midlands, Wales, East Anglia); the rest are South. */
const NORTH_AREAS = new Set("AB DD DG EH FK G HS IV KA KW KY ML PA PH TD ZE BB BD BL CA CH CW DH DL DN FY HD HG HU HX L LA LS M NE OL PR S SK SR TS WA WF WN YO".split(" "));
const CENTRAL_AREAS = new Set("B CV DE DY HR LE LN NG NN ST TF WR WS WV LL LD SY SA CF NP CB IP NR PE".split(" "));

const DUIS_REGION: Record<CspRegion, string> = { NORTH: "North", CENTRAL: "Central", SOUTH: "South" };
const WAN_TECHNOLOGY: Record<CspRegion, string> = { NORTH: "Long Range Radio", CENTRAL: "Cellular", SOUTH: "Cellular" };

export function cspRegionOfPostcode(postcode: string): CspRegion {
  const area = /^[A-Z]+/.exec(postcode)?.[0] ?? "";
  return NORTH_AREAS.has(area) ? "NORTH" : CENTRAL_AREAS.has(area) ? "CENTRAL" : "SOUTH";
}

/** 12.1: the coverage answer for the UPRN (its Metering Point's postcode) or the postcode and house. */
export async function requestWanMatrix({ tx, request, receivedAt }: NonDeviceContext): Promise<NonDeviceResult> {
  const body = request.body;
  const uprnText = childText(body, "UPRN");
  let postcode: string | null;
  let echo: string;
  if (uprnText !== undefined) {
    const uprn = parseUprn(uprnText);
    const point = uprn ? await tx.meterPoint.findFirst({ where: { uprn }, select: { postcode: true } }) : null;
    if (!point) throw new NonDeviceError(NON_DEVICE_CODE.WAN_MATRIX_NO_ADDRESS, `UPRN ${uprnText.slice(0, 20)} is not in the Registration Data.`);
    postcode = point.postcode;
    echo = srElement("UPRN", uprnText);
  } else {
    const address = srChild(body, "PartialAddress");
    if (!address) throw new NonDeviceError(CODE.VERIFY, "RequestWANMatrix names neither a UPRN nor a PartialAddress.");
    const given = requiredText(address, "PostCode");
    postcode = parsePostcode(given);
    if (!postcode) throw new NonDeviceError(NON_DEVICE_CODE.WAN_MATRIX_NO_ADDRESS, `${given.slice(0, 10)} is not a full postcode.`);
    echo = `<sr:PartialAddress>${srElement("PostCode", given)}${srElement("AddressIdentifier", requiredText(address, "AddressIdentifier"))}</sr:PartialAddress>`;
  }
  const region = cspRegionOfPostcode(postcode);
  const draw = crypto.createHash("sha256").update(postcode).digest()[0];
  const covered = draw < 243;
  const likelihood = draw < 160 ? "High" : draw < 220 ? "Medium" : "Low";
  return ok(
    `<sr:DSPWANMatrix><sr:Request>${echo}</sr:Request><sr:DSPWANMatrixResponse>` +
      srElement("CSPRegion", DUIS_REGION[region]) +
      srElement("CSPRegionResponseCode", CODE.I0) +
      srElement("CoverageAvailability", String(covered)) +
      (covered ? "" : srElement("AnticipatedCoverageDate", xsDate(new Date(receivedAt.getTime() + 90 * 86_400_000)))) +
      srElement("WANTechnology", WAN_TECHNOLOGY[region]) +
      srElement("ConnectivityLikelihood", likelihood) +
      (likelihood === "Low" ? srElement("AuxiliaryEquipmentRequired", "External aerial") : "") +
      srElement("AdditionalInformation", "Simulated coverage: this DCC holds no SM WAN coverage database.") +
      "</sr:DSPWANMatrixResponse></sr:DSPWANMatrix>",
  );
}
