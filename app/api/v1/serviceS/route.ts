// DUIS Send Command (CV 1, 3, 5, 7) web service (DCC Boxed path): the one gateway behind every Command Variant.
import { duisEndpoint } from "@/lib/duis/http";

export const POST = duisEndpoint("serviceS");
