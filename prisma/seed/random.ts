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
