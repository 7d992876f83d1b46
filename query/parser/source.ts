/**
 * Streaming-source statements: `CREATE SOURCE ... FROM KAFKA ...`, `DROP SOURCE`, `ALTER SOURCE
 * ... PAUSE | RESUME`. A source is a named, persistent consumer that appends a Kafka topic to a table.
 */
import type { AlterSource, CreateSource, DropSource } from './ast.ts';
import type { Cursor } from './cursor.ts';
import { freeze } from './build.ts';
import { parseQualifiedName } from './names.ts';
import { parseSettingList } from './settings.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** True when the tokens at the cursor are `<word> SOURCE` (CREATE / DROP / ALTER SOURCE). */
export function startsSourceStatement(c: Cursor): boolean {
  const t = c.peek(1);
  return t.kind === 'word' && t.upper === 'SOURCE';
}

function expectString(c: Cursor, what: string): string {
  const t = c.peek();
  if (t.kind !== 'string') {
    c.expect(what);
    c.fail();
  }
  c.next();
  return t.value as string;
}

/** `CREATE SOURCE [IF NOT EXISTS] name FROM KAFKA 'brokers' TOPIC 't' GROUP 'g' FORMAT F INTO [db.]t [SETTINGS ...]`. */
export function parseCreateSource(c: Cursor): CreateSource {
  const pos = c.expectKeyword('CREATE').pos;
  c.expectKeyword('SOURCE');
  const ifNotExists = c.acceptKeyword('IF', 'NOT', 'EXISTS');
  const name = c.expectIdentifier('source name');
  c.expectKeyword('FROM');
  c.expectKeyword('KAFKA');
  const brokers = expectString(c, 'broker list (string literal)');
  c.expectKeyword('TOPIC');
  const topic = expectString(c, 'topic name (string literal)');
  c.expectKeyword('GROUP');
  const group = expectString(c, 'consumer group (string literal)');
  c.expectKeyword('FORMAT');
  const format = c.expectIdentifier('format name');
  c.expectKeyword('INTO');
  const target = parseQualifiedName(c);
  const s: Mutable<CreateSource> = {
    kind: 'CreateSource', name, ifNotExists, brokers, topic, group, format, database: target.database, table: target.name, pos,
  };
  if (c.acceptKeyword('SETTINGS')) s.settings = parseSettingList(c);
  return freeze(s);
}

/** `DROP SOURCE [IF EXISTS] name`. */
export function parseDropSource(c: Cursor): DropSource {
  const pos = c.expectKeyword('DROP').pos;
  c.expectKeyword('SOURCE');
  const ifExists = c.acceptKeyword('IF', 'EXISTS');
  return freeze({ kind: 'DropSource', name: c.expectIdentifier('source name'), ifExists, pos });
}

/** `ALTER SOURCE name PAUSE | RESUME`. */
export function parseAlterSource(c: Cursor): AlterSource {
  const pos = c.expectKeyword('ALTER').pos;
  c.expectKeyword('SOURCE');
  const name = c.expectIdentifier('source name');
  if (c.acceptKeyword('PAUSE')) return freeze({ kind: 'AlterSource', name, action: 'pause', pos });
  c.expectKeyword('RESUME');
  return freeze({ kind: 'AlterSource', name, action: 'resume', pos });
}
