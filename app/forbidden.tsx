import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl p-10 text-center">
      <p className="text-sm font-semibold text-red-700">403</p>
      <h1 className="mt-1 text-2xl font-semibold">You do not have permission to see this</h1>
      <p className="mt-2 text-slate-600">Your account lacks the portal permission this area needs. Ask your organisation&apos;s administrator if you should have it.</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        Back to home
      </Link>
    </main>
  );
}
