/**
 * Kafka offsets stored in Eddy: each insert of a source carries `{ 'kafka:<source>:<topic>:<partition>':
 * '<next offset>' }` as its `extra`, committed atomically with the rows (WAL record, then part
 * metadata). The table's `committedExtra()` then says where each partition resumes.
 */

/** The `extra` key under which a source stores a partition's next offset. */
export function offsetKey(source: string, topic: string, partition: number): string {
  return `kafka:${source}:${topic}:${partition}`;
}

/** The next offset stored under `key`, or -1 when none is stored. */
export function storedOffset(committed: Readonly<Record<string, string>>, key: string): bigint {
  const v = committed[key];
  if (v === undefined || !/^\d+$/.test(v)) return -1n;
  return BigInt(v);
}
