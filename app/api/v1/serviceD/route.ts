// DUIS Non-Device (CV 2, 6, 8) web service (DCC Boxed path): the one gateway behind every Command Variant.
import { duisEndpoint } from "@/lib/duis/http";

export const POST = duisEndpoint("serviceD");
