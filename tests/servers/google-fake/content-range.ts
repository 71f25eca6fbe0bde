/** A chunk's or a status query's `Content-Range`, as the resumable protocol uses it. */
export type UploadContentRange =
  /** `bytes *\/<total>`: "what have you got?" (or, for an empty file, "that was all"). */
  | { kind: 'query'; total: number }
  /** `bytes <first>-<last>/<total or *>` */
  | { kind: 'chunk'; first: number; last: number; total: number | null };

export function parseUploadContentRange(header: string | undefined): UploadContentRange | null {
  const text = header?.trim() ?? '';
  const query = /^bytes \*\/(\d+)$/.exec(text);
  if (query) return { kind: 'query', total: Number(query[1]) };
  const chunk = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(text);
  if (!chunk) return null;
  const first = Number(chunk[1]);
  const last = Number(chunk[2]);
  if (last < first) return null;
  return { kind: 'chunk', first, last, total: chunk[3] === '*' ? null : Number(chunk[3]) };
}
