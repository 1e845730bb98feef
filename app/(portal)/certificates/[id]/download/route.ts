// A certificate's PEM as a file: an ARO its own party's, a DCC admin any. The private key is never served.
import { can } from "@/lib/auth/policy";
import { routeWithActor } from "@/lib/auth/session";
import { formatEui64 } from "@/lib/identifiers";
import { readCertificate } from "@/lib/smki/read-certificates";
import { USAGE_SLUGS } from "@/lib/smki/schemas";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return routeWithActor(async (actor) => {
    const certificate = await readCertificate(actor, can(actor, "smki.manage") ? "smki.manage" : "smki.view", id);
    const filename = `${formatEui64(certificate.eui64)}.${USAGE_SLUGS[certificate.usage]}.${certificate.serial}.crt.pem`;
    return new Response(certificate.pem, { headers: { "content-type": "application/x-pem-file", "content-disposition": `attachment; filename="${filename}"` } });
  })(request);
}
