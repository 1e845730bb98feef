// SMKI retrieval (as DCC Boxed's retrievecertificate): one certificate's PEM by its serial in decimal. Public.
import { normaliseSerial } from "@/lib/smki/keys";
import { certificatePemBySerial } from "@/lib/smki/read-certificates";

const text = (body: string, status: number) => new Response(`${body}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

export async function GET(_: Request, { params }: { params: Promise<{ serial: string }> }): Promise<Response> {
  const { serial } = await params;
  const normalised = normaliseSerial(serial);
  if (!normalised) return text("The serial must be the certificate's serial number in decimal.", 400);
  const pem = await certificatePemBySerial(normalised);
  if (!pem) return text(`No certificate with serial ${normalised}.`, 404);
  return new Response(pem, {
    headers: { "content-type": "application/x-pem-file", "content-disposition": `attachment; filename="${normalised}.crt.pem"`, "cache-control": "no-cache" },
  });
}
