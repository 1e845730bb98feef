// Incident Categories and their targets (Table 16, L6346-6353). The seed defines only Category 1; the meanings of
// 2-5 are ours (service.md §9.1) and live here, as data, so they can be changed in one place.
import { addHours, addMinutes } from "date-fns";
import { addWorkingDays } from "@/lib/clock";

/** Category 1 is phoned in (AG 2.2.2); the raise form shows this number. */
export const SERVICE_DESK_PHONE = "0300 123 4567";

export type Category = 1 | 2 | 3 | 4 | 5;
export const CATEGORIES: readonly Category[] = [1, 2, 3, 4, 5];

/** "hours"/"minutes" are elapsed time; "days" are Working Days (England and Wales), keeping the time of day (D5). */
export interface Target {
  amount: number;
  unit: "minutes" | "hours" | "workingDays";
  label: string;
}

export interface CategoryDefinition {
  category: Category;
  name: string;
  meaning: string;
  response: Target;
  resolution: Target;
  /** CPM 4 / CPM 5 (L6072-6073): monthly share resolved within target. */
  targetPercent: number;
  minimumPercent: number;
}

export const CATEGORY_DEFINITIONS: Record<Category, CategoryDefinition> = {
  1: {
    category: 1,
    name: "Major Incident",
    meaning: "A Major Incident or Major Security Incident. Phone the Service Desk: it is not raised in the portal.",
    response: { amount: 10, unit: "minutes", label: "10 minutes" },
    resolution: { amount: 4, unit: "hours", label: "4 hours" },
    targetPercent: 100,
    minimumPercent: 85,
  },
  2: {
    category: 2,
    name: "High",
    meaning: "A DCC service is unavailable or badly degraded for many consumers or several Users, with no workaround.",
    response: { amount: 20, unit: "minutes", label: "20 minutes" },
    resolution: { amount: 24, unit: "hours", label: "24 hours" },
    targetPercent: 100,
    minimumPercent: 85,
  },
  3: {
    category: 3,
    name: "Medium",
    meaning: "A service is degraded for one User or a region, or many devices are affected but a workaround exists.",
    response: { amount: 45, unit: "minutes", label: "45 minutes" },
    resolution: { amount: 72, unit: "hours", label: "72 hours" },
    targetPercent: 90,
    minimumPercent: 80,
  },
  4: {
    category: 4,
    name: "Low",
    meaning: "A fault affecting a few devices or premises, or one business process, with a workaround.",
    response: { amount: 3, unit: "hours", label: "3 hours" },
    resolution: { amount: 5, unit: "workingDays", label: "5 Working Days" },
    targetPercent: 90,
    minimumPercent: 80,
  },
  5: {
    category: 5,
    name: "Minor",
    meaning: "A query or cosmetic fault with no effect on the service to consumers.",
    response: { amount: 1, unit: "workingDays", label: "1 Working Day" },
    resolution: { amount: 10, unit: "workingDays", label: "10 Working Days" },
    targetPercent: 90,
    minimumPercent: 80,
  },
};

export function addTarget(from: Date, target: Target): Date {
  if (target.unit === "minutes") return addMinutes(from, target.amount);
  if (target.unit === "hours") return addHours(from, target.amount);
  return addWorkingDays(from, target.amount);
}

const NOMINAL_MS = { minutes: 60_000, hours: 3_600_000, workingDays: 86_400_000 } as const;

/** "At risk": less than a quarter of the nominal resolution window is left (a Working Day counts as 24 hours here). */
export function atRiskWithinMs(category: Category): number {
  const { amount, unit } = CATEGORY_DEFINITIONS[category].resolution;
  return (amount * NOMINAL_MS[unit]) / 4;
}

/** Response and resolution due times counted from when the incident was logged. */
export function dueTimes(loggedAt: Date, category: Category) {
  const definition = CATEGORY_DEFINITIONS[category];
  return { responseDueAt: addTarget(loggedAt, definition.response), resolutionDueAt: addTarget(loggedAt, definition.resolution) };
}

/** Major Incident reports (H9.13-9.14): summary within 2 WD and review within 20 WD of resolution. */
export const MAJOR_SUMMARY_WORKING_DAYS = 2;
export const MAJOR_REVIEW_WORKING_DAYS = 20;
/** A resolution may be disputed, and otherwise closes, after 3 WD (AG 2.12.6). */
export const DISPUTE_WORKING_DAYS = 3;
