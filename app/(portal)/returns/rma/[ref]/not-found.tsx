import Link from "next/link";

export default function RmaNotFound() {
  return (
    <div className="mx-auto max-w-xl py-10 text-center">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-semibold">RMA not found</h1>
      <p className="mt-2 text-slate-600">There is no RMA with that reference that your organisation can see. You see your own organisation&apos;s RMAs.</p>
      <Link href="/returns" className="mt-6 inline-block text-brand-700 underline">
        Back to CH returns
      </Link>
    </div>
  );
}
