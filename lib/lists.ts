// The contract every list shares, so tables, pagination and CSV export work the same everywhere.
export interface Page<T> {
  data: T[];
  count: number;
  page: number;
  perPage: number;
  totalPages: number;
}

export const DEFAULT_PER_PAGE = 25;

export function pageWindow(page: number, perPage = DEFAULT_PER_PAGE) {
  return { skip: (Math.max(1, page) - 1) * perPage, take: perPage };
}

export function toPage<T>(data: T[], count: number, page: number, perPage = DEFAULT_PER_PAGE): Page<T> {
  return { data, count, page, perPage, totalPages: Math.max(1, Math.ceil(count / perPage)) };
}
