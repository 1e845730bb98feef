// What a traffic run sends, as pure functions of the run's seed and the request's index in the run: any worker can
// draw any index and get the same request kind, the same target key and the same values, so a run repeats under its
// seed and two workers sharing a run send exactly what one worker would have.
import { hashOf } from "../state";

/** Highest rate a run may ask for: the gateway's own benchmark figure (2,000 requests a second). */
export const MAX_RATE = 2_000;

/** The reads a supplier's system sends on a normal day (6.2.7 stands for the 6.2.x configuration reads). */
export const SUPPLIER_READS = ["4.1.1", "4.8.1", "4.17", "7.4", "11.2", "6.2.7"] as const;
export type SupplierRead = (typeof SUPPLIER_READS)[number];

/**
 * One request of a run, before its target is looked up. `key` is a Device ID-shaped position: the target is the first
 * device at or after it that fits (lib/simulator/traffic/targets.ts), so targets spread over the whole inventory.
 */
export type Draw =
  | { kind: "read"; srv: SupplierRead; key: string }
  /** A Network Operator's read (ED of an ESME, GT of a GSME). */
  | { kind: "network-read"; key: string }
  /** 1.1.1 on an ESME (Critical); prices in hundredths of a penny. */
  | { kind: "tariff"; key: string; standingCharge: number; unitRate: number }
  /** 2.2 on a prepayment meter. */
  | { kind: "top-up"; key: string; utrn: string }
  /** 8.11 add of a Pending meter to its site's Commissioned CHF. */
  | { kind: "han-add"; key: string; installCode: string; joinTimePeriod: number }
  /** 8.1.1 of a Whitelisted or Installed Not Commissioned meter whose CHF is Commissioned (Critical). */
  | { kind: "commission"; key: string }
  /** 11.1 to a few meters of one model and supplier. */
  | { kind: "firmware-batch"; key: string; size: number }
  /** 7.2 (Critical) from the scenario's one supplier. */
  | { kind: "disable-supply"; key: string }
  /** The firmware campaign's one 11.1 naming every meter of the campaign. */
  | { kind: "campaign-update" }
  /** The campaign's 11.3 for its n-th meter (0-based). */
  | { kind: "campaign-activate"; meter: number }
  /** A supplier's read of a device of a recalled CH model. */
  | { kind: "recalled-read"; key: string; pick: number };

/** murmur3's finaliser: FNV-1a alone leaves sequential inputs' hashes close together. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The random numbers of one draw: the n-th is a function of (seed, index, n) alone. */
export function drawRandom(seed: number, index: number) {
  let n = 0;
  const word = () => mix(hashOf(`${seed}:${index}:${n++}`));
  const next = () => word() / 4_294_967_296;
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    /** 16 upper-case hex digits. */
    key: () => word().toString(16).padStart(8, "0").toUpperCase() + word().toString(16).padStart(8, "0").toUpperCase(),
    digits: (count: number) => Array.from({ length: count }, () => String(word() % 10)).join(""),
    hex: (bytes: number) => Array.from({ length: bytes * 2 }, () => (word() % 16).toString(16).toUpperCase()).join(""),
  };
}
export type DrawRandom = ReturnType<typeof drawRandom>;

/** Picks by weight with one random number. */
export function weighted<T>(r: number, choices: readonly (readonly [number, T])[]): T {
  const total = choices.reduce((sum, [w]) => sum + w, 0);
  let at = r * total;
  for (const [w, choice] of choices) {
    if ((at -= w) < 0) return choice;
  }
  return choices[choices.length - 1][1];
}

type Make = (r: DrawRandom) => Draw;

/**
 * A normal day, per 100 requests: 61 supplier reads, 12 Network Operator reads, 8 tariff pushes, 8 top-ups, 4 HAN
 * adds, 4 commissions and 3 small firmware batches.
 */
const NORMAL_DAY: readonly (readonly [number, Make])[] = [
  [22, (r) => ({ kind: "read", srv: "4.1.1", key: r.key() })],
  [10, (r) => ({ kind: "read", srv: "4.8.1", key: r.key() })],
  [10, (r) => ({ kind: "read", srv: "4.17", key: r.key() })],
  [8, (r) => ({ kind: "read", srv: "7.4", key: r.key() })],
  [6, (r) => ({ kind: "read", srv: "11.2", key: r.key() })],
  [5, (r) => ({ kind: "read", srv: "6.2.7", key: r.key() })],
  [12, (r) => ({ kind: "network-read", key: r.key() })],
  [8, (r) => ({ kind: "tariff", key: r.key(), standingCharge: r.int(4_000, 6_500), unitRate: r.int(2_000, 3_500) })],
  [8, (r) => ({ kind: "top-up", key: r.key(), utrn: r.digits(20) })],
  [4, (r) => ({ kind: "han-add", key: r.key(), installCode: r.hex(16), joinTimePeriod: r.int(60, 300) })],
  [4, (r) => ({ kind: "commission", key: r.key() })],
  [3, (r) => ({ kind: "firmware-batch", key: r.key(), size: r.int(2, 5) })],
];

export function normalDayDraw(seed: number, index: number): Draw {
  const r = drawRandom(seed, index);
  return weighted(r.next(), NORMAL_DAY)(r);
}

export const compromisedSupplierDraw = (seed: number, index: number): Draw => ({ kind: "disable-supply", key: drawRandom(seed, index).key() });

/** Index 0 distributes the image to every meter; index n activates it on meter n - 1. */
export const firmwareCampaignDraw = (_seed: number, index: number): Draw => (index === 0 ? { kind: "campaign-update" } : { kind: "campaign-activate", meter: index - 1 });

export function recalledReadDraw(seed: number, index: number): Draw {
  const r = drawRandom(seed, index);
  return { kind: "recalled-read", key: r.key(), pick: r.int(0, 1_000_000) };
}
