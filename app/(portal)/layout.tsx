import Link from "next/link";
import { NavLinks } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { requireActor } from "@/lib/auth/session";
import { navigationFor } from "@/lib/navigation";

// Every portal page reads the session and the database: never prerender.
export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const nav = navigationFor(actor).map(({ href, label }) => ({ href, label }));
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-2">
          <Link href="/" className="font-semibold tracking-tight">
            DCC Self-Service Interface
          </Link>
          <div className="flex items-center gap-4 text-sm">
            <Link href={`/parties/${actor.partyId}`} data-testid="header-party" className="hover:underline">
              {actor.partyName}
            </Link>
            <Link href={`/accounts/${actor.accountId}`} data-testid="header-account" className="text-white/80 hover:underline">
              {actor.name} · {actor.email}
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <nav aria-label="Main" className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-7xl px-4 py-1.5">
          <NavLinks items={nav} />
        </div>
      </nav>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
