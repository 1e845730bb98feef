import { stringify } from "csv-stringify/sync";

// The one CSV writer: every file the portal offers goes through csvLines.

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvCell;
}

/**
 * A spreadsheet runs a text cell that starts with =, +, -, @, a tab or a carriage return as a formula (CSV injection):
 * such text gets a leading apostrophe, as OWASP recommends, so it shows as typed. Numbers stay numbers.
 */
export function csvCell(value: CsvCell): string | number | boolean {
  if (value === null || value === undefined) return "";
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Rows of cells as CSV text, one line each. */
export function csvLines(rows: CsvCell[][]): string {
  return stringify(rows.map((row) => row.map(csvCell)));
}

export function csvHeader<T>(columns: CsvColumn<T>[]): string {
  return csvLines([columns.map((c) => c.header)]);
}

export function csvRows<T>(rows: T[], columns: CsvColumn<T>[]): string {
  return csvLines(rows.map((row) => columns.map((c) => c.value(row))));
}

/** A streamed CSV download: the header, then each batch the generator yields, so large exports never sit in memory. */
export function csvResponse<T>(filename: string, columns: CsvColumn<T>[], batches: AsyncIterable<T[]>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(csvHeader(columns)));
      for await (const batch of batches) controller.enqueue(encoder.encode(csvRows(batch, columns)));
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` },
  });
}
