import Link from "next/link";

export default function DeviceNotFound() {
  return (
    <div className="mx-auto max-w-xl py-10 text-center">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-semibold">Device not in the SMI</h1>
      <p className="mt-2 text-slate-600">There is no device with that Device ID in the Smart Metering Inventory. It may have been deleted, or the ID mistyped.</p>
      <Link href="/smi" className="mt-6 inline-block text-brand-700 underline">
        Search the Inventory
      </Link>
    </div>
  );
}
