import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-10 text-center">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">There is nothing here, or it belongs to another organisation.</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        Back to home
      </Link>
    </main>
  );
}
