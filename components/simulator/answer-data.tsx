// A Device's decoded answer (ServiceRequest.responseData) as nested definition lists: the Service Request page and
// the simulator's inspector show it. Server- and client-safe.
import { DefinitionList } from "@/components/ui/card";
import { formatCount } from "@/lib/format";

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** "meterBalance" -> "Meter balance", "UTRN" stays. */
export function humanise(key: string): string {
  if (/^[A-Z0-9_.-]+$/.test(key)) return key;
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

const isPlain = (v: Value): v is string | number | boolean | null => v === null || typeof v !== "object";

function show(value: Value): React.ReactNode {
  if (value === null) return <span className="text-slate-500">—</span>;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return <span className="tabular-nums">{formatCount(value)}</span>;
  if (typeof value === "string") return <span className="break-all">{value}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-500">None</span>;
    if (value.every(isPlain)) return <span className="break-all tabular-nums">{value.map((v) => (v === null ? "—" : String(v))).join(", ")}</span>;
    return (
      <ol className="space-y-2">
        {value.map((item, i) => (
          <li key={i} className="rounded border border-slate-200 p-2">
            {show(item)}
          </li>
        ))}
      </ol>
    );
  }
  return <DefinitionList items={Object.entries(value).map(([k, v]) => [humanise(k), show(v)])} />;
}

export function AnswerData({ data, testId = "answer-data" }: { data: unknown; testId?: string }) {
  const value = data as Value;
  if (value === null || value === undefined || (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0)) {
    return <p className="text-sm text-slate-600">The answer carries no values.</p>;
  }
  return <div data-testid={testId}>{show(value)}</div>;
}
