import { RestoreThresholdsForm } from "@/components/tad/adt-forms";
import { Badge } from "@/components/ui/card";
import { plural } from "@/lib/format";
import type { listThresholdVersions } from "@/lib/tad/thresholds";
import { formatLondon } from "@/lib/clock";

type Version = Awaited<ReturnType<typeof listThresholdVersions>>[number];

const limit = (t: Version["thresholds"][number]) =>
  t.kind === "PACKET" ? `${t.param} in [${t.minValue ?? "−∞"}, ${t.maxValue ?? "+∞"}]` : `more than ${t.maxCount} in ${t.periodMinutes} min`;

/** Threshold versions, the one in force open; each with its rows. With `restore`, a temporary party version in force offers its restore. */
export function ThresholdVersions({ versions, restore = false }: { versions: Version[]; restore?: boolean }) {
  return (
    <div className="space-y-2" data-testid="threshold-versions">
      {versions.map((v) => (
        <details key={v.id} open={v.active} className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <summary className="cursor-pointer px-3 py-2 text-sm">
            <span className="font-medium">
              {v.userRole ?? "DCC"} version {v.version}
            </span>{" "}
            {v.active ? <Badge tone="green">in force</Badge> : <Badge>replaced</Badge>} {v.temporary ? <Badge tone="amber">temporary</Badge> : null}{" "}
            <span className="text-slate-600">
              applied {formatLondon(v.appliedAt)}
              {v.submission ? ` from ${v.submission.reference}` : v.createdBy ? ` by ${v.createdBy.name}` : ""} · {plural(v.thresholds.length, "threshold")}
            </span>
          </summary>
          {restore && v.active && v.temporary && v.partyId ? (
            <div className="border-t border-slate-100 px-3 py-2 text-sm">
              <p className="mb-2 text-slate-700">A temporary change: restoring puts the version before it back in force as a new version.</p>
              <RestoreThresholdsForm setId={v.id} label={`Restore the version before ${v.version}`} />
            </div>
          ) : null}
          <div className="relative overflow-x-auto">
            <table className="w-full border-t border-slate-100 text-left text-sm">
              <caption className="sr-only">
                {v.userRole ?? "DCC"} version {v.version}
              </caption>
              <thead className="bg-slate-50 text-xs uppercase text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-1">SRV</th>
                  <th scope="col" className="px-3 py-1">Kind</th>
                  <th scope="col" className="px-3 py-1">Breached by</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {v.thresholds.map((t) => (
                  <tr key={t.id}>
                    <td className="px-3 py-1 font-mono text-xs">{t.srv}</td>
                    <td className="px-3 py-1">{t.kind}</td>
                    <td className="px-3 py-1">{limit(t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}
    </div>
  );
}
