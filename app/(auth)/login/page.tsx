import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { sameOriginPath } from "@/lib/auth/redirect";
import { getActor } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getActor()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only paths on the portal: an open redirect after sign-in would be a phishing aid.
  const next = sameOriginPath(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-xs font-semibold uppercase tracking-wider text-brand-700">Data and Communications Company</p>
        <h1 className="mb-1 text-xl font-semibold">Self-Service Interface</h1>
        <p className="mb-6 text-sm text-slate-600">Sign in with your SSI account.</p>
        <LoginForm next={next} />
      </div>
    </main>
  );
}
