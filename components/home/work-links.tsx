import Link from "next/link";

export function WorkLinks({ links }: { links: [string, string, string][] }) {
  return (
    <ul className="space-y-2">
      {links.map(([href, label, description]) => (
        <li key={href}>
          <Link href={href} className="font-medium text-brand-700 hover:underline">
            {label}
          </Link>
          <span className="text-sm text-slate-600"> — {description}</span>
        </li>
      ))}
    </ul>
  );
}
