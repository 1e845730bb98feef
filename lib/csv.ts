import { stringify } from "csv-stringify/sync";

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

export function csvHeader<T>(columns: CsvColumn<T>[]): string {
  return stringify([columns.map((c) => c.header)]);
}

export function csvRows<T>(rows: T[], columns: CsvColumn<T>[]): string {
  return stringify(rows.map((row) => columns.map((c) => c.value(row) ?? "")));
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
