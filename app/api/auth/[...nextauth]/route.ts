import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { requestIdFrom, withRequestId } from "@/lib/request-id";

const handler = NextAuth(authOptions);

// A sign-in can write audit rows (a lock-out): like every request's, they carry its request id.
function withId(request: Request, context: RouteContext<"/api/auth/[...nextauth]">) {
  return withRequestId(requestIdFrom(request.headers.get("x-request-id")), () => handler(request, context));
}

export { withId as GET, withId as POST };
