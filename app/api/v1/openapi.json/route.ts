// The OpenAPI description of the DUIS gateway's HTTP endpoints: public, like the paths it describes.
import { OPENAPI } from "@/lib/duis/openapi";

export function GET(): Response {
  return Response.json(OPENAPI);
}
