/**
 * The event table's rows encoded as insert bodies: JSONEachRow, CSV (strings quoted, timestamps as
 * `YYYY-MM-DD hh:mm:ss`) and ArrowStream (DateTime as UInt32 seconds, strings as Utf8).
 */
import { Float64, makeVector, Table, tableToIPC, Uint8, Uint32, Uint64, Utf8, vectorFromArray } from 'apache-arrow';
import type { EventRows } from './events.ts';

/** Input formats the ingest benchmark sends. */
export type EventFormat = 'JSONEachRow' | 'CSV' | 'ArrowStream';

/** `YYYY-MM-DD hh:mm:ss` (UTC) of seconds since the epoch. */
function dateTimeText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

function jsonEachRow(r: EventRows, from: number, to: number): string {
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    lines.push(`{"ts":"${dateTimeText(r.ts[i]!)}","user_id":${r.userId[i]},"event":"${r.event[i]}","url":"${r.url[i]}",`
      + `"country":"${r.country[i]}","duration_ms":${r.durationMs[i]},"value":${r.value[i]},"session_id":${r.sessionId[i]},`
      + `"is_mobile":${r.isMobile[i]},"referrer":"${r.referrer[i]}"}\n`);
  }
  return lines.join('');
}

function csv(r: EventRows, from: number, to: number): string {
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    lines.push(`"${dateTimeText(r.ts[i]!)}",${r.userId[i]},"${r.event[i]}","${r.url[i]}","${r.country[i]}",`
      + `${r.durationMs[i]},${r.value[i]},${r.sessionId[i]},${r.isMobile[i]},"${r.referrer[i]}"\n`);
  }
  return lines.join('');
}

function arrowStream(r: EventRows, from: number, to: number): Uint8Array {
  const strings = (col: readonly string[]) => vectorFromArray(col.slice(from, to), new Utf8());
  const table = new Table({
    ts: makeVector({ type: new Uint32(), data: r.ts.subarray(from, to) }),
    user_id: makeVector({ type: new Uint64(), data: r.userId.subarray(from, to) }),
    event: strings(r.event),
    url: strings(r.url),
    country: strings(r.country),
    duration_ms: makeVector({ type: new Uint32(), data: r.durationMs.subarray(from, to) }),
    value: makeVector({ type: new Float64(), data: r.value.subarray(from, to) }),
    session_id: makeVector({ type: new Uint64(), data: r.sessionId.subarray(from, to) }),
    is_mobile: makeVector({ type: new Uint8(), data: r.isMobile.subarray(from, to) }),
    referrer: strings(r.referrer),
  });
  return tableToIPC(table, 'stream');
}

/** Rows [from, to) of `rows` as an insert body in `format`. */
export function encodeEvents(format: EventFormat, rows: EventRows, from: number, to: number): Uint8Array {
  switch (format) {
    case 'JSONEachRow': return Buffer.from(jsonEachRow(rows, from, to));
    case 'CSV': return Buffer.from(csv(rows, from, to));
    case 'ArrowStream': return arrowStream(rows, from, to);
  }
}
