// The contract every list shares, so tables, pagination and CSV export work the same everywhere.
import type { z } from "zod";

export interface Page<T> {
  data: T[];
  count: number;
  page: number;
  perPage: number;
  totalPages: number;
  /** Filters of the query string that were ignored, each with why (see parseListFilters). */
  problems?: string[];
}

export const DEFAULT_PER_PAGE = 25;

export function pageWindow(page: number, perPage = DEFAULT_PER_PAGE) {
  return { skip: (Math.max(1, page) - 1) * perPage, take: perPage };
}

export function toPage<T>(data: T[], count: number, page: number, perPage = DEFAULT_PER_PAGE): Page<T> {
  return { data, count, page, perPage, totalPages: Math.max(1, Math.ceil(count / perPage)) };
}

/**
 * A list page's filters from its query string. A hand-edited or stale URL may hold anything: each value that does
 * not parse falls back to its default and is reported, so the page shows the list with a message, never an error.
 */
export function parseListFilters<S extends z.ZodObject>(schema: S, raw: Record<string, unknown>): { filters: z.output<S>; problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = field.safeParse(raw[key]);
    if (parsed.success) {
      values[key] = parsed.data;
    } else {
      problems.push(`${parsed.error.issues[0]?.message ?? `The ${key} filter is not valid.`} The filter was ignored.`);
      values[key] = field.safeParse(undefined).data;
    }
  }
  return { filters: values as z.output<S>, problems };
}
