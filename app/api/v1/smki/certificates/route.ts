// SMKI search (as the SMKI repository's and DCC Boxed's certificatesearch): by serial, or by EUI-64 and usage.
// No sign-in: certificates are public, and a User's systems fetch the DCC's response-signing certificate here.
import type { CertificateUsage } from "@/generated/prisma/enums";
import { parseEui64 } from "@/lib/identifiers";
import { normaliseSerial } from "@/lib/smki/keys";
import { searchCertificates } from "@/lib/smki/read-certificates";
import { USAGE_SLUGS } from "@/lib/smki/schemas";

const USAGE_BY_SLUG = Object.fromEntries(Object.entries(USAGE_SLUGS).map(([usage, slug]) => [slug, usage])) as Record<string, CertificateUsage>;
const USAGE_LIST = Object.values(USAGE_SLUGS).join("|");

const badRequest = (text: string) => new Response(`${text}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const serial = params.get("serial");
  const eui = params.get("eui");
  const usage = params.get("usage");
  if (serial !== null && (eui !== null || usage !== null)) return badRequest("Search by serial, or by eui and usage, not both.");
  let query: Parameters<typeof searchCertificates>[0];
  if (serial !== null) {
    if (!normaliseSerial(serial)) return badRequest("serial must be the certificate's serial number in decimal.");
    query = { serial };
  } else if (eui !== null || usage !== null) {
    const eui64 = parseEui64(eui ?? "");
    if (!eui64) return badRequest("eui must be an EUI-64: 16 hexadecimal digits, e.g. 90-B3-D5-1F-30-00-00-02.");
    if (!usage || !USAGE_BY_SLUG[usage]) return badRequest(`usage must be one of ${USAGE_LIST}.`);
    query = { eui64, usage: USAGE_BY_SLUG[usage] };
  } else {
    return badRequest(`Give serial=<decimal>, or eui=<EUI-64>&usage=${USAGE_LIST}.`);
  }
  return Response.json(await searchCertificates(query), { headers: { "cache-control": "no-cache" } });
}
