import { parse } from 'csv-parse/sync';

/**
 * Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks),
 * with csv-parse. Each row carries its 1-based starting line so loaders can name a bad row; rows may differ in
 * length, so a loader can report a short row instead of the parser failing the whole file.
 */
export function parseCsv(text: string, delimiter = ','): Array<{ line: number; fields: string[] }> {
  const records = parse(text, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as Array<{
    record: string[];
    info: { lines: number; raw?: string };
  }>;
  let nextLine = 1;
  return records.map(({ record, info }) => {
    const row = { line: nextLine, fields: record };
    nextLine = info.lines + 1;
    return row;
  });
}
