// People's names for the demo accounts: common first names and surnames of Great Britain (faker's en_GB locale
// falls back to American names with honorifics, "Miss Kaia Roob"), combined from a keyed stream so that a name
// depends only on the seed and the account, never on what else was drawn. No word is on both lists ("James James").
import { rng } from "./random";

const FIRST_NAMES = [
  "Oliver", "George", "Harry", "Jack", "Jacob", "Charlie", "Thomas", "James", "William", "Joshua",
  "Daniel", "Samuel", "Joseph", "Alfie", "Henry", "Callum", "Ryan", "Liam", "Owen", "Rhys",
  "Gareth", "Craig", "Stuart", "Iain", "Andrew", "David", "Mark", "Paul", "Richard", "Simon",
  "Amelia", "Olivia", "Emily", "Isla", "Ava", "Jessica", "Sophie", "Lily", "Grace", "Ella",
  "Charlotte", "Chloe", "Hannah", "Megan", "Lucy", "Rebecca", "Laura", "Sarah", "Emma", "Rachel",
  "Catherine", "Fiona", "Kirsty", "Siobhan", "Bethan", "Nia", "Priya", "Aisha", "Zara", "Imran",
];

const SURNAMES = [
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Hopkins", "Johnson",
  "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
  "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
  "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
  "Fletcher", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths",
  "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy",
  "Campbell", "Stewart", "MacDonald", "Reid", "Fraser", "Khan", "Begum", "Chapman", "Ellis", "Lloyd",
];

/** A first name and surname for the key (e.g. an account's email), the same for the same seed and key. */
export function britishName(seed: number, key: string): string {
  const r = rng(seed, "person-name", key);
  return `${r.pick(FIRST_NAMES)} ${r.pick(SURNAMES)}`;
}
