import type { UserRole } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { londonDate, now } from "@/lib/clock";
import { csvLines } from "@/lib/csv";
import { db } from "@/lib/db";
import { formatEui64, mpanCheckDigit, mprnCheckDigit } from "@/lib/identifiers";
import { REGISTRATION_COLUMNS } from "./schemas";

const PLACEHOLDER: Record<UserRole, string> = {
  IS: "90-B3-D5-00-00-00-00-01",
  ES: "90-B3-D5-00-00-00-00-02",
  GS: "90-B3-D5-00-00-00-00-03",
  ED: "90-B3-D5-00-00-00-00-04",
  GT: "90-B3-D5-00-00-00-00-05",
  RSA: "90-B3-D5-00-00-00-00-06",
  OU: "90-B3-D5-00-00-00-00-07",
};

/**
 * A CSV template: the header and one electricity and one gas example line. The examples name real parties of this
 * installation holding the right roles where there are any, so the template imports as it is.
 */
export async function registrationTemplateCsv(actor: Actor): Promise<string> {
  authorize(actor, "registration.import");
  const parties = await db().party.findMany({
    where: { isDcc: false, roles: { hasSome: ["IS", "GS", "ED", "GT", "RSA"] } },
    select: { eui64: true, roles: true },
    orderBy: { name: "asc" },
  });
  const partyId = (role: UserRole) => {
    const party = parties.find((p) => p.roles.includes(role));
    return party ? formatEui64(party.eui64) : PLACEHOLDER[role];
  };
  const mpanBody = "199912345678";
  const mprnBody = "987654321";
  const today = londonDate(now());
  return csvLines([
    [...REGISTRATION_COLUMNS],
    [`${mpanBody}${mpanCheckDigit(mpanBody)}`, today, partyId("IS"), partyId("ED"), partyId("RSA"), "1 Example Street", "Coventry", "CV4 8DE", "100071234567"],
    [`${mprnBody}${mprnCheckDigit(mprnBody)}`, today, partyId("GS"), partyId("GT"), "", "Flat 2, 3 Example Road", "Leeds", "LS1 4AP", ""],
  ]);
}
