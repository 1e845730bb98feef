// DUIS Transform (CV 4) web service (DCC Boxed path): the one gateway behind every Command Variant.
import { duisEndpoint } from "@/lib/duis/http";

export const POST = duisEndpoint("serviceT");
