/** Rows each home panel lists; its count is exact whatever it lists. */
export const HOME_ROWS = 5;

/** One panel of a home: how many records need the reader, and the first HOME_ROWS of them. */
export interface Panel<T> {
  count: number;
  rows: T[];
}
