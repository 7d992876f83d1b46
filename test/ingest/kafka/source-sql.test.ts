/**
 * The pieces of Kafka ingestion that need no broker: the SOURCE statements' syntax, source settings,
 * and the batch decoder's fall-back to per-message decoding.
 */
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../../query/parser/index.ts';
import { T } from '../../../src/core/types.ts';
import { getDecoder } from '../../../ingest/decoders/index.ts';
import { decodeMessages, offsetKey, resolveSourceSettings, storedOffset } from '../../../ingest/kafka/index.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('SOURCE statements', () => {
  it('parses CREATE SOURCE with every clause', () => {
    expect(parseStatement("CREATE SOURCE IF NOT EXISTS s FROM KAFKA '127.0.0.1:9092,127.0.0.1:9093' TOPIC 't' GROUP 'g' "
      + 'FORMAT JSONEachRow INTO db.events SETTINGS max_batch_ms = 50, dead_letter_table = \'bad\'')).toEqual({
      kind: 'CreateSource', name: 's', ifNotExists: true, brokers: '127.0.0.1:9092,127.0.0.1:9093', topic: 't', group: 'g',
      format: 'JSONEachRow', database: 'db', table: 'events', settings: { max_batch_ms: 50, dead_letter_table: 'bad' }, pos: 0,
    });
  });

  it('parses DROP SOURCE and ALTER SOURCE PAUSE | RESUME, and leaves DROP/ALTER TABLE alone', () => {
    expect(parseStatement('DROP SOURCE IF EXISTS s')).toEqual({ kind: 'DropSource', name: 's', ifExists: true, pos: 0 });
    expect(parseStatement('ALTER SOURCE s PAUSE')).toEqual({ kind: 'AlterSource', name: 's', action: 'pause', pos: 0 });
    expect(parseStatement('alter source s resume')).toEqual({ kind: 'AlterSource', name: 's', action: 'resume', pos: 0 });
    expect(parseStatement('DROP TABLE source').kind).toBe('Drop');
    expect(parseStatement('ALTER TABLE t DROP COLUMN c').kind).toBe('Alter');
  });

  it('reports what was expected on a malformed statement', () => {
    expect(() => parseStatement("CREATE SOURCE s FROM KAFKA 'b' TOPIC t")).toThrow(/topic name/);
    expect(() => parseStatement('ALTER SOURCE s STOP')).toThrow(/RESUME/);
  });
});

describe('source settings', () => {
  it('applies defaults and passes format settings through', () => {
    const s = resolveSourceSettings({ max_batch_messages: 10, format_csv_delimiter: ';' });
    expect(s.maxBatchMessages).toBe(10);
    expect(s.maxBatchMs).toBe(250);
    expect(s.autoOffsetReset).toBe('earliest');
    expect(s.formatSettings).toEqual({ format_csv_delimiter: ';' });
  });

  it('rejects unknown settings and bad values', () => {
    expect(() => resolveSourceSettings({ no_such_thing: 1 })).toThrow(/Unknown setting/);
    expect(() => resolveSourceSettings({ max_batch_messages: 0 })).toThrow(/max_batch_messages/);
    expect(() => resolveSourceSettings({ auto_offset_reset: 'middle' })).toThrow(/earliest/);
  });

  it('keys offsets by source, topic and partition', () => {
    expect(offsetKey('s', 't', 3)).toBe('kafka:s:t:3');
    expect(storedOffset({ 'kafka:s:t:3': '42' }, 'kafka:s:t:3')).toBe(42n);
    expect(storedOffset({}, 'kafka:s:t:3')).toBe(-1n);
  });
});

describe('decodeMessages', () => {
  const fields = [{ name: 'id', type: T.UInt64 }, { name: 's', type: T.String }];
  const decode = getDecoder('JSONEachRow');

  it('decodes a run in one pass, with several rows or an array per message', async () => {
    const r = await decodeMessages(decode, [
      { offset: '0', value: enc('{"id":1,"s":"a"}') },
      { offset: '1', value: enc('{"id":2,"s":"b"}\n{"id":3,"s":"c"}\n') },
      { offset: '2', value: enc('[{"id":4,"s":"d"},{"id":5,"s":"e"}]') },
      { offset: '3', value: null },
    ], fields, {});
    expect(r.rows).toBe(5);
    expect(r.bad).toEqual([]);
  });

  it('isolates the bad messages when the run fails', async () => {
    const r = await decodeMessages(decode, [
      { offset: '10', value: enc('{"id":1,"s":"a"}') },
      { offset: '11', value: enc('{"id":"x","s":"b"}') },
      { offset: '12', value: enc('{"id":3,') },
      { offset: '13', value: enc('{"id":4,"s":"d"}') },
    ], fields, {});
    expect(r.rows).toBe(2);
    expect(r.bad.map((b) => [b.offset, new TextDecoder().decode(b.raw)])).toEqual([[11n, '{"id":"x","s":"b"}'], [12n, '{"id":3,']]);
    expect(r.bad[0]!.error).toMatch(/UInt64/);
  });
});
