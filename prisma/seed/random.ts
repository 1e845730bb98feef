// Deterministic demo data: every generator draws from one seeded faker, so a seed run always builds the same data.
import { Faker, en_GB, en } from "@faker-js/faker";

export function seededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en_GB, en] });
  faker.seed(seed);
  return faker;
}

export function eui64From(faker: Faker): string {
  return faker.string.hexadecimal({ length: 16, casing: "upper", prefix: "" });
}

// Streams keyed by their parts, for generators that must not shift when another part of the plan changes.

/** FNV-1a over the parts: the same parts always give the same 32-bit number. */
export function hash(parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("|")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A mulberry32 stream seeded from the parts. */
export function rng(...parts: (string | number)[]) {
  let state = hash(parts);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}
export type Rng = ReturnType<typeof rng>;
