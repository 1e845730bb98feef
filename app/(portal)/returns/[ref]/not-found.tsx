import Link from "next/link";

export default function ReturnNotFound() {
  return (
    <div className="mx-auto max-w-xl py-10 text-center">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-semibold">Return not found</h1>
      <p className="mt-2 text-slate-600">There is no CH return record with that reference that your organisation can see. You see your own organisation&apos;s returns.</p>
      <Link href="/returns" className="mt-6 inline-block text-brand-700 underline">
        Back to CH returns
      </Link>
    </div>
  );
}
