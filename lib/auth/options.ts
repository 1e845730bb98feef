import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { endSessions, loadActor } from "./actor";
import { clientAddress } from "./client-address";
import { sameOriginPath } from "./redirect";
import { authSecret } from "./secret";
import { checkCredentials } from "./sign-in";

declare module "next-auth" {
  interface Session {
    accountId: string;
    sessionVersion?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    accountId?: string;
    partyId?: string;
    permissions?: string[];
    /** Account.sessionVersion at sign-in: the token stops working once the account's moves on. */
    sessionVersion?: number;
  }
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60; // a working day

export const authOptions: AuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const result = await checkCredentials(credentials?.email ?? "", credentials?.password ?? "", clientAddress(req?.headers));
        // next-auth passes a thrown message to the sign-in form as `error`.
        if (!result.ok) throw new Error(result.message);
        const actor = await loadActor(result.accountId);
        if (!actor) throw new Error("This account is disabled. Ask your administrator.");
        return { id: actor.accountId, email: actor.email, name: actor.name, partyId: actor.partyId, permissions: actor.permissions, sessionVersion: result.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // next-auth's own redirects (sign-in, sign-out) stay on the portal too.
    async redirect({ url, baseUrl }) {
      return new URL(sameOriginPath(url, baseUrl), baseUrl).toString();
    },
    async jwt({ token, user }) {
      if (user) {
        const u = user as typeof user & { partyId: string; permissions: string[]; sessionVersion: number };
        token.accountId = u.id;
        token.partyId = u.partyId;
        token.permissions = u.permissions;
        token.sessionVersion = u.sessionVersion;
      }
      return token;
    },
    async session({ session, token }) {
      session.accountId = token.accountId ?? "";
      session.sessionVersion = token.sessionVersion;
      return session;
    },
  },
  events: {
    // Signing out ends the session on the server too, so a copy of the cookie stops working.
    async signOut({ token }) {
      if (token?.accountId) await endSessions(token.accountId);
    },
  },
};
